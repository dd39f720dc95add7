import type { SupportCalendar } from '../../../core/api/schemas.js';
/** The browser's own time zone, as an IANA name. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Whether `zone` is an IANA time zone this browser knows. */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * "today, 9:00 PM EST" / "tomorrow, …" when the reopening falls on the customer's today or tomorrow, else
 * "Saturday, 12:00 AM EST" within the coming week, else with the date; the locale's own 12/24-hour
 * convention and the zone's name.
 */
export function formatReopening(iso: string, now: Date, locale: string, timeZone: string): string {
  const at = new Date(iso);
  const time = { hour: 'numeric', minute: '2-digit', timeZoneName: 'short', timeZone } as const;
  const dayOf = (d: Date) =>
    Date.parse(`${new Intl.DateTimeFormat('en-CA', { timeZone }).format(d)}T00:00:00Z`) / 86_400_000;
  const days = dayOf(at) - dayOf(now);
  if (days === 0 || days === 1) {
    const word = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(days, 'day');
    return `${word}, ${new Intl.DateTimeFormat(locale, time).format(at)}`;
  }
  const soon = at.getTime() - now.getTime() < 6 * 86_400_000;
  return new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    ...(soon ? {} : { day: 'numeric', month: 'long' }),
    ...time,
  }).format(at);
}

/** "27 November 2026" (no time). */
export function formatDate(iso: string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(
    new Date(iso),
  );
}

/** A price in the customer's locale: "$29.00" / "29,00 $US". */
export function formatPrice(cents: number, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(cents / 100);
}

/**
 * A link target from the server, only if it is an http(s) URL: a `javascript:` URL in a server's answer
 * must never become a clickable link.
 */
export function safeHref(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An E.164 number as people read it: North American numbers grouped `+1 202-555-0147`, others as given.
 * The `tel:` link keeps the E.164 form.
 */
export function displayPhone(e164: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return nanp ? `+1 ${nanp[1]}-${nanp[2]}-${nanp[3]}` : e164;
}

/** How far ahead the overview names the next support closure. */
const NEXT_CLOSURE_DAYS = 14;

/**
 * The next run of support holidays after today (in the support zone, from the server's `now`) when it
 * starts within two weeks: its holidays (consecutive days) and first date; else null.
 */
export function nextClosure(
  calendar: Pick<SupportCalendar, 'now' | 'zone' | 'holidays'>,
): { ids: { id: string; name: string }[]; date: string } | null {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: calendar.zone }).format(new Date(calendar.now));
  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
  const ahead = calendar.holidays.filter((h) => h.date > today).sort((a, b) => a.date.localeCompare(b.date));
  const first = ahead[0];
  if (!first || day(first.date) - day(today) > NEXT_CLOSURE_DAYS) return null;
  const run = [first];
  for (const h of ahead.slice(1)) if (day(h.date) - day(run[run.length - 1]!.date) === 1) run.push(h);
  return { ids: run.map(({ id, name }) => ({ id, name })), date: first.date };
}
