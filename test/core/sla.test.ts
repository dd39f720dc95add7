import { describe, expect, it } from 'vitest';
import { AT_RISK_FRACTION, InvalidDurationError, slaStatus } from '../../core/index.js';
import { at, HOUR, wall } from './_lib.js';

const received = at('2026-11-25T10:00');
const day = { receivedAt: received, firstResponseHours: 24 };

describe('slaStatus', () => {
  it('is on track just after receipt, with the whole target left', () => {
    const status = slaStatus(day, at('2026-11-25T10:00'));
    expect(status.state).toBe('on-track');
    expect(status.remainingMs).toBe(24 * HOUR);
    expect(wall(status.dueAt)).toBe('2026-11-28T10:00');
  });

  it('is paused today (Thanksgiving), names both closed days, and says when the clock restarts', () => {
    const status = slaStatus(day, at('2026-11-26T09:51'));
    expect(status.state).toBe('paused');
    expect(status.pausedBy?.map((h) => h.name)).toEqual(['Thanksgiving', 'Day after Thanksgiving']);
    expect(wall(status.resumesAt as Date)).toBe('2026-11-28T00:00');
    expect(status.remainingMs).toBe(10 * HOUR);
  });

  it('explains the delay: the holidays between receipt and deadline', () => {
    expect(slaStatus(day, at('2026-11-25T12:00')).delayedBy.map((h) => h.date)).toEqual(['2026-11-26', '2026-11-27']);
    expect(
      slaStatus({ receivedAt: at('2026-10-01T10:00'), firstResponseHours: 24 }, at('2026-10-01T11:00')).delayedBy,
    ).toEqual([]);
  });

  it(`turns at-risk when less than ${AT_RISK_FRACTION * 100}% of the target is left`, () => {
    // 24 h target: at risk below 6 h left, i.e. after Saturday 04:00.
    expect(slaStatus(day, at('2026-11-28T03:59')).state).toBe('on-track');
    expect(slaStatus(day, at('2026-11-28T04:00')).state).toBe('on-track');
    expect(slaStatus(day, at('2026-11-28T04:01')).state).toBe('at-risk');
  });

  it('is breached at the deadline with no response, with a negative remaining time', () => {
    const status = slaStatus(day, at('2026-11-28T11:00'));
    expect(status.state).toBe('breached');
    expect(status.remainingMs).toBe(-HOUR);
  });

  it('is met by a response before the deadline, even when evaluated long after', () => {
    const status = slaStatus({ ...day, firstResponseAt: at('2026-11-25T12:00') }, at('2026-12-20T00:00'));
    expect(status.state).toBe('met');
    expect(status.remainingMs).toBe(22 * HOUR);
  });

  it('is met by a response exactly at the deadline and breached by one a millisecond late', () => {
    const due = at('2026-11-28T10:00');
    expect(slaStatus({ ...day, firstResponseAt: due }, due).state).toBe('met');
    expect(slaStatus({ ...day, firstResponseAt: new Date(due.getTime() + 1) }, due).state).toBe('breached');
  });

  it('uses a 2 h target for Gold and counts from receipt even if `now` is earlier (clock skew)', () => {
    const status = slaStatus({ receivedAt: at('2026-12-01T09:00'), firstResponseHours: 2 }, at('2026-12-01T08:00'));
    expect(status.state).toBe('on-track');
    expect(status.remainingMs).toBe(2 * HOUR);
  });

  it('refuses a target that is not a positive number of hours', () => {
    expect(() => slaStatus({ receivedAt: received, firstResponseHours: 0 }, received)).toThrow(InvalidDurationError);
  });
});
