import { DateTime } from 'luxon';

/** An instant given as a wall-clock time in a zone (default New York), to keep examples readable. */
export function at(local: string, zone = 'America/New_York'): Date {
  const dt = DateTime.fromISO(local, { zone });
  if (!dt.isValid) throw new Error(`bad test time ${local}`);
  return dt.toJSDate();
}

/** The wall-clock time of an instant in a zone, `YYYY-MM-DDTHH:mm`. */
export function wall(instant: Date, zone = 'America/New_York'): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
}

export const HOUR = 3_600_000;
