import { describe, expect, it } from 'vitest';
import {
  caseUrl,
  MAX_NOTIFICATIONS_PER_POLL,
  newIncidentUrl,
  planNotifications,
  statusMessageKey,
} from '../../extension/lib/notifications.js';
import type { CaseEvent } from '../../extension/lib/polling.js';

/** Shows the key and its substitutions, so tests see what would be translated. */
const t = (key: string, subs: string[] = []) => [key, ...subs].join('|');

const event = (caseId: string, kind: CaseEvent['kind'] = 'first-response'): CaseEvent => ({
  kind,
  caseId,
  caseNumber: `NS-${caseId}`,
  subject: `Subject ${caseId}`,
  serviceId: 'onetouchat',
  ...(kind === 'status-changed' ? { from: 'new', to: 'waiting-on-customer' } : {}),
});

describe('notification decisions', () => {
  it('shows nothing when nothing changed', () => {
    expect(planNotifications([], t)).toEqual([]);
  });

  it('announces a first response with the case number, subject and service', () => {
    expect(planNotifications([event('a')], t)).toEqual([
      {
        id: 'netscout-case:a',
        title: 'notificationFirstResponseTitle|NS-a',
        message: 'notificationFirstResponseMessage|Subject a|OneTouchAT.com',
      },
    ]);
  });

  it('announces a status change with the new status in words', () => {
    const [plan] = planNotifications([event('b', 'status-changed')], t);
    expect(plan?.message).toBe('notificationStatusMessage|Subject b|statusWaitingOnCustomer');
  });

  it('shows one notification per case up to the limit', () => {
    const events = Array.from({ length: MAX_NOTIFICATIONS_PER_POLL }, (_, i) => event(`c${i}`));
    expect(planNotifications(events, t)).toHaveLength(MAX_NOTIFICATIONS_PER_POLL);
  });

  it('sums up instead of flooding when more cases changed at once', () => {
    const events = Array.from({ length: MAX_NOTIFICATIONS_PER_POLL + 2 }, (_, i) => event(`c${i}`));
    expect(planNotifications(events, t)).toEqual([
      { id: 'netscout-summary', title: 'notificationSummaryTitle', message: 'notificationSummaryMessage|5' },
    ]);
  });

  it('names every case status with a message key that exists in both locales', async () => {
    const en = (await import('../../extension/public/_locales/en/messages.json')).default as Record<string, unknown>;
    const fr = (await import('../../extension/public/_locales/fr/messages.json')).default as Record<string, unknown>;
    for (const status of ['new', 'in-progress', 'waiting-on-customer', 'resolved', 'closed']) {
      expect(en).toHaveProperty(statusMessageKey(status));
      expect(fr).toHaveProperty(statusMessageKey(status));
    }
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  });
});

describe('links', () => {
  it('open a case on its service homepage, and a new incident form per service', () => {
    expect(caseUrl('linksprinter', 'c_1')).toBe('https://linksprinter.com/#netscout-case=c_1');
    expect(newIncidentUrl('onetouchat')).toBe('https://onetouchat.com/#netscout-new-incident');
  });
});
