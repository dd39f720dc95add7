import { describe, expect, it } from 'vitest';
import {
  addSupportTime,
  holidaysBetween,
  InvalidDateError,
  InvalidDurationError,
  InvalidRangeError,
  isSupportOpen,
  nextSupportOpening,
  supportClosureAt,
  supportTimeBetween,
  UnknownTimeZoneError,
  YearOutOfRangeError,
} from '../../core/index.js';
import { at, HOUR, wall } from './_lib.js';

describe('addSupportTime — the spec’s worked example', () => {
  it('moves a 24 h deadline from Wednesday 10:00 before Thanksgiving to Saturday 10:00', () => {
    const due = addSupportTime(at('2026-11-25T10:00'), 24 * HOUR);
    expect(wall(due)).toBe('2026-11-28T10:00');
    expect(due.toISOString()).toBe('2026-11-28T15:00:00.000Z');
  });
});

describe('addSupportTime — hand-checked cases', () => {
  it('adds plain real time when no holiday is in the way (a weekend is support time)', () => {
    expect(wall(addSupportTime(at('2026-10-03T09:30'), 24 * HOUR))).toBe('2026-10-04T09:30');
    expect(wall(addSupportTime(at('2026-10-03T23:00'), 2 * HOUR))).toBe('2026-10-04T01:00');
  });

  it('starts the clock at the next non-holiday midnight for an incident received on a holiday (today)', () => {
    expect(wall(addSupportTime(at('2026-11-26T12:00'), 2 * HOUR))).toBe('2026-11-28T02:00');
  });

  it('chains Christmas Eve and Christmas Day', () => {
    expect(wall(addSupportTime(at('2026-12-23T22:00'), 24 * HOUR))).toBe('2026-12-26T22:00');
  });

  it('chains New Year’s Eve and New Year’s Day across the year boundary (30 Dec → 2 Jan)', () => {
    expect(wall(addSupportTime(at('2026-12-30T12:00'), 24 * HOUR))).toBe('2027-01-02T12:00');
    expect(wall(addSupportTime(at('2026-12-30T23:00'), 2 * HOUR))).toBe('2027-01-02T01:00');
  });

  it('returns the holiday’s first instant when the deadline is reached exactly as the holiday begins', () => {
    const due = addSupportTime(at('2026-11-25T22:00'), 2 * HOUR);
    expect(wall(due)).toBe('2026-11-26T00:00');
    expect(isSupportOpen(due)).toBe(false);
  });

  it('lets a 2 h target that runs into a holiday finish after it', () => {
    expect(wall(addSupportTime(at('2026-07-03T23:30'), 2 * HOUR))).toBe('2026-07-05T01:30');
  });

  it('counts 24 real hours across the spring-forward change (wall clock shows 25)', () => {
    // 8 March 2026: clocks go 02:00 → 03:00 in New York.
    const start = at('2026-03-07T12:00');
    const due = addSupportTime(start, 24 * HOUR);
    expect(due.getTime() - start.getTime()).toBe(24 * HOUR);
    expect(wall(due)).toBe('2026-03-08T13:00');
  });

  it('counts 24 real hours across the fall-back change (wall clock shows 23)', () => {
    // 1 November 2026: clocks go 02:00 → 01:00 in New York.
    const start = at('2026-10-31T12:00');
    const due = addSupportTime(start, 24 * HOUR);
    expect(due.getTime() - start.getTime()).toBe(24 * HOUR);
    expect(wall(due)).toBe('2026-11-01T11:00');
  });

  it('treats a holiday on a DST day as its local day: 25 hours in Dhaka on 31 Dec 2009, 23 in São Tomé on 1 Jan 2018', () => {
    // Bangladesh left daylight time at midnight ending 31 Dec 2009: that New Year's Eve lasted 25 hours.
    const dhaka = { zone: 'Asia/Dhaka' };
    const eve = supportClosureAt(at('2009-12-31T12:00', dhaka.zone), dhaka);
    expect(eve && (eve.reopensAt.getTime() - eve.closedSince.getTime()) / HOUR).toBe(25 + 24);
    const due = addSupportTime(at('2009-12-30T12:00', dhaka.zone), 24 * HOUR, dhaka);
    expect(wall(due, dhaka.zone)).toBe('2010-01-02T12:00');
    // São Tomé moved from UTC+0 to UTC+1 at the start of 1 Jan 2018: that New Year's Day lasted 23 hours.
    const saoTome = { zone: 'Africa/Sao_Tome' };
    const newYear = supportClosureAt(at('2018-01-01T12:00', saoTome.zone), saoTome);
    expect(newYear && (newYear.reopensAt.getTime() - newYear.closedSince.getTime()) / HOUR).toBe(24 + 23);
    expect(
      supportTimeBetween(at('2017-12-30T00:00', saoTome.zone), at('2018-01-03T00:00', saoTome.zone), saoTome),
    ).toBe(48 * HOUR);
  });

  it('handles fractional-hour targets to the millisecond', () => {
    expect(wall(addSupportTime(at('2026-11-25T23:15'), 1.5 * HOUR))).toBe('2026-11-28T00:45');
    expect(addSupportTime(at('2026-06-01T00:00'), 1).getTime() - at('2026-06-01T00:00').getTime()).toBe(1);
  });

  it('uses another support zone’s local days when configured', () => {
    // Thanksgiving in Paris time: closed from 26 Nov 00:00 to 28 Nov 00:00 Paris.
    const zone = 'Europe/Paris';
    expect(wall(addSupportTime(at('2026-11-25T22:00', zone), 3 * HOUR, { zone }), zone)).toBe('2026-11-28T01:00');
    // In Kolkata (UTC+5:30) the same instant is already on Thanksgiving.
    const kolkata = 'Asia/Kolkata';
    expect(isSupportOpen(at('2026-11-26T00:30', kolkata), { zone: kolkata })).toBe(false);
    expect(isSupportOpen(at('2026-11-26T00:30', kolkata))).toBe(true);
  });

  it('returns the start itself for a zero duration', () => {
    const start = at('2026-11-26T12:00');
    expect(addSupportTime(start, 0).getTime()).toBe(start.getTime());
  });
});

describe('supportTimeBetween', () => {
  it('excludes both Thanksgiving days from the worked example’s interval', () => {
    expect(supportTimeBetween(at('2026-11-25T10:00'), at('2026-11-28T10:00'))).toBe(24 * HOUR);
  });
  it('is zero inside a holiday and for an empty interval', () => {
    expect(supportTimeBetween(at('2026-11-26T01:00'), at('2026-11-27T23:00'))).toBe(0);
    expect(supportTimeBetween(at('2026-11-25T01:00'), at('2026-11-25T01:00'))).toBe(0);
  });
  it('lists the holidays that overlap an interval', () => {
    expect(holidaysBetween(at('2026-12-23T12:00'), at('2027-01-02T00:00')).map((h) => h.date)).toEqual([
      '2026-12-24',
      '2026-12-25',
      '2026-12-31',
      '2027-01-01',
    ]);
  });
  it('refuses an end before the start', () => {
    expect(() => supportTimeBetween(at('2026-11-25T02:00'), at('2026-11-25T01:00'))).toThrow(InvalidRangeError);
  });
});

describe('isSupportOpen, nextSupportOpening and supportClosureAt', () => {
  it('knows support is closed today, Thanksgiving, and reopens Saturday 00:00 New York', () => {
    const now = at('2026-11-26T09:51');
    expect(isSupportOpen(now)).toBe(false);
    expect(wall(nextSupportOpening(now))).toBe('2026-11-28T00:00');
    const closure = supportClosureAt(now);
    expect(closure?.holiday.name).toBe('Thanksgiving');
    expect(closure?.run.map((h) => h.name)).toEqual(['Thanksgiving', 'Day after Thanksgiving']);
    expect(wall(closure?.reopensAt as Date)).toBe('2026-11-28T00:00');
  });
  it('opens on weekends and says so', () => {
    const saturday = at('2026-11-28T00:00');
    expect(isSupportOpen(saturday)).toBe(true);
    expect(nextSupportOpening(saturday).getTime()).toBe(saturday.getTime());
    expect(supportClosureAt(saturday)).toBeNull();
  });
  it('is closed on the last millisecond of a holiday and open on the first of the next day', () => {
    expect(isSupportOpen(new Date(at('2026-07-05T00:00').getTime() - 1))).toBe(false);
    expect(isSupportOpen(at('2026-07-05T00:00'))).toBe(true);
  });
});

describe('bad input', () => {
  it('throws typed errors with clear messages', () => {
    const ok = at('2026-11-25T10:00');
    expect(() => addSupportTime(new Date('nope'), HOUR)).toThrow(InvalidDateError);
    expect(() => addSupportTime(ok, -1)).toThrow(InvalidDurationError);
    expect(() => addSupportTime(ok, Number.NaN)).toThrow(InvalidDurationError);
    expect(() => addSupportTime(ok, Number.POSITIVE_INFINITY)).toThrow(/finite, non-negative/);
    expect(() => addSupportTime(ok, HOUR, { zone: 'Mars/Olympus_Mons' })).toThrow(UnknownTimeZoneError);
    expect(() => addSupportTime(new Date('1800-01-01T00:00:00Z'), HOUR)).toThrow(YearOutOfRangeError);
    expect(() => isSupportOpen('2026-11-25' as unknown as Date)).toThrow(InvalidDateError);
  });
});
