/**
 * Public API of the `<netscout-support>` widget. Importing this module registers nothing: call
 * `defineNetscoutSupport()` (or load `netscout-support.js`, which does).
 */

export type { IncidentFields } from './components/incident-form/incident-fields.js';
export { NetscoutSupport, type WidgetView } from './components/netscout-support/netscout-support.js';
export { defineNetscoutSupport, NETSCOUT_SUPPORT_TAG } from './define.js';
export type {
  IncidentQueuedDetail,
  IncidentSubmittedDetail,
  NetscoutErrorDetail,
  NetscoutEventMap,
} from './events.js';
export type { Messages, WidgetLocale } from './i18n/index.js';
export { installHostHook } from './internal/host-hook.js';
