import { DateTime } from 'luxon';
import { InvalidDateError, YearOutOfRangeError } from '../errors.js';
import { type SupportHoliday, supportHolidays } from '../holidays.js';
import { CALENDAR_YEARS } from '../support-zone.js';

/**
 * Every support holiday of the calendar as a closed interval [start, end) of epoch milliseconds, for one
 * support zone. Built once per zone with luxon; the deadline engine then only does binary searches and
 * arithmetic on these arrays, which keeps luxon out of the hot path.
 */
export interface ClosureTable {
  zone: string;
  starts: Float64Array;
  ends: Float64Array;
  holidays: SupportHoliday[];
  /** First and last instant the table can answer for. */
  minMs: number;
  maxMs: number;
}

const tables = new Map<string, ClosureTable>();

export function closureTable(zone: string): ClosureTable {
  let table = tables.get(zone);
  if (!table) {
    table = buildTable(zone);
    tables.set(zone, table);
  }
  return table;
}

function buildTable(zone: string): ClosureTable {
  const holidays: SupportHoliday[] = [];
  for (let year = CALENDAR_YEARS.min; year <= CALENDAR_YEARS.max; year++) holidays.push(...supportHolidays(year));
  const starts = new Float64Array(holidays.length);
  const ends = new Float64Array(holidays.length);
  holidays.forEach((holiday, i) => {
    // A holiday is the whole local day: from its local midnight to the next one, 23, 24 or 25 real hours.
    const day = DateTime.fromISO(holiday.date, { zone }).startOf('day');
    starts[i] = day.toMillis();
    ends[i] = day.plus({ days: 1 }).startOf('day').toMillis();
  });
  return {
    zone,
    starts,
    ends,
    holidays,
    minMs: DateTime.fromObject({ year: CALENDAR_YEARS.min, month: 1, day: 1 }, { zone }).toMillis(),
    maxMs: DateTime.fromObject({ year: CALENDAR_YEARS.max, month: 12, day: 31 }, { zone }).endOf('day').toMillis(),
  };
}

/** Index of the first closure whose end is after `t` (the one containing `t`, or the next one). */
export function firstClosureEndingAfter(table: ClosureTable, t: number): number {
  const ends = table.ends;
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ends[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Validates a `Date` argument and returns its epoch milliseconds within the table's range. */
export function tableInstant(argument: string, value: Date, table: ClosureTable): number {
  const ms = value instanceof Date ? value.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new InvalidDateError(argument, value);
  if (ms < table.minMs || ms > table.maxMs) {
    throw new YearOutOfRangeError(value.getUTCFullYear(), CALENDAR_YEARS.min, CALENDAR_YEARS.max);
  }
  return ms;
}

/** The run of chained closures containing `t` (indexes of its first and last day), or `null` when open. */
export function closureRunAt(table: ClosureTable, t: number): { first: number; current: number; last: number } | null {
  const current = firstClosureEndingAfter(table, t);
  if (!(current < table.starts.length && table.starts[current] <= t)) return null;
  let first = current;
  while (first > 0 && table.ends[first - 1] === table.starts[first]) first--;
  let last = current;
  while (last + 1 < table.starts.length && table.starts[last + 1] === table.ends[last]) last++;
  return { first, current, last };
}

/** The holidays that overlap `[a, b)`. */
export function holidaysOverlapping(table: ClosureTable, a: number, b: number): SupportHoliday[] {
  const found: SupportHoliday[] = [];
  for (let i = firstClosureEndingAfter(table, a); i < table.starts.length && table.starts[i] < b; i++) {
    found.push(table.holidays[i]);
  }
  return found;
}
