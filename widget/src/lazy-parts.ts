/**
 * The parts a customer may never open — one case's conversation, self-help, the paid plan — are separate
 * chunks, fetched when first shown (and at idle once the widget is open), so that opening the widget costs
 * only the overview, the case list and the incident form. Measured: the three parts are about 6 KB gzip of
 * the element's 41.5 KB (`node scripts/check-budgets.mjs`), room the features of issue 16 need.
 */

/** A part that is loaded on demand. */
export type LazyPartTag = 'netscout-case-detail' | 'netscout-self-help' | 'netscout-upgrade';

const LOADERS: Record<LazyPartTag, () => Promise<CustomElementConstructor>> = {
  'netscout-case-detail': () => import('./components/case-detail/case-detail.js').then((m) => m.NetscoutCaseDetail),
  'netscout-self-help': () => import('./components/self-help/self-help.js').then((m) => m.NetscoutSelfHelp),
  'netscout-upgrade': () => import('./components/upgrade/upgrade.js').then((m) => m.NetscoutUpgrade),
};

/** The tags of every lazy part. */
export const LAZY_PARTS = Object.keys(LOADERS) as LazyPartTag[];

let partRegistry: CustomElementRegistry | undefined = globalThis.customElements;
const pending = new Map<LazyPartTag, Promise<void>>();

/** Lazy parts are defined in the registry the widget itself was defined in. */
export function setPartRegistry(registry: CustomElementRegistry): void {
  partRegistry = registry;
}

/** Whether `tag` is defined and can render now. */
export function isPartReady(tag: LazyPartTag): boolean {
  return partRegistry?.get(tag) !== undefined;
}

/**
 * Fetches and defines `tag` once. A failed fetch (offline, say) is forgotten, so that the next call tries
 * again rather than replaying the failure.
 */
export function loadPart(tag: LazyPartTag): Promise<void> {
  if (isPartReady(tag)) return Promise.resolve();
  let loading = pending.get(tag);
  if (!loading) {
    loading = LOADERS[tag]().then(
      (part) => {
        if (partRegistry && !partRegistry.get(tag)) partRegistry.define(tag, part);
      },
      (error: unknown) => {
        pending.delete(tag);
        throw error;
      },
    );
    pending.set(tag, loading);
  }
  return loading;
}

/**
 * The outbox's delivery code (requests, uploads, retries): fetched when something waits to be sent, which
 * most openings of the widget do not have. Storing a submission never needs it: an incident is kept in
 * IndexedDB before this is asked for, so a failed fetch only delays its sending.
 */
export const loadDelivery = () => import('./internal/outbox-delivery.js');

/** Fetches every lazy part and the delivery code (at idle after opening, and in tests of one part). */
export function loadAllParts(): Promise<void> {
  return Promise.all([...LAZY_PARTS.map(loadPart), loadDelivery()]).then(() => undefined);
}
