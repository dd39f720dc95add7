import { describe, expect, it } from 'vitest';
import { billedPeriodEnd, premiumAfterCancellation } from '../../core/index.js';

// Each instant is written in UTC; the comments give New York time (the support zone). The suite runs under
// three process time zones (scripts/test.mjs): the answers must not move with them.
const pro = { serviceType: 3, plan: 'paid', premiumIncluded: true, monthlyPriceCents: 2900 } as const;
const at = (iso: string) => new Date(iso);

describe('premiumAfterCancellation — premium support lasts until the end of the billed period', () => {
  it('keeps premium until the end of the first month when cancelled the day after registering', () => {
    const notice = premiumAfterCancellation(
      { ...pro, registeredAt: at('2026-03-02T15:00:00Z'), chargedCents: 2900 }, // 2 Mar 10:00 EST
      at('2026-03-03T15:00:00Z'),
    );
    expect(notice).toMatchObject({ code: 'premium-until-minimum-term-end', owedCents: 0, refundCents: 0 });
    // 2 Apr 10:00 EDT: the same wall-clock time a month later, across the DST change.
    expect(notice.premiumEndsAt?.toISOString()).toBe('2026-04-02T14:00:00.000Z');
  });

  it('owes the whole first month, with no refund, when nothing was charged yet', () => {
    const notice = premiumAfterCancellation(
      { ...pro, registeredAt: at('2026-03-02T15:00:00Z'), chargedCents: 0 },
      at('2026-03-02T15:05:00Z'),
    );
    expect(notice).toMatchObject({ owedCents: 2900, refundCents: 0 });
  });

  it('keeps premium until the end of the current month after the first one', () => {
    const notice = premiumAfterCancellation(
      { ...pro, registeredAt: at('2026-01-10T15:00:00Z'), chargedCents: 2900 * 3 },
      at('2026-03-20T15:00:00Z'),
    );
    expect(notice.code).toBe('premium-until-period-end');
    expect(notice.premiumEndsAt?.toISOString()).toBe('2026-04-10T14:00:00.000Z');
  });

  it('counts a registration on 31 January to the last day of February, then to 31 March', () => {
    const registeredAt = at('2027-01-31T15:00:00Z'); // 31 Jan 10:00 EST
    const inFebruary = premiumAfterCancellation(
      { ...pro, registeredAt, chargedCents: 2900 },
      at('2027-02-10T12:00:00Z'),
    );
    expect(inFebruary.premiumEndsAt?.toISOString()).toBe('2027-02-28T15:00:00.000Z');
    // In a leap year, 29 February.
    expect(billedPeriodEnd(at('2028-01-31T15:00:00Z'), at('2028-02-01T00:00:00Z')).toISOString()).toBe(
      '2028-02-29T15:00:00.000Z',
    );
    // Cancelled in March: the second period runs to 31 March, not to the 28th.
    const inMarch = premiumAfterCancellation({ ...pro, registeredAt, chargedCents: 5800 }, at('2027-03-01T12:00:00Z'));
    expect(inMarch.premiumEndsAt?.toISOString()).toBe('2027-03-31T14:00:00.000Z');
  });

  it('starts a new billed period at the anniversary itself', () => {
    const registeredAt = at('2026-05-15T14:00:00Z');
    expect(billedPeriodEnd(registeredAt, at('2026-06-15T13:59:59.999Z')).toISOString()).toBe(
      '2026-06-15T14:00:00.000Z',
    );
    expect(billedPeriodEnd(registeredAt, at('2026-06-15T14:00:00Z')).toISOString()).toBe('2026-07-15T14:00:00.000Z');
    expect(billedPeriodEnd(registeredAt, at('2031-06-20T00:00:00Z')).toISOString()).toBe('2031-07-15T14:00:00.000Z');
  });

  it('counts months in the support zone: 23:30 on 30 November New York is 1 December in UTC', () => {
    const registeredAt = at('2026-12-01T04:30:00Z'); // 30 Nov 23:30 EST
    const end = billedPeriodEnd(registeredAt, at('2026-12-05T00:00:00Z'));
    expect(end.toISOString()).toBe('2026-12-31T04:30:00.000Z'); // 30 Dec 23:30 EST, not 1 January
    const tokyo = billedPeriodEnd(registeredAt, at('2026-12-05T00:00:00Z'), { zone: 'Asia/Tokyo' });
    expect(tokyo.toISOString()).toBe('2027-01-01T04:30:00.000Z'); // 1 Dec 13:30 JST → 1 Jan
  });

  it('names Christmas Eve when premium ends on it: support is closed that whole day', () => {
    const notice = premiumAfterCancellation(
      { ...pro, registeredAt: at('2026-11-24T15:00:00Z'), chargedCents: 2900 }, // 24 Nov 10:00 EST
      at('2026-11-30T12:00:00Z'),
    );
    expect(notice.premiumEndsAt?.toISOString()).toBe('2026-12-24T15:00:00.000Z');
    expect(notice.endsOnHoliday).toEqual({ date: '2026-12-24', name: 'Christmas Eve', id: 'christmas-eve' });
  });

  it('names New Year’s Eve late in the evening in New York, already 1 January in UTC', () => {
    const notice = premiumAfterCancellation(
      { ...pro, registeredAt: at('2026-12-01T04:00:00Z'), chargedCents: 2900 }, // 30 Nov 23:00 EST
      at('2026-12-20T12:00:00Z'),
    );
    expect(notice.premiumEndsAt?.toISOString()).toBe('2026-12-31T04:00:00.000Z'); // 30 Dec 23:00 EST
    expect(notice.endsOnHoliday).toBeNull();
    const later = premiumAfterCancellation(
      { ...pro, registeredAt: at('2026-12-01T05:30:00Z'), chargedCents: 2900 }, // 1 Dec 00:30 EST
      at('2026-12-20T12:00:00Z'),
    );
    expect(later.premiumEndsAt?.toISOString()).toBe('2027-01-01T05:30:00.000Z'); // 1 Jan 00:30 EST
    expect(later.endsOnHoliday?.id).toBe('new-years-day');
    const eve = premiumAfterCancellation(
      { ...pro, registeredAt: at('2026-12-01T04:59:00Z'), chargedCents: 2900 }, // 30 Nov 23:59 EST
      at('2026-12-31T04:58:00Z'),
    );
    expect(eve.premiumEndsAt?.toISOString()).toBe('2026-12-31T04:59:00.000Z');
    expect(eve.endsOnHoliday).toBeNull();
    const nye = premiumAfterCancellation(
      { ...pro, registeredAt: at('2026-11-01T03:30:00Z'), chargedCents: 2900 * 2 }, // 31 Oct 23:30 EDT
      at('2026-12-20T12:00:00Z'),
    );
    expect(nye.premiumEndsAt?.toISOString()).toBe('2027-01-01T04:30:00.000Z'); // 31 Dec 23:30 EST
    expect(nye.endsOnHoliday?.id).toBe('new-years-eve');
  });

  it('applies the Gold terms to Type 2, and continues nothing for a free plan or a plan without premium', () => {
    const registeredAt = at('2026-11-02T15:00:00Z');
    const now = at('2026-11-03T15:00:00Z');
    expect(premiumAfterCancellation({ ...pro, serviceType: 2, registeredAt, chargedCents: 0 }, now)).toMatchObject({
      code: 'gold-program-terms',
      premiumEndsAt: null,
    });
    expect(premiumAfterCancellation({ ...pro, plan: 'free', registeredAt, chargedCents: 0 }, now)).toMatchObject({
      code: 'no-premium',
      premiumEndsAt: null,
      owedCents: 0,
    });
    expect(
      premiumAfterCancellation({ ...pro, premiumIncluded: false, registeredAt, chargedCents: 2900 }, now).code,
    ).toBe('no-premium');
  });

  it('refuses an invalid instant', () => {
    expect(() => billedPeriodEnd(at('nope'), at('2026-01-01T00:00:00Z'))).toThrow(/registeredAt/);
    expect(() =>
      premiumAfterCancellation({ ...pro, registeredAt: at('2026-01-01T00:00:00Z'), chargedCents: 0 }, at('x')),
    ).toThrow();
  });
});
