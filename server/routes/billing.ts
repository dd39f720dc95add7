import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  type BillingHistory,
  type Cancellation,
  cancellationCharge,
  findPlan,
  findService,
  premiumAfterCancellation,
} from '../../core/index.js';
import type { AppEnv, ServerContext } from '../context.js';
import type { SubscriptionRow } from '../db/repository.js';
import { chargeDto, subscriptionDto } from '../domain/dto.js';
import { requireCustomer } from '../http/auth.js';
import { notFound } from '../http/problem.js';
import { apiRoutes, bearer, C, IdParam, jsonContent, problems } from './_shared.js';
import { frequentCancellation } from './me.js';

const history = createRoute({
  method: 'get',
  path: '/v1/billing/history',
  summary: "The account's charges, newest first (amount, date, transaction id, period paid for)",
  security: bearer,
  responses: {
    200: { description: 'The billing history.', content: jsonContent(C.BillingHistory) },
    ...problems(401, 403, 429),
  },
});

const cancel = createRoute({
  method: 'delete',
  path: '/v1/subscriptions/{id}',
  summary: 'Cancel a subscription: premium support lasts until the end of the billed period',
  description:
    'The first month is owed in full and nothing is refunded pro rata (spec §7). A cancelled paid plan keeps ' +
    'its premium support until the end of the period already billed (`notice.premiumEndsAt`, also the ' +
    "subscription's `paidThrough`). Idempotent: cancelling again answers the same, changing nothing.",
  security: bearer,
  request: { params: z.object({ id: IdParam }) },
  responses: {
    200: { description: 'The settlement of the cancellation.', content: jsonContent(C.Cancellation) },
    ...problems(400, 401, 403, 404, 429),
  },
});

/** Billing: the account's charges and cancellations. */
export function billingRoutes(ctx: ServerContext): OpenAPIHono<AppEnv> {
  const app = apiRoutes();
  const payments = ctx.repo.payments;

  app.openapi(history, async (c) => {
    const caller = requireCustomer(c);
    const body: BillingHistory = { items: (await payments.listCharges(caller.account.id)).map(chargeDto) };
    return c.json(body, 200);
  });

  /** What cancelling `row` at `at` owes and leaves: computed once, and again the same for a replay. */
  const settle = (row: SubscriptionRow, at: Date, chargedCents: number) => {
    const service = findService(row.service_id);
    const plan = service && findPlan(service, row.plan_id);
    if (!service || !plan) throw new Error(`subscription ${row.id} refers to an unknown plan`);
    const terms = {
      serviceType: service.serviceType,
      plan: plan.kind,
      premiumIncluded: plan.premiumIncluded,
      registeredAt: new Date(row.started_at),
      monthlyPriceCents: plan.monthlyPriceCents,
      chargedCents,
    };
    const options = { zone: ctx.zone };
    return {
      settlement: cancellationCharge({ ...terms, cancelledAt: at }, options),
      notice: premiumAfterCancellation(terms, at, options),
    };
  };

  app.openapi(cancel, async (c) => {
    const caller = requireCustomer(c);
    const { id } = c.req.valid('param');
    const now = ctx.now();
    let row = await payments.getSubscription(caller.account.id, id);
    if (!row || row.ended_reason === 'replaced') throw notFound(`Subscription ${id}`);
    if (row.status === 'active') {
      const { settlement, notice } = settle(row, now, row.charged_cents);
      // What is still owed is recorded as charged to the registration (billed with the card on file).
      await payments.cancelSubscription(id, now.getTime(), {
        owedCents: settlement.owedCents,
        premiumEndsAt: notice.premiumEndsAt?.getTime() ?? null,
      });
      row = await payments.getSubscription(caller.account.id, id);
      if (!row) throw new Error(`subscription ${id} vanished`);
    }
    // Whether this request cancelled it or an earlier one did: the answer is the one the cancellation made.
    const cancelledAt = new Date(row.cancelled_at ?? now.getTime());
    const owedCents = row.cancellation_owed_cents ?? 0;
    const { settlement, notice } = settle(row, cancelledAt, row.charged_cents - owedCents);
    const premiumEndsAt = row.premium_ends_at === null ? null : new Date(row.premium_ends_at).toISOString();
    const after = await payments.listSubscriptions(caller.account.id);
    const body: Cancellation = {
      subscription: subscriptionDto(row, now, ctx.zone),
      owedCents,
      refundCents: settlement.refundCents,
      policy: settlement.policy,
      frequentCancellation: frequentCancellation(after, now),
      notice: {
        code: premiumEndsAt === null && notice.premiumEndsAt !== null ? 'no-premium' : notice.code,
        premiumEndsAt,
        endsOnHoliday: premiumEndsAt === null ? null : notice.endsOnHoliday,
      },
    };
    return c.json(body, 200);
  });
  return app;
}
