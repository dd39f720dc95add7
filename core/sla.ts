import { closureRunAt, closureTable, holidaysOverlapping, tableInstant } from './_lib/closures.js';
import type { SlaState } from './api/schemas.js';
import { addSupportMs, supportMsBetween } from './calendar.js';
import { AT_RISK_FRACTION } from './countdown.js';
import { InvalidDurationError } from './errors.js';
import type { SupportHoliday } from './holidays.js';
import { resolveSupportZone, type SupportZoneOptions } from './support-zone.js';

/** The states of spec §6, as the API contract names them. */
export type { SlaState } from './api/schemas.js';
export { AT_RISK_FRACTION } from './countdown.js';

/** The times of a case that its first-response SLA depends on. */
export interface CaseTimes {
  /** When the support API received the incident: the clock starts here. */
  receivedAt: Date;
  /** When an engineer first responded, if they have. */
  firstResponseAt?: Date | null;
  /** The target in hours (2 or 24; fractional hours are accepted). */
  firstResponseHours: number;
}

/** SLA status of a case at an instant. */
export interface SlaStatus {
  state: SlaState;
  /** The first-response deadline. */
  dueAt: Date;
  /**
   * Support time left until `dueAt`, counted from `now` (or from the first response when there is one).
   * Negative once breached: the real time by which the deadline was missed.
   */
  remainingMs: number;
  /** When `paused`: the run of holidays that stops the clock now, and when it restarts. */
  pausedBy?: SupportHoliday[];
  resumesAt?: Date;
  /** Holidays between receipt and deadline, which pushed the deadline back. Empty when none did. */
  delayedBy: SupportHoliday[];
}

/**
 * The first-response SLA status of a case (spec §6): `met` or `breached` once answered (by the answer's
 * time against the deadline); otherwise `breached` past the deadline, `paused` during a holiday, `at-risk`
 * with less than 25% of the target's support time left, else `on-track`.
 *
 * @param caseTimes - receipt, optional first response, and target hours.
 * @param now - the instant of evaluation.
 * @param options - `zone`: the support time zone.
 * @example
 * slaStatus({ receivedAt: new Date('2026-11-25T15:00:00Z'), firstResponseHours: 24 },
 *           new Date('2026-11-26T17:00:00Z')).state // 'paused' (Thanksgiving)
 */
export function slaStatus(caseTimes: CaseTimes, now: Date, options?: SupportZoneOptions): SlaStatus {
  const table = closureTable(resolveSupportZone(options));
  const received = tableInstant('caseTimes.receivedAt', caseTimes.receivedAt, table);
  const at = tableInstant('now', now, table);
  const hours = caseTimes.firstResponseHours;
  if (typeof hours !== 'number' || !Number.isFinite(hours) || hours <= 0) {
    throw new InvalidDurationError('caseTimes.firstResponseHours', hours);
  }
  const targetMs = hours * 3_600_000;
  const due = addSupportMs(table, received, targetMs);
  const dueAt = new Date(due);
  const delayedBy = holidaysOverlapping(table, received, due);

  const responded = caseTimes.firstResponseAt
    ? tableInstant('caseTimes.firstResponseAt', caseTimes.firstResponseAt, table)
    : null;
  // The clock cannot run before receipt (a client clock behind the server's).
  const evaluatedAt = Math.max(responded ?? at, received);
  const remainingMs = evaluatedAt < due ? supportMsBetween(table, evaluatedAt, due) : -(evaluatedAt - due);

  if (responded !== null) {
    return { state: responded <= due ? 'met' : 'breached', dueAt, remainingMs, delayedBy };
  }
  if (evaluatedAt >= due) return { state: 'breached', dueAt, remainingMs, delayedBy };

  const run = closureRunAt(table, evaluatedAt);
  if (run) {
    return {
      state: 'paused',
      dueAt,
      remainingMs,
      pausedBy: table.holidays.slice(run.first, run.last + 1),
      resumesAt: new Date(table.ends[run.last]),
      delayedBy,
    };
  }
  return { state: remainingMs < AT_RISK_FRACTION * targetMs ? 'at-risk' : 'on-track', dueAt, remainingMs, delayedBy };
}
