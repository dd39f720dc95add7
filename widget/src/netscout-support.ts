/**
 * The full widget bundle (`dist/widget/netscout-support.js`): registers `<netscout-support>` and, unless
 * the loader already did, the host-page hook for `data-netscout-support` links.
 */
import { defineNetscoutSupport } from './define.js';
import { installHostHook } from './internal/host-hook.js';

export * from './index.js';

defineNetscoutSupport();
const flag = '__netscoutSupportHook';
const scope = globalThis as unknown as Record<string, boolean>;
if (typeof document !== 'undefined' && !scope[flag]) {
  scope[flag] = true;
  installHostHook(document);
}
