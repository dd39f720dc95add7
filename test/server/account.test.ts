import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../core/api/schemas.js';
import { computeEntitlement, type Me, nextSupportOpening, type SupportCalendar } from '../../core/index.js';
import { type Harness, json, startHarness } from './_lib/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

describe('GET /v1/me', () => {
  it.each([
    ['gold', 'onetouchat', { level: 'premium', firstResponseHours: 2, gold: 'active', submitVia: 'my-account' }],
    ['goldLapsed', 'onetouchat', { level: 'self-help', reason: 'gold-lapsed', upgrade: 'gold-renewal' }],
    ['linksprinterPaid', 'linksprinter', { level: 'premium', firstResponseHours: 24, submitVia: 'service-assistance' }],
    [
      'standalonePaid',
      'netscout-insights',
      { level: 'premium', firstResponseHours: 24, incidentsPerMonth: 'unlimited' },
    ],
    [
      'free',
      'linksprinter',
      { level: 'self-help', canSubmitIncidents: false, reason: 'free-plan', upgrade: 'paid-plan' },
    ],
  ])(
    'shows %s its subscription with the entitlement computed by core at request time',
    async (as, serviceId, expected) => {
      const me = await json<Me>(await h.api('/v1/me', { as }));
      expect(contract.Me.safeParse(me).success).toBe(true);
      expect(me.user.role).toBe('customer');
      expect(me.subscriptions).toHaveLength(1);
      const [subscription] = me.subscriptions;
      expect(subscription.serviceId).toBe(serviceId);
      expect(subscription.entitlement).toMatchObject(expected);
      expect(subscription.entitlement).toEqual(
        computeEntitlement(
          {
            serviceType: subscription.serviceType,
            plan: subscription.plan,
            premiumIncluded: subscription.premiumIncluded,
            goldCoverageEndsAt: subscription.goldCoverageEndsAt,
          },
          h.clock.now(),
        ),
      );
    },
  );

  it('re-evaluates Gold at request time: coverage that ends later is lapsed once that instant passes', async () => {
    const me = await json<Me>(await h.api('/v1/me', { as: 'gold' }));
    const endsAt = me.subscriptions[0].goldCoverageEndsAt as string;
    const saved = h.clock.current;
    h.clock.set(endsAt);
    try {
      const later = await json<Me>(await h.api('/v1/me', { as: 'gold' }));
      expect(later.subscriptions[0].entitlement).toMatchObject({ gold: 'lapsed', canSubmitIncidents: false });
    } finally {
      h.clock.current = saved;
    }
  });

  it('identifies a support engineer', async () => {
    const me = await json<Me>(await h.api('/v1/me', { as: 'agent' }));
    expect(me.user.role).toBe('agent');
    expect(me.subscriptions).toEqual([]);
  });
});

describe('GET /v1/calendar', () => {
  it('says support is closed on Thanksgiving and reopens Saturday 00:00 New York', async () => {
    h.clock.set('2026-11-26T17:00:00Z');
    const calendar = await json<SupportCalendar>(await h.api('/v1/calendar?from=2026-11-01&to=2026-12-31'));
    expect(contract.SupportCalendar.safeParse(calendar).success).toBe(true);
    expect(calendar).toMatchObject({ zone: 'America/New_York', now: '2026-11-26T17:00:00.000Z', open: false });
    expect(calendar.closure?.holiday.id).toBe('thanksgiving');
    expect(calendar.closure?.run.map((d) => d.id)).toEqual(['thanksgiving', 'day-after-thanksgiving']);
    expect(calendar.nextOpening).toBe('2026-11-28T05:00:00.000Z');
    expect(calendar.nextOpening).toBe(nextSupportOpening(new Date('2026-11-26T17:00:00Z')).toISOString());
    expect(calendar.holidays.map((d) => d.date)).toEqual([
      '2026-11-26',
      '2026-11-27',
      '2026-12-24',
      '2026-12-25',
      '2026-12-31',
    ]);
  });

  it('says support is open on an ordinary day, and defaults to the year ahead', async () => {
    h.clock.set('2026-12-02T15:00:00Z');
    const calendar = await json<SupportCalendar>(await h.api('/v1/calendar'));
    expect(calendar.open).toBe(true);
    expect(calendar.closure).toBeNull();
    expect(calendar.nextOpening).toBe('2026-12-02T15:00:00.000Z');
    expect(calendar.holidays[0].date).toBe('2026-12-24');
    expect(calendar.holidays.length).toBe(10);
  });
});
