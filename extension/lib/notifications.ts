import { SERVICE_CATALOG } from '../../core/catalog.js';
import { type CaseEvent, notificationIdFor } from './polling.js';

/** Translates a message key of `_locales` (with `$1`-style substitutions). */
export type Translate = (key: string, substitutions?: string[]) => string;

/** More events than this in one poll become one summary notification instead of a flood. */
export const MAX_NOTIFICATIONS_PER_POLL = 3;

export interface NotificationPlan {
  id: string;
  title: string;
  message: string;
}

/**
 * The notifications to show for a poll's events: one per case (first response or status change), or a
 * single summary when more than {@link MAX_NOTIFICATIONS_PER_POLL} cases changed at once. Only first
 * responses and status changes notify; a case that merely moved in the list does not.
 */
export function planNotifications(events: readonly CaseEvent[], t: Translate): NotificationPlan[] {
  if (events.length === 0) return [];
  if (events.length > MAX_NOTIFICATIONS_PER_POLL) {
    return [
      {
        id: 'netscout-summary',
        title: t('notificationSummaryTitle'),
        message: t('notificationSummaryMessage', [String(events.length)]),
      },
    ];
  }
  return events.map((event) => {
    const service = serviceName(event.serviceId);
    if (event.kind === 'first-response') {
      return {
        id: notificationIdFor(event.caseId),
        title: t('notificationFirstResponseTitle', [event.caseNumber]),
        message: t('notificationFirstResponseMessage', [event.subject, service]),
      };
    }
    return {
      id: notificationIdFor(event.caseId),
      title: t('notificationStatusTitle', [event.caseNumber]),
      message: t('notificationStatusMessage', [event.subject, t(statusMessageKey(event.to ?? 'new'))]),
    };
  });
}

/** The service's display name from the catalog (its id when unknown). */
export function serviceName(serviceId: string): string {
  return SERVICE_CATALOG.find((s) => s.id === serviceId)?.name ?? serviceId;
}

/** Message key of a case status (`in-progress` → `statusInProgress`). */
export function statusMessageKey(status: string): string {
  return `status${status
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')}`;
}

/** Where a case is shown: its service's assistance page, with the case to open in the fragment. */
export function caseUrl(serviceId: string, caseId: string): string {
  return `${serviceHomepage(serviceId)}#netscout-case=${encodeURIComponent(caseId)}`;
}

/** Where a new incident for a service starts: its assistance page, opening the form. */
export function newIncidentUrl(serviceId: string): string {
  return `${serviceHomepage(serviceId)}#netscout-new-incident`;
}

function serviceHomepage(serviceId: string): string {
  const host = SERVICE_CATALOG.find((s) => s.id === serviceId)?.homepageHost ?? 'onetouchat.com';
  return `https://${host}/`;
}
