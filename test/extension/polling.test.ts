import { describe, expect, it } from 'vitest';
import {
  badgeText,
  caseEvent,
  caseIdFromNotificationId,
  MAX_BACKOFF_MINUTES,
  markCaseSeen,
  mergeCases,
  nextPollDelayMinutes,
  notificationIdFor,
} from '../../extension/lib/polling.js';
import { EMPTY_CASE_CACHE } from '../../extension/lib/storage.js';
import { makeCachedCase, makeCase } from './fixtures.js';

const now = new Date('2026-11-26T12:00:00Z');

describe('polling interval and backoff', () => {
  it('polls at the normal interval when the last poll succeeded', () => {
    expect(nextPollDelayMinutes({ consecutiveFailures: 0, baseMinutes: 5 })).toBe(5);
  });

  it('doubles the wait for each failure in a row', () => {
    expect([1, 2, 3].map((n) => nextPollDelayMinutes({ consecutiveFailures: n, baseMinutes: 5 }))).toEqual([
      10, 20, 40,
    ]);
  });

  it('never waits more than an hour however long the API stays down', () => {
    expect(nextPollDelayMinutes({ consecutiveFailures: 30, baseMinutes: 5 })).toBe(MAX_BACKOFF_MINUTES);
  });

  it('waits at least as long as the server asked with Retry-After', () => {
    expect(nextPollDelayMinutes({ consecutiveFailures: 1, baseMinutes: 5, retryAfterSeconds: 1800 })).toBe(30);
  });

  it('treats an interval below one minute as one minute', () => {
    expect(nextPollDelayMinutes({ consecutiveFailures: 0, baseMinutes: 0 })).toBe(1);
  });
});

describe('merging fetched cases into the cache', () => {
  it('records the first sync of an account without any news', () => {
    const { cache, events } = mergeCases(
      EMPTY_CASE_CACHE,
      [makeCase({ id: 'a', firstResponseAt: '2026-11-24T16:00:00.000Z', status: 'in-progress' })],
      { userId: 'u1', now },
    );
    expect(events).toEqual([]);
    expect(cache.news).toEqual({});
    expect(cache.cases.map((c) => c.id)).toEqual(['a']);
    expect(cache.cursor).toBe('2026-11-24T15:00:00.000Z');
    expect(cache.syncedAt).toBe(now.toISOString());
  });

  it("completes the first sync of an account without cases without taking this computer's clock as the cursor", () => {
    const { cache } = mergeCases(EMPTY_CASE_CACHE, [], { userId: 'u1', now });
    expect(cache.syncedAt).toBe(now.toISOString());
    expect(cache.cursor).toBeNull();
  });

  it("keeps the first case of an account that had none, even when this computer's clock is ahead of the server", () => {
    // The computer says 12:00; the server, 20 minutes behind, records the new case at 11:40.
    const clockAhead = new Date('2026-11-26T12:00:00.000Z');
    const empty = mergeCases(EMPTY_CASE_CACHE, [], { userId: 'u1', now: clockAhead }).cache;
    const filed = makeCase({ id: 'a', updatedAt: '2026-11-26T11:40:00.000Z' });
    const { cache, events } = mergeCases(empty, [filed], { userId: 'u1', now: clockAhead });
    expect(cache.cases.map((c) => c.id)).toEqual(['a']);
    expect(cache.cursor).toBe('2026-11-26T11:40:00.000Z');
    // A case the customer has just filed is not news; its first response, later, is.
    expect(events).toEqual([]);
    const answered = makeCase({
      id: 'a',
      status: 'in-progress',
      firstResponseAt: '2026-11-26T11:50:00.000Z',
      updatedAt: '2026-11-26T11:50:00.000Z',
    });
    expect(mergeCases(cache, [answered], { userId: 'u1', now: clockAhead }).events).toMatchObject([
      { kind: 'first-response', caseId: 'a' },
    ]);
  });

  it('turns a first response into news and an event', () => {
    const first = mergeCases(EMPTY_CASE_CACHE, [makeCase({ id: 'a' })], { userId: 'u1', now }).cache;
    const answered = makeCase({
      id: 'a',
      status: 'in-progress',
      firstResponseAt: '2026-11-26T11:00:00.000Z',
      updatedAt: '2026-11-26T11:00:00.000Z',
    });
    const { cache, events } = mergeCases(first, [answered], { userId: 'u1', now });
    expect(events).toMatchObject([{ kind: 'first-response', caseId: 'a', caseNumber: 'NS-a' }]);
    expect(cache.news).toEqual({ a: 'first-response' });
    expect(cache.cursor).toBe('2026-11-26T11:00:00.000Z');
  });

  it('turns a status change into news naming the old and new status', () => {
    const first = mergeCases(EMPTY_CASE_CACHE, [makeCase({ id: 'a', status: 'in-progress' })], {
      userId: 'u1',
      now,
    }).cache;
    const { events } = mergeCases(first, [makeCase({ id: 'a', status: 'resolved' })], { userId: 'u1', now });
    expect(events).toMatchObject([{ kind: 'status-changed', from: 'in-progress', to: 'resolved' }]);
  });

  it('keeps an unseen first response as the headline when the status then changes too', () => {
    const cache = {
      ...mergeCases(
        EMPTY_CASE_CACHE,
        [makeCase({ id: 'a', status: 'in-progress', firstResponseAt: now.toISOString() })],
        {
          userId: 'u1',
          now,
        },
      ).cache,
      news: { a: 'first-response' as const },
    };
    const next = mergeCases(cache, [makeCase({ id: 'a', status: 'resolved', firstResponseAt: now.toISOString() })], {
      userId: 'u1',
      now,
    });
    expect(next.cache.news).toEqual({ a: 'first-response' });
  });

  it('does not treat a case the customer just opened as news', () => {
    const first = mergeCases(EMPTY_CASE_CACHE, [makeCase({ id: 'a' })], { userId: 'u1', now }).cache;
    const { cache, events } = mergeCases(first, [makeCase({ id: 'b', updatedAt: now.toISOString() })], {
      userId: 'u1',
      now,
    });
    expect(events).toEqual([]);
    expect(cache.cases.map((c) => c.id)).toEqual(['b', 'a']);
  });

  it('starts over when the token belongs to another account', () => {
    const first = mergeCases(EMPTY_CASE_CACHE, [makeCase({ id: 'a' })], { userId: 'u1', now }).cache;
    const { cache, events } = mergeCases(first, [makeCase({ id: 'z', status: 'resolved' })], { userId: 'u2', now });
    expect(events).toEqual([]);
    expect(cache.cases.map((c) => c.id)).toEqual(['z']);
    expect(cache.userId).toBe('u2');
  });

  it('reports nothing when a case was re-sent unchanged', () => {
    expect(caseEvent(makeCachedCase({ id: 'a' }), makeCachedCase({ id: 'a' }))).toBeNull();
  });
});

describe('badge', () => {
  it('is empty when no case has news', () => {
    expect(badgeText({})).toBe('');
  });

  it('counts the cases with news', () => {
    expect(badgeText({ a: 'first-response', b: 'status-changed' })).toBe('2');
  });

  it('caps at 99+', () => {
    const news = Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`c${i}`, 'status-changed' as const]));
    expect(badgeText(news)).toBe('99+');
  });

  it('drops a case from the count once the customer has seen it', () => {
    const cache = { ...EMPTY_CASE_CACHE, news: { a: 'first-response' as const, b: 'status-changed' as const } };
    expect(badgeText(markCaseSeen(cache, 'a').news)).toBe('1');
    expect(markCaseSeen(cache, 'unknown')).toBe(cache);
  });
});

describe('notification ids', () => {
  it('round-trip the case id, and ignore foreign notifications', () => {
    expect(caseIdFromNotificationId(notificationIdFor('case_42'))).toBe('case_42');
    expect(caseIdFromNotificationId('something-else')).toBeNull();
  });
});
