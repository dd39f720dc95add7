import { describe, expect, it } from 'vitest';
import { type CountdownCase, firstResponseCountdown, slaStatus } from '../../core/index.js';
import { at, HOUR } from './_lib.js';

// The case as the server sends it when fetched at `fetchedAt`: the same slaStatus the API serves.
function fetched(receivedAt: Date, hours: 2 | 24, fetchedAt: Date): CountdownCase {
  const status = slaStatus({ receivedAt, firstResponseHours: hours }, fetchedAt);
  return {
    dueAt: status.dueAt.toISOString(),
    firstResponseAt: null,
    firstResponseHours: hours,
    sla: { state: status.state, resumesAt: status.resumesAt?.toISOString() ?? null, pausedBy: status.pausedBy },
  };
}

describe('firstResponseCountdown', () => {
  // Received Wednesday 25 November 2026 10:00 New York, 24 h target: Thanksgiving and the day after are
  // closed, so the answer is due Saturday 28 November 10:00.
  const thanksgiving = at('2026-11-25T10:00');

  it('says "due in" as the wall-clock time to the deadline, across Thanksgiving', () => {
    const item = fetched(thanksgiving, 24, at('2026-11-25T11:00'));
    expect(firstResponseCountdown(item, at('2026-11-25T11:00'))).toEqual({
      kind: 'due',
      dueInMs: 71 * HOUR,
      state: 'on-track',
    });
  });

  it('is paused for Thanksgiving and the day after, by id, and keeps counting to the same deadline', () => {
    const item = fetched(thanksgiving, 24, at('2026-11-26T12:00'));
    expect(firstResponseCountdown(item, at('2026-11-26T13:00'))).toEqual({
      kind: 'paused',
      dueInMs: 45 * HOUR,
      holidayIds: ['thanksgiving', 'day-after-thanksgiving'],
      resumesAt: at('2026-11-28T00:00'),
    });
  });

  it('on the day after Thanksgiving is paused for that day alone, Thanksgiving being over', () => {
    const item = fetched(thanksgiving, 24, at('2026-11-27T09:00'));
    expect(firstResponseCountdown(item, at('2026-11-27T09:00'))).toMatchObject({
      kind: 'paused',
      holidayIds: ['day-after-thanksgiving'],
    });
    // Fetched on Thanksgiving and still shown the next morning: Thanksgiving drops out all the same.
    const early = fetched(thanksgiving, 24, at('2026-11-26T20:00'));
    expect(firstResponseCountdown(early, at('2026-11-27T00:30'))).toMatchObject({
      holidayIds: ['day-after-thanksgiving'],
    });
  });

  it('stops being paused when the holidays end, even before the next fetch', () => {
    const item = fetched(thanksgiving, 24, at('2026-11-27T23:00'));
    expect(firstResponseCountdown(item, at('2026-11-28T01:00'))).toEqual({
      kind: 'due',
      dueInMs: 9 * HOUR,
      state: 'on-track',
    });
    expect(firstResponseCountdown(item, at('2026-11-28T05:00'))).toMatchObject({ kind: 'due', state: 'at-risk' });
  });

  it('counts past Christmas Eve and Christmas Day, and names them while they pause the clock', () => {
    // Received Wednesday 23 December 2026 20:00: 4 h before the holidays, 20 h after, due Sat 26 Dec 20:00.
    const received = at('2026-12-23T20:00');
    const before = fetched(received, 24, at('2026-12-23T20:00'));
    expect(firstResponseCountdown(before, at('2026-12-23T20:00'))).toEqual({
      kind: 'due',
      dueInMs: 72 * HOUR,
      state: 'on-track',
    });
    const during = fetched(received, 24, at('2026-12-25T09:00'));
    expect(firstResponseCountdown(during, at('2026-12-25T10:00'))).toMatchObject({
      kind: 'paused',
      dueInMs: 34 * HOUR,
      // On Christmas Day, Christmas Eve is over: only the day still pausing the clock is named.
      holidayIds: ['christmas-day'],
    });
  });

  it('is overdue past the deadline, and answered once an engineer responded', () => {
    const item = fetched(thanksgiving, 24, at('2026-11-28T09:00'));
    expect(firstResponseCountdown(item, at('2026-11-28T11:30'))).toEqual({ kind: 'overdue', overdueMs: 1.5 * HOUR });
    const answered = { ...item, firstResponseAt: at('2026-11-28T09:30').toISOString() };
    expect(firstResponseCountdown(answered, at('2026-11-28T11:30'))).toEqual({
      kind: 'answered',
      state: 'met',
      answeredAt: at('2026-11-28T09:30'),
    });
  });
});
