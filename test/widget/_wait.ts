// Waiting on a condition, for every test file: the loader's tests cannot import _helpers.ts, which brings
// the element's bundle with it, while they check what a page has with the loader alone.

type Falsy = undefined | null | false | 0 | '';

/**
 * Waits until `probe` returns (or resolves to) something truthy: the UI reacting to the real server, a row
 * reaching IndexedDB, a case reaching the server. Throws, naming `what`, after `timeoutMs`.
 */
export async function waitFor<T>(
  probe: () => T | Falsy | Promise<T | Falsy>,
  what: string,
  timeoutMs = 8000,
): Promise<T> {
  const started = performance.now();
  for (;;) {
    const value = await probe();
    if (value) return value as T;
    if (performance.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    // The step between two looks at the condition, not a wait for anything to happen.
    await new Promise((next) => setTimeout(next, 20));
  }
}
