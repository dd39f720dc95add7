/**
 * The hand-off from `loader.js` to the element: the widget's first two requests, started at the click
 * while the element's script is still on its way. Loader and element are separate bundles, so the key is
 * a registered symbol (the same in both), not a module-level object.
 */
export const WARM_UP = Symbol.for('netscout-support.warm-up');

/** The requests the loader started for one widget. */
export interface WarmUp {
  /** API base, without trailing slash. */
  base: string;
  token: string | undefined;
  /** When they were started (`Date.now()`): an old answer is not used. */
  at: number;
  me?: Promise<Response>;
  calendar: Promise<Response>;
}

/** An element the loader may leave a warm-up on (before or after the element is defined). */
export interface WarmUpTarget {
  [WARM_UP]?: WarmUp;
}

/** Leaves `warmUp` on `widget` for the element to take. */
export function leaveWarmUp(widget: HTMLElement, warmUp: WarmUp): void {
  (widget as HTMLElement & WarmUpTarget)[WARM_UP] = warmUp;
}

/** Takes the warm-up left on `widget` (once) if it is for this API and token and at most 10 s old. */
export function takeWarmUp(widget: WarmUpTarget, base: string, token: string | undefined, now: number) {
  const warm = widget[WARM_UP];
  delete widget[WARM_UP];
  if (!warm || now - warm.at > 10_000) return undefined;
  if (warm.base !== base.replace(/\/+$/, '') || warm.token !== token) return undefined;
  return warm;
}
