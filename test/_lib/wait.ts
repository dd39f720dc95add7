import { vi } from 'vitest';

/**
 * How long a test waits for a condition before it fails. Generous on purpose: it only ends a test that
 * would otherwise hang (a loaded 2-core CI runner can be seconds late); it is never a timing assertion.
 */
export const PATIENCE_MS = 30_000;

/**
 * Waits until `check` returns a truthy value (or a promise of one) and resolves with it: a wait on the
 * condition a test cares about instead of a fixed sleep. `check` is asked again every `intervalMs`; an
 * error it throws ends the wait at once. After `timeoutMs` the wait fails, naming `what` it waited for.
 *
 * @example
 * await until('the badge to show one answer', () => worker.evaluate(() => chrome.action.getBadgeText({})).then((t) => t === '1'));
 */
export async function until<T>(
  what: string,
  check: () => T | Promise<T>,
  { timeoutMs = PATIENCE_MS, intervalMs = 20 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<NonNullable<T>> {
  try {
    return (await vi.waitUntil(check, { timeout: timeoutMs, interval: intervalMs })) as NonNullable<T>;
  } catch (error) {
    if (error instanceof Error && error.message === 'Timed out in waitUntil!') {
      throw new Error(`gave up after ${timeoutMs} ms waiting for ${what}`, { cause: error });
    }
    throw error;
  }
}
