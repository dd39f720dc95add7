import type { Entitlement, SubscriptionTerms } from './api/schemas.js';
import { MY_ACCOUNT_URL, SERVICE_TYPES, SUPPORT_CONTACTS } from './catalog.js';
import { InvalidArgumentError, InvalidDateError } from './errors.js';
import { FIRST_RESPONSE_TARGETS, SELF_HELP_RESOURCES, SUPPORT_LANGUAGE } from './targets.js';

export type { Entitlement, SubscriptionTerms } from './api/schemas.js';

/**
 * What a customer is entitled to on one subscription at an instant (spec §2–§4).
 *
 * - Everyone has self-help, 24/7.
 * - Type 1 and 3: premium support comes with a paid plan whose `premiumIncluded` flag is true (the
 *   default for paid plans; free plans never include it).
 * - Type 2: premium support is included in the hardware's Gold coverage, and holds while it is active
 *   (`now` before `goldCoverageEndsAt`). The service plan does not grant it: Gold is the contract.
 * - A refusal carries a machine-readable `reason` and an `upgrade` path.
 *
 * @param subscription - the subscription's type, plan and (Type 2) Gold coverage end.
 * @param now - the instant at which to evaluate (Gold may have lapsed since yesterday).
 * @throws {InvalidDateError | InvalidArgumentError}
 * @example
 * computeEntitlement({ serviceType: 3, plan: 'paid' }, now).firstResponseHours // 24
 */
export function computeEntitlement(subscription: SubscriptionTerms, now: Date): Entitlement {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new InvalidDateError('now', now);
  const { serviceType, plan } = subscription;
  if (serviceType !== 1 && serviceType !== 2 && serviceType !== 3) {
    throw new InvalidArgumentError(`serviceType must be 1, 2 or 3, got ${String(serviceType)}`);
  }
  if (plan !== 'free' && plan !== 'paid')
    throw new InvalidArgumentError(`plan must be "free" or "paid", got ${String(plan)}`);

  const viaMyAccount = serviceType === 2;
  const base = {
    serviceType,
    submitVia: viaMyAccount ? 'my-account' : 'service-assistance',
    statusVia: viaMyAccount ? 'my-account' : 'service-assistance',
    myAccountUrl: viaMyAccount ? MY_ACCOUNT_URL : null,
    supportLanguage: SUPPORT_LANGUAGE,
    selfHelp: SELF_HELP_RESOURCES.map((resource) => ({ ...resource })),
    goldCoverageEndsAt: null,
    contacts: { phone: null, email: null },
  } as const;
  const desk = SUPPORT_CONTACTS[serviceType];
  const selfHelpOnly = {
    level: 'self-help',
    canSubmitIncidents: false,
    firstResponseHours: null,
    channels: ['self-help'] as Entitlement['channels'],
    hours: '24/7',
    incidentsPerMonth: 0,
  } as const;

  if (SERVICE_TYPES[serviceType].goldOffered) {
    const endsAt = subscription.goldCoverageEndsAt ?? null;
    if (endsAt === null)
      return { ...base, ...selfHelpOnly, gold: 'absent', reason: 'gold-absent', upgrade: 'gold-purchase' };
    const endsMs = Date.parse(endsAt);
    if (Number.isNaN(endsMs))
      throw new InvalidArgumentError(`goldCoverageEndsAt must be an ISO instant, got ${endsAt}`);
    const coverage = { goldCoverageEndsAt: new Date(endsMs).toISOString() };
    if (now.getTime() >= endsMs) {
      return { ...base, ...selfHelpOnly, ...coverage, gold: 'lapsed', reason: 'gold-lapsed', upgrade: 'gold-renewal' };
    }
    return {
      ...base,
      ...coverage,
      level: 'premium',
      canSubmitIncidents: true,
      firstResponseHours: FIRST_RESPONSE_TARGETS.gold,
      channels: ['phone', 'email', 'web', 'self-help'],
      contacts: { phone: desk.phone, email: desk.email },
      hours: '24/7 except support holidays',
      incidentsPerMonth: 'unlimited',
      gold: 'active',
      reason: null,
      upgrade: null,
    };
  }

  if (plan === 'free')
    return { ...base, ...selfHelpOnly, gold: 'not-offered', reason: 'free-plan', upgrade: 'paid-plan' };
  if (subscription.premiumIncluded === false) {
    return { ...base, ...selfHelpOnly, gold: 'not-offered', reason: 'plan-without-premium', upgrade: 'premium-plan' };
  }
  return {
    ...base,
    level: 'premium',
    canSubmitIncidents: true,
    firstResponseHours: FIRST_RESPONSE_TARGETS.paidPremium,
    channels: ['email', 'web', 'self-help'],
    contacts: { phone: null, email: desk.email },
    hours: '24/7 except support holidays',
    incidentsPerMonth: 'unlimited',
    gold: 'not-offered',
    reason: null,
    upgrade: null,
  };
}
