import type { CachedCase } from './storage.js';

/** What the popup says about a case's first-response clock at an instant. */
export type Countdown =
  | { kind: 'answered'; at: string; state: 'met' | 'breached' }
  | { kind: 'paused'; remainingMs: number; resumesAt: string | null }
  | { kind: 'due'; remainingMs: number; state: 'on-track' | 'at-risk' }
  | { kind: 'overdue'; overdueMs: number };

/** Fraction of the target under which a case is at risk (same as the policy core's `AT_RISK_FRACTION`). */
const AT_RISK_FRACTION = 0.25;

/**
 * The countdown of a case at `now`, from what the server said at `syncedAt`. The server computed the
 * support time left (holidays excluded) when the list was fetched; between two polls the clock runs in
 * real time unless the case was paused for a holiday, in which case it stays frozen until the next poll.
 * (No calendar arithmetic here: that stays on the server, and keeps the popup free of luxon.)
 *
 * @example
 * caseCountdown(openCase, new Date('2026-11-28T15:00:00Z'), '2026-11-28T14:00:00Z') // due, 1 h less
 */
export function caseCountdown(item: CachedCase, now: Date, syncedAt: string | null): Countdown {
  if (item.firstResponseAt) {
    return { kind: 'answered', at: item.firstResponseAt, state: item.sla.state === 'breached' ? 'breached' : 'met' };
  }
  if (item.sla.state === 'paused') {
    return { kind: 'paused', remainingMs: Math.max(0, item.sla.remainingMs), resumesAt: item.sla.resumesAt };
  }
  const elapsed = syncedAt ? Math.max(0, now.getTime() - Date.parse(syncedAt)) : 0;
  const remainingMs =
    item.sla.state === 'breached' ? Math.min(item.sla.remainingMs, 0) - elapsed : item.sla.remainingMs - elapsed;
  if (remainingMs <= 0) return { kind: 'overdue', overdueMs: -remainingMs };
  const targetMs = item.firstResponseHours * 3_600_000;
  return { kind: 'due', remainingMs, state: remainingMs < targetMs * AT_RISK_FRACTION ? 'at-risk' : 'on-track' };
}

/**
 * A duration in the customer's language, two units at most (`2 d 4 h`, `3 h 5 min`, `12 min`).
 */
export function formatDuration(ms: number, lang: string): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const unit = (value: number, name: 'day' | 'hour' | 'minute') => unitFormat(lang, name).format(value);
  if (days > 0) return hours > 0 ? `${unit(days, 'day')} ${unit(hours, 'hour')}` : unit(days, 'day');
  if (hours > 0) return mins > 0 ? `${unit(hours, 'hour')} ${unit(mins, 'minute')}` : unit(hours, 'hour');
  return unit(mins, 'minute');
}

const unitFormats = new Map<string, Intl.NumberFormat>();
function unitFormat(lang: string, unit: 'day' | 'hour' | 'minute'): Intl.NumberFormat {
  const key = `${lang}|${unit}`;
  let format = unitFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'short' });
    unitFormats.set(key, format);
  }
  return format;
}
