import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  type Cancellation,
  cancellationCharge,
  findPlan,
  findService,
  MINIMUM_BILLED_MONTHS,
  type Purchase,
} from '../../core/index.js';
import type { AppEnv, ServerContext } from '../context.js';
import { subscriptionDto } from '../domain/dto.js';
import { newId } from '../domain/ids.js';
import { requireCustomer } from '../http/auth.js';
import { notFound, ProblemError } from '../http/problem.js';
import { bearer, C, IdParam, jsonContent, problems } from './_shared.js';
import { frequentCancellation } from './me.js';

const clientToken = createRoute({
  method: 'get',
  path: '/v1/payments/client-token',
  summary: 'A client token for the Braintree Drop-in UI',
  security: bearer,
  responses: {
    200: { description: 'The client token.', content: jsonContent(C.ClientToken) },
    ...problems(401, 403, 429),
  },
});

const purchase = createRoute({
  method: 'post',
  path: '/v1/subscriptions',
  summary: 'Buy a paid plan with a Braintree payment-method nonce (charges at least one month)',
  security: bearer,
  request: { body: { required: true, content: jsonContent(C.PurchaseRequest) } },
  responses: {
    201: { description: 'The new subscription and its transaction.', content: jsonContent(C.Purchase) },
    ...problems(400, 401, 402, 403, 409, 413, 415, 422, 429),
  },
});

const cancel = createRoute({
  method: 'delete',
  path: '/v1/subscriptions/{id}',
  summary: 'Cancel a subscription (the first month is owed in full; no pro-rata refund)',
  security: bearer,
  request: { params: z.object({ id: IdParam }) },
  responses: {
    200: { description: 'The settlement of the cancellation.', content: jsonContent(C.Cancellation) },
    ...problems(400, 401, 403, 404, 409, 429),
  },
});

export function registerPaymentRoutes(app: OpenAPIHono<AppEnv>, ctx: ServerContext): void {
  const gatewayHeader = ctx.gateway.testGateway ? 'test (no real payment is made)' : 'braintree';
  const testNote = ctx.gateway.testGateway ? ' (local test gateway: no real payment was attempted)' : '';

  app.use('/v1/payments/*', async (c, next) => {
    c.header('x-payment-gateway', gatewayHeader);
    await next();
  });
  app.use('/v1/subscriptions*', async (c, next) => {
    c.header('x-payment-gateway', gatewayHeader);
    await next();
  });

  app.openapi(clientToken, async (c) => {
    requireCustomer(c);
    return c.json({ clientToken: await ctx.gateway.clientToken(), testGateway: ctx.gateway.testGateway }, 200);
  });

  app.openapi(purchase, async (c) => {
    const caller = requireCustomer(c);
    const request = c.req.valid('json');
    const service = findService(request.serviceId);
    const plan = service && findPlan(service, request.planId);
    if (!service || !plan) {
      throw new ProblemError(422, 'validation', 'Unknown service or plan', {
        detail: `There is no plan "${request.planId}" for service "${request.serviceId}".`,
        errors: [
          service
            ? { path: 'planId', message: 'is not a plan of this service' }
            : { path: 'serviceId', message: 'is not a known service' },
        ],
      });
    }
    if (plan.kind === 'free') {
      throw new ProblemError(422, 'validation', 'Nothing to pay', {
        detail: 'A free plan needs no payment.',
        errors: [{ path: 'planId', message: 'is a free plan' }],
      });
    }
    const subscriptions = await ctx.repo.listSubscriptions(caller.account.id);
    const current = subscriptions.find(
      (s) => s.service_id === service.id && s.status === 'active' && findPlan(service, s.plan_id)?.kind === 'paid',
    );
    if (current) {
      throw new ProblemError(409, 'conflict', 'Already subscribed', {
        detail: `This account already has a paid ${service.name} subscription (${current.id}).`,
      });
    }
    const amountCents = plan.monthlyPriceCents * MINIMUM_BILLED_MONTHS;
    const result = await ctx.gateway.charge(amountCents, plan.currency, request.paymentMethodNonce);
    if (!result.ok) {
      const status = result.kind === 'invalid' ? 422 : 402;
      throw new ProblemError(
        status,
        result.kind === 'failed' ? 'payment-failed' : 'payment-declined',
        'Payment not accepted',
        {
          detail: `${result.message} (code ${result.code})${testNote}.`,
        },
      );
    }
    const at = ctx.now().getTime();
    const row = {
      id: newId('sub'),
      account_id: caller.account.id,
      service_id: service.id,
      plan_id: plan.id,
      gold_coverage_ends_at: null,
      status: 'active' as const,
      ended_reason: null,
      started_at: at,
      cancelled_at: null,
      charged_cents: amountCents,
      transaction_id: result.transaction.id,
    };
    await ctx.repo.insertSubscription(row);
    const body: Purchase = {
      subscription: subscriptionDto(row, ctx.now()),
      transaction: { ...result.transaction, testGateway: ctx.gateway.testGateway },
    };
    return c.json(body, 201);
  });

  app.openapi(cancel, async (c) => {
    const caller = requireCustomer(c);
    const { id } = c.req.valid('param');
    const row = await ctx.repo.getSubscription(caller.account.id, id);
    if (!row || row.ended_reason === 'replaced') throw notFound(`Subscription ${id}`);
    if (row.status === 'cancelled') {
      throw new ProblemError(409, 'conflict', 'Already cancelled', {
        detail: `Subscription ${id} is already cancelled.`,
      });
    }
    const service = findService(row.service_id);
    const plan = service && findPlan(service, row.plan_id);
    if (!service || !plan) throw new Error(`subscription ${id} refers to an unknown plan`);
    const now = ctx.now();
    const settlement = cancellationCharge({
      serviceType: service.serviceType,
      plan: plan.kind,
      registeredAt: new Date(row.started_at),
      cancelledAt: now,
      monthlyPriceCents: plan.monthlyPriceCents,
      chargedCents: row.charged_cents,
    });
    // What is still owed is recorded as charged to the registration (billed with the card on file).
    await ctx.repo.cancelSubscription(id, now.getTime(), settlement.owedCents);
    const after = await ctx.repo.listSubscriptions(caller.account.id);
    const cancelled = after.find((s) => s.id === id);
    if (!cancelled) throw new Error(`subscription ${id} vanished`);
    const body: Cancellation = {
      subscription: subscriptionDto(cancelled, now),
      owedCents: settlement.owedCents,
      refundCents: settlement.refundCents,
      policy: settlement.policy,
      frequentCancellation: frequentCancellation(after, now),
    };
    return c.json(body, 200);
  });
}
