import { DateTime } from 'luxon';
import type { ServiceType } from './catalog.js';
import { InvalidArgumentError, InvalidDateError } from './errors.js';
import { resolveSupportZone, type SupportZoneOptions } from './support-zone.js';

/**
 * Billing rules (spec §7, Q15 and Q17). Card data never reaches this code: a paid plan is bought with a
 * one-time payment-method nonce from Braintree.
 */

/** Each registration costs at least this many months of support; no pro-rata refund below it. */
export const MINIMUM_BILLED_MONTHS = 1;

/** Accounts with `threshold` or more cancellations in the trailing `windowMonths` may be refused support. */
export const FREQUENT_CANCELLATION_POLICY = { threshold: 3, windowMonths: 12 } as const;

export interface CancellationInput {
  serviceType: ServiceType;
  plan: 'free' | 'paid';
  /** When this registration started. */
  registeredAt: Date;
  cancelledAt: Date;
  monthlyPriceCents: number;
  /** What has already been charged for this registration. */
  chargedCents: number;
}

export interface CancellationSettlement {
  /** Which terms apply: the one-month minimum, Gold's own terms (Type 2), or nothing owed (free plan). */
  policy: 'minimum-one-month' | 'gold-program-terms' | 'free-plan';
  /** Still to charge now, so that the registration has paid its minimum. */
  owedCents: number;
  /** Always 0: there is no pro-rata refund. */
  refundCents: 0;
  /** The end of the minimum term, when the minimum applies. */
  minimumTermEndsAt: Date | null;
}

/**
 * What a cancellation owes (spec §7): at least one month per registration, in full even when cancelled
 * on the first day, and no pro-rata refund. Gold program members (Type 2) follow the Gold terms instead.
 *
 * @param options - `zone`: the calendar in which "one month" is counted (the support zone by default).
 * @example
 * cancellationCharge({ serviceType: 3, plan: 'paid', registeredAt, cancelledAt: sameDay,
 *   monthlyPriceCents: 2900, chargedCents: 0 }).owedCents // 2900
 */
export function cancellationCharge(input: CancellationInput, options?: SupportZoneOptions): CancellationSettlement {
  for (const key of ['registeredAt', 'cancelledAt'] as const) {
    const value = input[key];
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new InvalidDateError(key, value);
  }
  for (const key of ['monthlyPriceCents', 'chargedCents'] as const) {
    if (!Number.isInteger(input[key]) || input[key] < 0) {
      throw new InvalidArgumentError(`${key} must be a whole, non-negative number of cents, got ${input[key]}`);
    }
  }
  if (input.cancelledAt < input.registeredAt) throw new InvalidArgumentError('cancelledAt is before registeredAt');
  if (input.serviceType === 2)
    return { policy: 'gold-program-terms', owedCents: 0, refundCents: 0, minimumTermEndsAt: null };
  if (input.plan === 'free') return { policy: 'free-plan', owedCents: 0, refundCents: 0, minimumTermEndsAt: null };
  const zone = resolveSupportZone(options);
  const minimumTermEndsAt = DateTime.fromJSDate(input.registeredAt, { zone })
    .plus({ months: MINIMUM_BILLED_MONTHS })
    .toJSDate();
  const minimumCents = input.monthlyPriceCents * MINIMUM_BILLED_MONTHS;
  return {
    policy: 'minimum-one-month',
    owedCents: Math.max(0, minimumCents - input.chargedCents),
    refundCents: 0,
    minimumTermEndsAt,
  };
}

export interface CancellationRecord {
  cancelledAt: Date;
  serviceType: ServiceType;
}

/**
 * Whether an account registers and cancels frequently (spec §7): `threshold` (default 3) or more
 * cancellations in the trailing `windowMonths` (default 12) before `now`. Type 2 (Gold) cancellations
 * do not count.
 */
export function isFrequentCanceller(
  cancellations: readonly CancellationRecord[],
  now: Date,
  policy: { threshold?: number; windowMonths?: number } = {},
): boolean {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new InvalidDateError('now', now);
  const threshold = policy.threshold ?? FREQUENT_CANCELLATION_POLICY.threshold;
  const windowMonths = policy.windowMonths ?? FREQUENT_CANCELLATION_POLICY.windowMonths;
  if (!Number.isInteger(threshold) || threshold < 1)
    throw new InvalidArgumentError(`threshold must be a whole number ≥ 1, got ${threshold}`);
  if (!Number.isInteger(windowMonths) || windowMonths < 1) {
    throw new InvalidArgumentError(`windowMonths must be a whole number ≥ 1, got ${windowMonths}`);
  }
  const windowStart = DateTime.fromJSDate(now, { zone: 'utc' }).minus({ months: windowMonths }).toMillis();
  const end = now.getTime();
  let count = 0;
  for (const record of cancellations) {
    const t = record.cancelledAt.getTime();
    if (record.serviceType !== 2 && t > windowStart && t <= end) count++;
  }
  return count >= threshold;
}
