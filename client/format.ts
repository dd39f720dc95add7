import type { FirstResponseCountdown } from '../core/countdown.js';
import { type ClientCatalog, fill } from './messages.js';

/**
 * "Fri, Nov 27, 10:00 AM EST" / "ven. 27 nov., 16:00 UTC+1": in the customer's locale (its own 12/24-hour
 * convention) and zone, with the zone's name, since the customer and the engineer may not share one.
 */
export function formatDateTime(iso: string | Date, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone,
  }).format(new Date(iso));
}

/**
 * A duration as every surface writes it, to the minute and two units at most: "2 d 23 h",
 * "3 h 05 min", "12 min" (the units from the catalog). Negative durations are written by size.
 */
export function formatDuration(ms: number, units: ClientCatalog['units']): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return `${days} ${units.day} ${hours} ${units.hour}`;
  if (hours > 0) return `${hours} ${units.hour} ${String(mins).padStart(2, '0')} ${units.minute}`;
  return `${mins} ${units.minute}`;
}

/** A list in the reader's language: "Thanksgiving and the day after Thanksgiving". */
export function formatList(items: string[], lang: string): string {
  return new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(items);
}

/** A holiday's name in the catalog's language; `fallback` (the server's English name) for an unknown id. */
export function holidayName(catalog: ClientCatalog, id: string, fallback: string): string {
  return (catalog.holidays as Record<string, string>)[id] ?? fallback;
}

/**
 * The "due in" sentence of a countdown, the same on every surface; `null` once answered (each surface
 * shows the answer its own way).
 */
export function countdownText(countdown: FirstResponseCountdown, catalog: ClientCatalog, lang: string): string | null {
  const words = catalog.countdown;
  switch (countdown.kind) {
    case 'answered':
      return null;
    case 'overdue':
      return fill(words.overdueBy, { duration: formatDuration(countdown.overdueMs, catalog.units) });
    case 'due':
      return fill(words.dueIn, { duration: formatDuration(countdown.dueInMs, catalog.units) });
    case 'paused': {
      const names = countdown.holidayIds.map((id) => holidayName(catalog, id, id));
      return fill(words.pausedFor, {
        holidays: formatList(names, lang),
        duration: formatDuration(countdown.dueInMs, catalog.units),
      });
    }
  }
}
