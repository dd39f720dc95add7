/** A compiled statement: its SQL and its parameters in order. */
export type Compiled = { sql: string; parameters: readonly unknown[] };

/**
 * A statement that Kysely builds once and that is then reused with new values (building and compiling a
 * query costs more than running most of ours: see `db/README.md`). The builder is compiled with a unique
 * marker in every input field, which tells where each field's value goes in the parameter list (other
 * parameters are the builder's own constants). The first call checks the plan against a real compilation of
 * its input, so a builder whose SQL or parameters do not follow its input is refused.
 */
export function reusable<T extends object>(build: (input: T) => { compile(): Compiled }): (input: T) => Compiled {
  let plan: { sql: string; slots: ({ field: keyof T } | { constant: unknown })[] } | undefined;
  const bind = (input: T): Compiled => {
    const slots = plan!.slots;
    const parameters = new Array(slots.length);
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i];
      parameters[i] = 'field' in slot ? input[slot.field] : slot.constant;
    }
    return { sql: plan!.sql, parameters };
  };
  return (input) => {
    if (plan) return bind(input);
    const keys = Object.keys(input) as (keyof T)[];
    const marker = (i: number) => `\u0000marker${i}\u0000`;
    const markers = Object.fromEntries(keys.map((key, i) => [key, marker(i)])) as T;
    const compiled = build(markers).compile();
    plan = {
      sql: compiled.sql,
      slots: compiled.parameters.map((p) => {
        const index = keys.findIndex((_, i) => p === marker(i));
        return index < 0 ? { constant: p } : { field: keys[index] };
      }),
    };
    const real = build(input).compile();
    const bound = bind(input);
    if (real.sql !== bound.sql || real.parameters.some((p, i) => !Object.is(p, bound.parameters[i]))) {
      throw new Error('this statement cannot be reused: its SQL or parameters do not follow its input');
    }
    return bound;
  };
}
