import { describe, expect, it } from 'vitest';
import {
  computeEntitlement,
  InvalidDateError,
  MY_ACCOUNT_URL,
  SUPPORT_CONTACTS,
  type SubscriptionTerms,
} from '../../core/index.js';

const now = new Date('2026-11-26T14:51:00Z');
const gold = {
  active: '2027-06-30T00:00:00Z',
  lapsed: '2026-11-01T00:00:00Z',
  absent: undefined,
} as const;

type Row = [SubscriptionTerms['serviceType'], 'free' | 'paid', boolean | undefined, keyof typeof gold];
const rows: Row[] = [];
for (const type of [1, 2, 3] as const)
  for (const plan of ['free', 'paid'] as const)
    for (const premium of [undefined, true, false])
      for (const coverage of ['active', 'lapsed', 'absent'] as const) rows.push([type, plan, premium, coverage]);

/** The rules of spec §2–§4, stated independently of the implementation. */
function expected([type, plan, premium, coverage]: Row) {
  if (type === 2) {
    if (coverage === 'active') return { level: 'premium', hours: 2, reason: null, upgrade: null, gold: 'active' };
    return coverage === 'lapsed'
      ? { level: 'self-help', hours: null, reason: 'gold-lapsed', upgrade: 'gold-renewal', gold: 'lapsed' }
      : { level: 'self-help', hours: null, reason: 'gold-absent', upgrade: 'gold-purchase', gold: 'absent' };
  }
  if (plan === 'free')
    return { level: 'self-help', hours: null, reason: 'free-plan', upgrade: 'paid-plan', gold: 'not-offered' };
  if (premium === false) {
    return {
      level: 'self-help',
      hours: null,
      reason: 'plan-without-premium',
      upgrade: 'premium-plan',
      gold: 'not-offered',
    };
  }
  return { level: 'premium', hours: 24, reason: null, upgrade: null, gold: 'not-offered' };
}

describe('computeEntitlement — every type × plan × premium flag × Gold state', () => {
  it.each(rows)('type %s, %s plan, premiumIncluded=%s, Gold %s', (type, plan, premium, coverage) => {
    const e = computeEntitlement(
      { serviceType: type, plan, premiumIncluded: premium, goldCoverageEndsAt: gold[coverage] },
      now,
    );
    const want = expected([type, plan, premium, coverage]);
    expect({ level: e.level, hours: e.firstResponseHours, reason: e.reason, upgrade: e.upgrade, gold: e.gold }).toEqual(
      want,
    );
    const premiumLevel = want.level === 'premium';
    expect(e.canSubmitIncidents).toBe(premiumLevel);
    expect(e.incidentsPerMonth).toBe(premiumLevel ? 'unlimited' : 0);
    expect(e.hours).toBe(premiumLevel ? '24/7 except support holidays' : '24/7');
    expect(e.channels).toEqual(
      !premiumLevel
        ? ['self-help']
        : type === 2
          ? ['phone', 'email', 'web', 'self-help']
          : ['email', 'web', 'self-help'],
    );
    // The desk's number only where the phone is a channel, its address wherever e-mail is.
    expect(e.contacts).toEqual({
      phone: premiumLevel && type === 2 ? SUPPORT_CONTACTS[2].phone : null,
      email: premiumLevel ? SUPPORT_CONTACTS[type].email : null,
    });
    expect(e.submitVia).toBe(type === 2 ? 'my-account' : 'service-assistance');
    expect(e.statusVia).toBe(e.submitVia);
    expect(e.myAccountUrl).toBe(type === 2 ? MY_ACCOUNT_URL : null);
    expect(e.supportLanguage).toBe('en');
    expect(e.selfHelp.map((r) => r.kind)).toEqual([
      'knowledge-base',
      'forums',
      'documentation',
      'white-papers',
      'best-practice-guides',
    ]);
  });
});

describe('computeEntitlement — edges', () => {
  it('lapses Gold at the exact instant its coverage ends', () => {
    const terms = { serviceType: 2, plan: 'paid', goldCoverageEndsAt: '2026-11-26T14:51:00Z' } as const;
    expect(computeEntitlement(terms, new Date('2026-11-26T14:50:59.999Z')).level).toBe('premium');
    expect(computeEntitlement(terms, now).reason).toBe('gold-lapsed');
  });
  it('ignores a Gold date on a service for which Gold is not offered', () => {
    const e = computeEntitlement({ serviceType: 3, plan: 'free', goldCoverageEndsAt: gold.active }, now);
    expect(e.reason).toBe('free-plan');
  });
  it('refuses an invalid `now` and an unknown type', () => {
    expect(() => computeEntitlement({ serviceType: 1, plan: 'paid' }, new Date(Number.NaN))).toThrow(InvalidDateError);
    expect(() => computeEntitlement({ serviceType: 4 as 1, plan: 'paid' }, now)).toThrow(/serviceType/);
    expect(() => computeEntitlement({ serviceType: 2, plan: 'paid', goldCoverageEndsAt: 'soon' }, now)).toThrow(
      /goldCoverageEndsAt/,
    );
  });
});
