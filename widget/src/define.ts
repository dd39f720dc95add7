import type { NetscoutCaseDetail } from './components/case-detail/case-detail.js';
import { NetscoutCaseList } from './components/case-list/case-list.js';
import { NetscoutIncidentForm } from './components/incident-form/incident-form.js';
import { NetscoutSupport } from './components/netscout-support/netscout-support.js';
import type { NetscoutSelfHelp } from './components/self-help/self-help.js';
import type { NetscoutUpgrade } from './components/upgrade/upgrade.js';
import { setPartRegistry } from './lazy-parts.js';

/** The element's tag name. */
export const NETSCOUT_SUPPORT_TAG = 'netscout-support';

/**
 * The parts needed to open the widget, each an element of its own inside the widget's shadow root. The
 * others are defined when first needed (lazy-parts.ts).
 */
const PARTS: [string, CustomElementConstructor][] = [
  ['netscout-incident-form', NetscoutIncidentForm],
  ['netscout-case-list', NetscoutCaseList],
];

/**
 * Registers `<netscout-support>` (or `tagName`) and its parts in `registry`. Safe to call twice — by a page
 * and an extension, or by two copies of the bundle: the second call warns instead of throwing.
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
  for (const [tag, part] of PARTS) if (!registry.get(tag)) registry.define(tag, part);
  setPartRegistry(registry);
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
    'netscout-incident-form': NetscoutIncidentForm;
    'netscout-case-list': NetscoutCaseList;
    'netscout-case-detail': NetscoutCaseDetail;
    'netscout-self-help': NetscoutSelfHelp;
    'netscout-upgrade': NetscoutUpgrade;
  }
}
