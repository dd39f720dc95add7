import {
  billedPeriodEnd,
  type Charge,
  computeEntitlement,
  DEFAULT_SUPPORT_ZONE,
  findPlan,
  findService,
  type Subscription,
} from '../../core/index.js';
import type { ChargeRow, SubscriptionRow } from '../db/repository.js';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

/**
 * Whether a subscription row gives its plan's terms at `now`: while active, and once cancelled until the end of
 * the period already billed (spec §7). A cancellation recorded before that rule has no end: it ended at once.
 */
export function planHolds(row: SubscriptionRow, now: Date): boolean {
  return row.status === 'active' || (row.premium_ends_at !== null && now.getTime() < row.premium_ends_at);
}

/**
 * The API view of a subscription, with the entitlement the policy core computes for it at `now`. `zone`: the
 * support zone, in whose calendar billed months are counted.
 */
export function subscriptionDto(row: SubscriptionRow, now: Date, zone: string = DEFAULT_SUPPORT_ZONE): Subscription {
  const service = findService(row.service_id);
  const plan = service ? findPlan(service, row.plan_id) : undefined;
  if (!service || !plan) throw new Error(`subscription ${row.id} refers to an unknown service or plan`);
  const goldCoverageEndsAt = isoOrNull(row.gold_coverage_ends_at);
  const holds = planHolds(row, now);
  const entitlement = computeEntitlement(
    {
      serviceType: service.serviceType,
      // A cancelled subscription is back to self-help once its billed period is over.
      plan: holds ? plan.kind : 'free',
      premiumIncluded: plan.premiumIncluded,
      goldCoverageEndsAt: holds ? goldCoverageEndsAt : null,
    },
    now,
  );
  const billedMonthly = service.serviceType !== 2 && plan.kind === 'paid';
  let paidThrough: string | null = null;
  if (billedMonthly && row.status === 'active') {
    paidThrough = billedPeriodEnd(new Date(row.started_at), now, { zone }).toISOString();
  } else if (billedMonthly) paidThrough = isoOrNull(row.premium_ends_at);
  return {
    id: row.id,
    serviceId: service.id,
    serviceName: service.name,
    serviceType: service.serviceType,
    planId: plan.id,
    plan: plan.kind,
    premiumIncluded: plan.premiumIncluded,
    goldCoverageEndsAt,
    status: row.status,
    startedAt: iso(row.started_at),
    cancelledAt: isoOrNull(row.cancelled_at),
    paidThrough,
    entitlement,
  };
}

/** The API view of a charge: a receipt, or a line of the billing history. */
export function chargeDto(row: ChargeRow): Charge {
  const service = findService(row.service_id);
  const plan = service ? findPlan(service, row.plan_id) : undefined;
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    serviceId: row.service_id,
    // A plan taken off the catalog since keeps its charges: they are named by their ids.
    serviceName: service?.name ?? row.service_id,
    planId: row.plan_id,
    planName: plan?.name ?? row.plan_id,
    amountCents: row.amount_cents,
    currency: row.currency,
    transactionId: row.transaction_id,
    status: row.status,
    chargedAt: iso(row.charged_at),
    periodStartsAt: iso(row.period_starts_at),
    periodEndsAt: iso(row.period_ends_at),
    testGateway: row.test_gateway === 1,
  };
}
