import { DateTime } from 'luxon';
import { YearOutOfRangeError } from './errors.js';
import { CALENDAR_YEARS } from './support-zone.js';

/**
 * How a support holiday's date is found in a given year (spec §5). Dates are literal: there is no
 * "observed" shift when a holiday falls on a weekend.
 */
export type HolidayRule =
  | { kind: 'fixed'; month: number; day: number }
  /** `nth` counts from 1; `-1` is the last such weekday of the month. Weekday 1 = Monday … 7 = Sunday. */
  | { kind: 'nth-weekday'; month: number; weekday: number; nth: number }
  /** A fixed number of days after another holiday of the same table. */
  | { kind: 'days-after'; holiday: SupportHolidayId; days: number };

export type SupportHolidayId =
  | 'new-years-eve'
  | 'new-years-day'
  | 'presidents-day'
  | 'memorial-day'
  | 'independence-day'
  | 'labor-day'
  | 'thanksgiving'
  | 'day-after-thanksgiving'
  | 'christmas-eve'
  | 'christmas-day';

/** One row of the support holiday table. */
export interface SupportHolidayDefinition {
  id: SupportHolidayId;
  name: string;
  rule: HolidayRule;
}

/**
 * The support holiday table (spec §5): support — not self-help — is closed for the whole local day, in
 * the support time zone, on each of these.
 */
export const SUPPORT_HOLIDAY_TABLE: readonly SupportHolidayDefinition[] = [
  { id: 'new-years-day', name: "New Year's Day", rule: { kind: 'fixed', month: 1, day: 1 } },
  { id: 'presidents-day', name: "Presidents' Day", rule: { kind: 'nth-weekday', month: 2, weekday: 1, nth: 3 } },
  { id: 'memorial-day', name: 'Memorial Day', rule: { kind: 'nth-weekday', month: 5, weekday: 1, nth: -1 } },
  { id: 'independence-day', name: 'Independence Day', rule: { kind: 'fixed', month: 7, day: 4 } },
  { id: 'labor-day', name: 'Labor Day', rule: { kind: 'nth-weekday', month: 9, weekday: 1, nth: 1 } },
  { id: 'thanksgiving', name: 'Thanksgiving', rule: { kind: 'nth-weekday', month: 11, weekday: 4, nth: 4 } },
  {
    id: 'day-after-thanksgiving',
    name: 'Day after Thanksgiving',
    rule: { kind: 'days-after', holiday: 'thanksgiving', days: 1 },
  },
  { id: 'christmas-eve', name: 'Christmas Eve', rule: { kind: 'fixed', month: 12, day: 24 } },
  { id: 'christmas-day', name: 'Christmas Day', rule: { kind: 'fixed', month: 12, day: 25 } },
  { id: 'new-years-eve', name: "New Year's Eve", rule: { kind: 'fixed', month: 12, day: 31 } },
];

/** A support holiday on a given calendar date of the support time zone. */
export interface SupportHoliday {
  /** Local calendar date in the support time zone, `YYYY-MM-DD`. */
  date: string;
  /** English name; UIs translate by `id`. */
  name: string;
  id: SupportHolidayId;
}

/**
 * The support holidays of a year, sorted by date.
 *
 * @param year - a whole year within the support calendar (1900–2200; at least 1970–2100 is promised).
 * @returns each holiday with its local date (`YYYY-MM-DD`) and name.
 * @throws {YearOutOfRangeError} when `year` is not a whole number in range.
 * @example
 * supportHolidays(2026).find((h) => h.id === 'thanksgiving')?.date // '2026-11-26'
 */
export function supportHolidays(year: number): SupportHoliday[] {
  if (!Number.isInteger(year) || year < CALENDAR_YEARS.min || year > CALENDAR_YEARS.max) {
    throw new YearOutOfRangeError(year, CALENDAR_YEARS.min, CALENDAR_YEARS.max);
  }
  const dates = new Map<SupportHolidayId, DateTime>();
  const resolve = (definition: SupportHolidayDefinition): DateTime => {
    const known = dates.get(definition.id);
    if (known) return known;
    const date = dateOfRule(definition.rule, year, (id) => {
      const base = SUPPORT_HOLIDAY_TABLE.find((row) => row.id === id);
      if (!base) throw new Error(`holiday rule refers to unknown holiday ${id}`);
      return resolve(base);
    });
    dates.set(definition.id, date);
    return date;
  };
  return SUPPORT_HOLIDAY_TABLE.map((definition) => ({
    date: resolve(definition).toISODate() as string,
    name: definition.name,
    id: definition.id,
  })).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function dateOfRule(rule: HolidayRule, year: number, holiday: (id: SupportHolidayId) => DateTime): DateTime {
  switch (rule.kind) {
    case 'fixed':
      return DateTime.utc(year, rule.month, rule.day);
    case 'nth-weekday': {
      if (rule.nth > 0) {
        const first = DateTime.utc(year, rule.month, 1);
        const offset = (rule.weekday - first.weekday + 7) % 7;
        return first.plus({ days: offset + 7 * (rule.nth - 1) });
      }
      const last = DateTime.utc(year, rule.month, 1).endOf('month').startOf('day');
      const offset = (last.weekday - rule.weekday + 7) % 7;
      return last.minus({ days: offset + 7 * (-rule.nth - 1) });
    }
    case 'days-after':
      return holiday(rule.holiday).plus({ days: rule.days });
  }
}
