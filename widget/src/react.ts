/**
 * `@netscout/support-widget/react`: `<netscout-support>` as a React component (`@lit/react`), its events as
 * typed `on…` props. Importing it registers the element, as the package's main entry does.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { NetscoutSupport as NetscoutSupportElement } from './components/netscout-support/netscout-support.js';
import { defineNetscoutSupport, NETSCOUT_SUPPORT_TAG } from './define.js';
import type { NetscoutEventMap } from './events.js';

defineNetscoutSupport();

/** The React component; props are the element's properties (`service`, `apiBase`, `token`, `locale`…). */
export const NetscoutSupport = createComponent({
  tagName: NETSCOUT_SUPPORT_TAG,
  elementClass: NetscoutSupportElement,
  react: React,
  events: {
    onOpen: 'netscout-open' as EventName<NetscoutEventMap['netscout-open']>,
    onClose: 'netscout-close' as EventName<NetscoutEventMap['netscout-close']>,
    onIncidentQueued: 'netscout-incident-queued' as EventName<NetscoutEventMap['netscout-incident-queued']>,
    onIncidentSubmitted: 'netscout-incident-submitted' as EventName<NetscoutEventMap['netscout-incident-submitted']>,
    onError: 'netscout-error' as EventName<NetscoutEventMap['netscout-error']>,
  },
  displayName: 'NetscoutSupport',
});

export type {
  IncidentQueuedDetail,
  IncidentSubmittedDetail,
  NetscoutErrorDetail,
  NetscoutEventMap,
} from './events.js';
