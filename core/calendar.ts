import {
  type ClosureTable,
  closureRunAt,
  closureTable,
  firstClosureEndingAfter,
  holidaysOverlapping,
  tableInstant,
} from './_lib/closures.js';
import { InvalidDurationError, InvalidRangeError, YearOutOfRangeError } from './errors.js';
import type { SupportHoliday } from './holidays.js';
import { CALENDAR_YEARS, resolveSupportZone, type SupportZoneOptions } from './support-zone.js';

/**
 * Support time (spec §6): every instant whose local calendar date, in the support time zone, is not a
 * support holiday. Weekends are support time: the service is 24/7.
 */

/**
 * The first-response deadline engine (spec §6): the earliest instant at which `durationMs` of support
 * time has elapsed since `start`.
 *
 * Elapsed time is real time (24 hours across a daylight-saving change are 24 real hours). Holidays are
 * whole local days and consecutive ones chain. A clock started during a holiday starts at the next local
 * midnight that begins a non-holiday day. A deadline reached exactly when a holiday begins is that
 * instant. A zero duration returns `start` itself.
 *
 * @param start - when the clock starts (the server's receipt of the incident).
 * @param durationMs - support time to add, in milliseconds: finite and not negative.
 * @param options - `zone`: the support time zone, default `America/New_York`.
 * @throws {InvalidDateError | InvalidDurationError | UnknownTimeZoneError | YearOutOfRangeError}
 * @example
 * // Received Wed 25 Nov 2026 10:00 New York, 24 h target; Thanksgiving Thu–Fri are closed.
 * addSupportTime(new Date('2026-11-25T15:00:00Z'), 24 * 3_600_000) // 2026-11-28T15:00:00Z (Sat 10:00)
 */
export function addSupportTime(start: Date, durationMs: number, options?: SupportZoneOptions): Date {
  const table = closureTable(resolveSupportZone(options));
  const t0 = tableInstant('start', start, table);
  if (typeof durationMs !== 'number' || !Number.isFinite(durationMs) || durationMs < 0) {
    throw new InvalidDurationError('durationMs', durationMs);
  }
  const result = addSupportMs(table, t0, durationMs);
  if (result > table.maxMs)
    throw new YearOutOfRangeError(new Date(result).getUTCFullYear(), CALENDAR_YEARS.min, CALENDAR_YEARS.max);
  return new Date(result);
}

/** Hot path of {@link addSupportTime}: plain numbers, no validation, no allocation. */
export function addSupportMs(table: ClosureTable, start: number, durationMs: number): number {
  if (durationMs === 0) return start;
  const { starts, ends } = table;
  let t = start;
  let remaining = durationMs;
  for (let i = firstClosureEndingAfter(table, t); i < starts.length; i++) {
    const closedFrom = starts[i];
    if (closedFrom > t) {
      const open = closedFrom - t;
      if (remaining <= open) return t + remaining;
      remaining -= open;
    }
    t = ends[i];
  }
  return t + remaining;
}

/**
 * Milliseconds of support time in `[start, end)`: the real time between them minus every holiday.
 *
 * @throws {InvalidDateError | InvalidRangeError | UnknownTimeZoneError | YearOutOfRangeError}
 * @example
 * supportTimeBetween(new Date('2026-11-25T15:00:00Z'), new Date('2026-11-28T15:00:00Z')) // 86_400_000
 */
export function supportTimeBetween(start: Date, end: Date, options?: SupportZoneOptions): number {
  const table = closureTable(resolveSupportZone(options));
  const a = tableInstant('start', start, table);
  const b = tableInstant('end', end, table);
  if (b < a) throw new InvalidRangeError(`end (${end.toISOString()}) is before start (${start.toISOString()})`);
  return supportMsBetween(table, a, b);
}

/** Hot path of {@link supportTimeBetween}. */
export function supportMsBetween(table: ClosureTable, a: number, b: number): number {
  const { starts, ends } = table;
  let total = b - a;
  for (let i = firstClosureEndingAfter(table, a); i < starts.length && starts[i] < b; i++) {
    total -= Math.min(ends[i], b) - Math.max(starts[i], a);
  }
  return total;
}

/**
 * Whether support (not self-help, which never closes) is open at an instant.
 * @example isSupportOpen(new Date('2026-11-26T17:00:00Z')) // false: Thanksgiving
 */
export function isSupportOpen(at: Date, options?: SupportZoneOptions): boolean {
  const table = closureTable(resolveSupportZone(options));
  return closureRunAt(table, tableInstant('at', at, table)) === null;
}

/**
 * When support next opens: `at` itself when support is open, otherwise the local midnight that ends the
 * current run of holidays.
 * @example nextSupportOpening(new Date('2026-11-26T17:00:00Z')) // 2026-11-28T05:00:00Z (Sat 00:00 New York)
 */
export function nextSupportOpening(at: Date, options?: SupportZoneOptions): Date {
  const table = closureTable(resolveSupportZone(options));
  return new Date(openingAfter(table, tableInstant('at', at, table)));
}

function openingAfter(table: ClosureTable, t: number): number {
  const { starts, ends } = table;
  let i = firstClosureEndingAfter(table, t);
  let opening = t;
  while (i < starts.length && starts[i] <= opening) {
    opening = ends[i];
    i++;
  }
  return opening;
}

/** The closure in effect at an instant: the holidays of the run it belongs to and when support reopens. */
export interface SupportClosure {
  /** The holiday of the current local day. */
  holiday: SupportHoliday;
  /** Every holiday of the chained run, in order (e.g. Thanksgiving and the day after). */
  run: SupportHoliday[];
  closedSince: Date;
  reopensAt: Date;
}

/**
 * The closure at `at`, or `null` when support is open. Lets a UI say "closed today for Thanksgiving,
 * reopens Saturday 00:00".
 */
export function supportClosureAt(at: Date, options?: SupportZoneOptions): SupportClosure | null {
  const table = closureTable(resolveSupportZone(options));
  const run = closureRunAt(table, tableInstant('at', at, table));
  if (!run) return null;
  return {
    holiday: table.holidays[run.current],
    run: table.holidays.slice(run.first, run.last + 1),
    closedSince: new Date(table.starts[run.first]),
    reopensAt: new Date(table.ends[run.last]),
  };
}

/**
 * The support holidays that overlap `[start, end)`: the ones that pushed a deadline back.
 * @throws {InvalidDateError | InvalidRangeError | UnknownTimeZoneError | YearOutOfRangeError}
 */
export function holidaysBetween(start: Date, end: Date, options?: SupportZoneOptions): SupportHoliday[] {
  const table = closureTable(resolveSupportZone(options));
  const a = tableInstant('start', start, table);
  const b = tableInstant('end', end, table);
  if (b < a) throw new InvalidRangeError(`end (${end.toISOString()}) is before start (${start.toISOString()})`);
  return holidaysOverlapping(table, a, b);
}
