import { NetscoutSupport } from './components/netscout-support/netscout-support.js';

/** The element's tag name. */
export const NETSCOUT_SUPPORT_TAG = 'netscout-support';

/**
 * Registers `<netscout-support>` (or `tagName`) in `registry`. Safe to call twice — by a page and an
 * extension, or by two copies of the bundle: the second call warns instead of throwing.
 *
 * @returns the class now registered under the tag (the earlier one if it was already defined).
 */
export function defineNetscoutSupport(
  tagName: string = NETSCOUT_SUPPORT_TAG,
  registry: CustomElementRegistry | null | undefined = globalThis.customElements,
): CustomElementConstructor | undefined {
  if (!registry) {
    console.warn(`netscout-support: no custom element registry here; load @webcomponents/custom-elements first`);
    return undefined;
  }
  const existing = registry.get(tagName);
  if (existing) {
    if (existing !== NetscoutSupport) console.warn(`netscout-support: <${tagName}> is already defined; keeping it`);
    return existing;
  }
  registry.define(tagName, NetscoutSupport);
  return NetscoutSupport;
}

declare global {
  interface HTMLElementTagNameMap {
    'netscout-support': NetscoutSupport;
  }
}
