import { describe, expect, it } from 'vitest';
import { cancellationCharge, FREQUENT_CANCELLATION_POLICY, isFrequentCanceller } from '../../core/index.js';

const registeredAt = new Date('2026-11-02T15:00:00Z');
const paid = { serviceType: 3, plan: 'paid', registeredAt, monthlyPriceCents: 2900 } as const;

describe('cancellationCharge — at least one month per registration', () => {
  it('owes the full month when cancelled the same day and nothing was charged yet', () => {
    const s = cancellationCharge({ ...paid, cancelledAt: new Date('2026-11-02T16:00:00Z'), chargedCents: 0 });
    expect(s).toMatchObject({ policy: 'minimum-one-month', owedCents: 2900, refundCents: 0 });
    expect(s.minimumTermEndsAt?.toISOString()).toBe('2026-12-02T15:00:00.000Z');
  });
  it('owes nothing more and refunds nothing when the month was charged up front', () => {
    const s = cancellationCharge({ ...paid, cancelledAt: new Date('2026-11-10T00:00:00Z'), chargedCents: 2900 });
    expect(s).toMatchObject({ owedCents: 0, refundCents: 0 });
  });
  it('applies the Gold program’s own terms to Type 2 instead', () => {
    const s = cancellationCharge({ ...paid, serviceType: 2, cancelledAt: registeredAt, chargedCents: 0 });
    expect(s).toMatchObject({ policy: 'gold-program-terms', owedCents: 0 });
  });
  it('owes nothing on a free plan', () => {
    expect(cancellationCharge({ ...paid, plan: 'free', cancelledAt: registeredAt, chargedCents: 0 }).owedCents).toBe(0);
  });
  it('refuses cents that are not whole and a cancellation before the registration', () => {
    expect(() => cancellationCharge({ ...paid, cancelledAt: registeredAt, chargedCents: 1.5 })).toThrow(/chargedCents/);
    expect(() =>
      cancellationCharge({ ...paid, cancelledAt: new Date('2026-01-01T00:00:00Z'), chargedCents: 0 }),
    ).toThrow(/before/);
  });
});

describe('isFrequentCanceller', () => {
  const now = new Date('2026-11-26T12:00:00Z');
  const c = (iso: string, serviceType: 1 | 2 | 3 = 3) => ({ cancelledAt: new Date(iso), serviceType });

  it(`flags ${FREQUENT_CANCELLATION_POLICY.threshold} cancellations in the trailing 12 months`, () => {
    const records = [c('2026-01-10T00:00:00Z'), c('2026-05-10T00:00:00Z'), c('2026-11-20T00:00:00Z')];
    expect(isFrequentCanceller(records, now)).toBe(true);
    expect(isFrequentCanceller(records.slice(1), now)).toBe(false);
  });
  it('forgets cancellations older than 12 months', () => {
    const records = [c('2025-11-25T00:00:00Z'), c('2026-05-10T00:00:00Z'), c('2026-11-20T00:00:00Z')];
    expect(isFrequentCanceller(records, now)).toBe(false);
  });
  it('does not count Gold (Type 2) cancellations', () => {
    const records = [c('2026-01-10T00:00:00Z', 2), c('2026-05-10T00:00:00Z'), c('2026-11-20T00:00:00Z')];
    expect(isFrequentCanceller(records, now)).toBe(false);
  });
  it('takes a configured threshold', () => {
    expect(isFrequentCanceller([c('2026-11-20T00:00:00Z')], now, { threshold: 1 })).toBe(true);
    expect(() => isFrequentCanceller([], now, { threshold: 0 })).toThrow(/threshold/);
  });
});
