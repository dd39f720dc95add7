import { describe, expect, it } from 'vitest';
import { contract } from '../../core/api/schemas.js';
import { newId } from '../../server/domain/ids.js';

describe('identifiers', () => {
  it('are valid contract identifiers, unique, and sort in the order they were made', () => {
    const start = Date.parse('2026-11-26T17:00:00Z');
    const ids = Array.from({ length: 10_000 }, (_, i) => newId('case', start + i * 37));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 100)) expect(contract.Case.shape.id.safeParse(id).success).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    // Many in the same millisecond stay distinct.
    const same = Array.from({ length: 10_000 }, () => newId('case', start));
    expect(new Set(same).size).toBe(same.length);
    expect(
      [...same, newId('case', start + 1)]
        .sort()
        .at(-1)
        ?.startsWith(newId('case', start + 1).slice(0, 13)),
    ).toBe(true);
  });
});
