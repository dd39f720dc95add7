import { DateTime } from 'luxon';
import { type CancellationInput, cancellationCharge, MINIMUM_BILLED_MONTHS } from './billing.js';
import { InvalidDateError } from './errors.js';
import { type SupportHoliday, supportHolidays } from './holidays.js';
import { resolveSupportZone, type SupportZoneOptions } from './support-zone.js';

/**
 * The end of the monthly billing period that contains `at`, for a registration that started at
 * `registeredAt` (spec §7). Periods run from one monthly anniversary of the registration to the next, in the
 * support zone's calendar, each billed at its start (as Braintree bills a monthly plan); the first period
 * is the minimum term. An anniversary is always counted from the registration itself, so a registration on
 * 31 January renews on 28 (or 29) February and again on 31 March, never drifting to the 28th.
 *
 * @returns the first anniversary strictly after `at`, and at least `MINIMUM_BILLED_MONTHS` after the start.
 * @example
 * billedPeriodEnd(new Date('2027-01-31T15:00:00Z'), new Date('2027-02-10T12:00:00Z')).toISOString()
 * // '2027-02-28T15:00:00.000Z' (10:00 New York, the last day of February)
 */
export function billedPeriodEnd(registeredAt: Date, at: Date, options?: SupportZoneOptions): Date {
  for (const [key, value] of [
    ['registeredAt', registeredAt],
    ['at', at],
  ] as const) {
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new InvalidDateError(key, value);
  }
  const start = DateTime.fromJSDate(registeredAt, { zone: resolveSupportZone(options) });
  const target = at.getTime();
  // A first guess from the calendar months between the two, then a step to the exact anniversary.
  const startUtc = start.toUTC();
  const atUtc = DateTime.fromJSDate(at, { zone: 'utc' });
  let months = Math.max(MINIMUM_BILLED_MONTHS, (atUtc.year - startUtc.year) * 12 + atUtc.month - startUtc.month - 1);
  while (months > MINIMUM_BILLED_MONTHS && start.plus({ months: months - 1 }).toMillis() > target) months--;
  while (start.plus({ months }).toMillis() <= target) months++;
  return start.plus({ months }).toJSDate();
}

/** What a customer is told about a cancellation: a code the UI words in its language, and its facts. */
export interface CancellationNotice {
  /**
   * - `premium-until-minimum-term-end`: cancelled within the first month; that month is owed in full and
   *   premium support lasts until it ends.
   * - `premium-until-period-end`: premium support lasts until the end of the month already billed.
   * - `gold-program-terms`: Type 2: the Gold program's own terms apply (My Account).
   * - `no-premium`: a free plan, or a plan without premium support: nothing changes but the plan.
   */
  code: 'premium-until-minimum-term-end' | 'premium-until-period-end' | 'gold-program-terms' | 'no-premium';
  /** When premium support ends (exclusive), or `null` when the plan carried none under these rules. */
  premiumEndsAt: Date | null;
  /** Still to charge so that the registration has paid its minimum; never a refund. */
  owedCents: number;
  refundCents: 0;
  /**
   * The support holiday on which premium support ends, in the support zone, if any: support is closed that
   * whole day, so the last day an engineer can take an incident under this plan is the day before.
   */
  endsOnHoliday: SupportHoliday | null;
}

/**
 * What cancelling a registration at `now` means (spec §7 and its product decision): the one-month minimum
 * is owed in full with no pro-rata refund, and a cancelled paid plan keeps its premium support until the end
 * of the period already billed — at least the first month. Type 2 follows the Gold program's terms.
 *
 * @param input - the registration; `cancelledAt` is ignored in favour of `now`.
 * @param now - the instant of the cancellation (the server's clock).
 * @param options - `zone`: the calendar in which months are counted (the support zone by default).
 * @example
 * premiumAfterCancellation({ serviceType: 3, plan: 'paid', premiumIncluded: true,
 *   registeredAt: new Date('2026-11-24T15:00:00Z'), monthlyPriceCents: 2900, chargedCents: 2900 },
 *   new Date('2026-11-30T12:00:00Z'))
 * // { code: 'premium-until-minimum-term-end', premiumEndsAt: 2026-12-24T15:00Z,
 * //   endsOnHoliday: { id: 'christmas-eve', … }, owedCents: 0, refundCents: 0 }
 */
export function premiumAfterCancellation(
  input: Omit<CancellationInput, 'cancelledAt'> & { premiumIncluded?: boolean },
  now: Date,
  options?: SupportZoneOptions,
): CancellationNotice {
  const settlement = cancellationCharge({ ...input, cancelledAt: now }, options);
  const base = { owedCents: settlement.owedCents, refundCents: 0 as const, endsOnHoliday: null };
  if (settlement.policy === 'gold-program-terms') return { ...base, code: 'gold-program-terms', premiumEndsAt: null };
  if (settlement.policy === 'free-plan' || input.premiumIncluded === false) {
    return { ...base, code: 'no-premium', premiumEndsAt: null };
  }
  const premiumEndsAt = billedPeriodEnd(input.registeredAt, now, options);
  const withinMinimum = settlement.minimumTermEndsAt !== null && now < settlement.minimumTermEndsAt;
  return {
    ...base,
    code: withinMinimum ? 'premium-until-minimum-term-end' : 'premium-until-period-end',
    premiumEndsAt,
    endsOnHoliday: holidayOn(premiumEndsAt, resolveSupportZone(options)),
  };
}

function holidayOn(instant: Date, zone: string): SupportHoliday | null {
  const local = DateTime.fromJSDate(instant, { zone });
  const date = local.toISODate();
  return supportHolidays(local.year).find((h) => h.date === date) ?? null;
}
