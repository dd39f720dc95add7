import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { SUPPORT_HOLIDAY_TABLE, supportHolidays, YearOutOfRangeError } from '../../core/index.js';

describe('supportHolidays', () => {
  it('lists the ten support holidays of 2026 in date order', () => {
    expect(supportHolidays(2026)).toEqual([
      { date: '2026-01-01', name: "New Year's Day", id: 'new-years-day' },
      { date: '2026-02-16', name: "Presidents' Day", id: 'presidents-day' },
      { date: '2026-05-25', name: 'Memorial Day', id: 'memorial-day' },
      { date: '2026-07-04', name: 'Independence Day', id: 'independence-day' },
      { date: '2026-09-07', name: 'Labor Day', id: 'labor-day' },
      { date: '2026-11-26', name: 'Thanksgiving', id: 'thanksgiving' },
      { date: '2026-11-27', name: 'Day after Thanksgiving', id: 'day-after-thanksgiving' },
      { date: '2026-12-24', name: 'Christmas Eve', id: 'christmas-eve' },
      { date: '2026-12-25', name: 'Christmas Day', id: 'christmas-day' },
      { date: '2026-12-31', name: "New Year's Eve", id: 'new-years-eve' },
    ]);
  });

  it('takes dates literally: Independence Day 2026 stays on Saturday 4 July, with no observed Friday', () => {
    const dates = supportHolidays(2026).map((h) => h.date);
    expect(dates).toContain('2026-07-04');
    expect(dates).not.toContain('2026-07-03');
  });

  it('finds the last Monday of May when May has five Mondays (2021: 31 May)', () => {
    expect(supportHolidays(2021).find((h) => h.id === 'memorial-day')?.date).toBe('2021-05-31');
  });

  it('finds Thanksgiving on the 22nd when November starts on a Thursday (2018)', () => {
    const days = supportHolidays(2018).filter((h) => h.id.includes('thanksgiving'));
    expect(days.map((h) => h.date)).toEqual(['2018-11-22', '2018-11-23']);
  });

  it('covers every year from 1970 to 2100 with ten holidays each', () => {
    for (let year = 1970; year <= 2100; year++)
      expect(supportHolidays(year)).toHaveLength(SUPPORT_HOLIDAY_TABLE.length);
  });

  it.each([1899, 2201, 2026.5, Number.NaN])('refuses the year %s with a typed error', (year) => {
    expect(() => supportHolidays(year)).toThrow(YearOutOfRangeError);
  });

  it('agrees with the date-holidays package for every year 1970–2100', () => {
    // An independent source: US public holidays from date-holidays, mapped to our names. New Year's Eve,
    // Christmas Eve and the day after Thanksgiving are "observance"/"bank" types there, so ask for all.
    const us = new Holidays('US', { types: ['public', 'bank', 'observance', 'optional'] });
    const theirName: Record<string, string> = {
      "New Year's Day": 'new-years-day',
      'Washington’s Birthday': 'presidents-day',
      "Washington's Birthday": 'presidents-day',
      'Memorial Day': 'memorial-day',
      'Independence Day': 'independence-day',
      'Labor Day': 'labor-day',
      'Thanksgiving Day': 'thanksgiving',
      'Day after Thanksgiving Day': 'day-after-thanksgiving',
      'Christmas Eve': 'christmas-eve',
      'Christmas Day': 'christmas-day',
      "New Year's Eve": 'new-years-eve',
    };
    const mismatches: string[] = [];
    for (let year = 1970; year <= 2100; year++) {
      const expected = new Map<string, string>();
      for (const h of us.getHolidays(year)) {
        const id = theirName[h.name];
        // Literal dates only: skip the "substitutes" (observed) entries date-holidays adds.
        if (id && !h.substitute && !expected.has(id)) expected.set(id, h.date.slice(0, 10));
      }
      for (const ours of supportHolidays(year)) {
        if (expected.get(ours.id) !== ours.date)
          mismatches.push(`${year} ${ours.id}: ours ${ours.date}, theirs ${expected.get(ours.id)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
