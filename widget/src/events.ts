import type { IncidentDraft } from '../../core/api/schemas.js';

/** Detail of `netscout-incident-queued`: the submission is safe in the outbox, not yet delivered. */
export interface IncidentQueuedDetail {
  idempotencyKey: string;
  draft: IncidentDraft;
  /** True when the first attempt failed and the incident waits for the network. */
  offline: boolean;
}

/** Detail of `netscout-incident-submitted`: the server accepted the incident. */
export interface IncidentSubmittedDetail {
  caseId: string;
  caseNumber: string;
  /** First-response deadline (ISO 8601). */
  dueAt: string;
  idempotencyKey: string;
}

/** Detail of `netscout-error`. */
export interface NetscoutErrorDetail {
  code: string;
  message: string;
  status?: number;
}

export interface NetscoutEventMap {
  'netscout-open': CustomEvent<Record<string, never>>;
  'netscout-close': CustomEvent<Record<string, never>>;
  'netscout-incident-queued': CustomEvent<IncidentQueuedDetail>;
  'netscout-incident-submitted': CustomEvent<IncidentSubmittedDetail>;
  'netscout-error': CustomEvent<NetscoutErrorDetail>;
}

declare global {
  interface GlobalEventHandlersEventMap extends NetscoutEventMap {}
}
