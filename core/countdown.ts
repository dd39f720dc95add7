import type { SlaState } from './api/schemas.js';

/** A case is at risk when less than this fraction of its target's support time is left (spec §6). */
export const AT_RISK_FRACTION = 0.25;

/**
 * The parts of a case (as the API sends it, or as the extension caches it) that its countdown reads.
 * Instants are ISO strings or `Date`s.
 */
export interface CountdownCase {
  dueAt: string | Date;
  firstResponseAt: string | Date | null;
  firstResponseHours: number;
  /** The server's SLA status when the case was fetched. */
  sla: {
    state: SlaState;
    resumesAt?: string | Date | null;
    /** The holidays pausing the clock when the case was fetched (by id, named by the client's catalog). */
    pausedBy?: readonly { id: string; date?: string }[];
  };
}

/**
 * What every surface says about a case's first response at an instant. `dueInMs` is wall-clock time
 * until `dueAt` (holidays included): the time a customer plans around. `holidayIds` name the holidays
 * still ahead in the pausing run (the day after Thanksgiving pauses for that day alone).
 */
export type FirstResponseCountdown =
  | { kind: 'answered'; state: 'met' | 'breached'; answeredAt: Date }
  | { kind: 'paused'; dueInMs: number; holidayIds: string[]; resumesAt: Date | null }
  | { kind: 'due'; dueInMs: number; state: 'on-track' | 'at-risk' }
  | { kind: 'overdue'; overdueMs: number };

export interface CountdownOptions {
  /** Fraction of the target under which a case shows as at risk. Default {@link AT_RISK_FRACTION}. */
  atRiskFraction?: number;
}

/**
 * The first-response countdown of `item` at `now`, from the server's SLA status at the last fetch.
 *
 * "Due in" is the wall-clock time until `dueAt`: the server already moved `dueAt` past every holiday, so
 * the customer reads when the answer is due on their own calendar. While a holiday pauses the clock
 * (the server said `paused` and `now` is before `resumesAt`) it is `paused`, with the holidays' ids.
 * No calendar arithmetic happens here (that stays in {@link slaStatus} on the server), so the widget and
 * the popup carry no time-zone library; the function reads neither the clock nor the machine's zone.
 *
 * At risk: the server said so, or less than the at-risk fraction of the target is left in wall-clock
 * time (wall-clock time left is never less than support time left, so this never flags too early).
 *
 * @param item - the case as fetched (API `Case` or the extension's cached case).
 * @param now - the instant to count from (the server's clock, as the client estimates it).
 * @param options - `atRiskFraction`.
 * @example
 * // Received Wed 25 Nov 2026 10:00 New York, 24 h target, due Sat 28 Nov 10:00 (Thanksgiving Thu–Fri).
 * firstResponseCountdown(item, new Date('2026-11-25T16:00:00Z')) // { kind: 'due', dueInMs: 71 h, ... }
 */
export function firstResponseCountdown(
  item: CountdownCase,
  now: Date,
  options?: CountdownOptions,
): FirstResponseCountdown {
  const due = instant(item.dueAt);
  if (item.firstResponseAt !== null) {
    const answeredAt = new Date(instant(item.firstResponseAt));
    return { kind: 'answered', state: answeredAt.getTime() <= due ? 'met' : 'breached', answeredAt };
  }
  const at = now.getTime();
  const dueInMs = due - at;
  if (dueInMs <= 0) return { kind: 'overdue', overdueMs: -dueInMs };
  const resumes = item.sla.resumesAt ? instant(item.sla.resumesAt) : null;
  if (item.sla.state === 'paused' && (resumes === null || at < resumes)) {
    return {
      kind: 'paused',
      dueInMs,
      holidayIds: holidaysAhead(item.sla.pausedBy ?? [], resumes, at),
      resumesAt: resumes === null ? null : new Date(resumes),
    };
  }
  const fraction = options?.atRiskFraction ?? AT_RISK_FRACTION;
  const atRisk = item.sla.state === 'at-risk' || dueInMs < item.firstResponseHours * 3_600_000 * fraction;
  return { kind: 'due', dueInMs, state: atRisk ? 'at-risk' : 'on-track' };
}

/**
 * The ids of the run's holidays not yet over at `at`. The run is consecutive days ending at `resumesAt`,
 * so a holiday `k` days before the last one ends `k` days before it; counting whole days of 24 h can be
 * an hour off only when a run spans a DST change, and only in the hour around that midnight. Without
 * dates (an old cache) or an end, the whole run.
 */
function holidaysAhead(run: readonly { id: string; date?: string }[], resumes: number | null, at: number): string[] {
  const last = run[run.length - 1]?.date;
  if (resumes === null || last === undefined || run.some((h) => h.date === undefined)) return run.map((h) => h.id);
  const day = (date: string) => Date.parse(`${date}T00:00:00Z`);
  const ahead = run.filter((h) => resumes - (day(last) - day(h.date as string)) > at);
  return (ahead.length > 0 ? ahead : run).map((h) => h.id);
}

function instant(value: string | Date): number {
  return typeof value === 'string' ? Date.parse(value) : value.getTime();
}
