import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { billedPeriodEnd, findPlan, findService, MINIMUM_BILLED_MONTHS, type Purchase } from '../../core/index.js';
import type { AppEnv, ServerContext } from '../context.js';
import type { ChargeRow, PurchaseRow } from '../db/repository.js';
import { chargeDto, subscriptionDto } from '../domain/dto.js';
import { newId } from '../domain/ids.js';
import { requireCustomer } from '../http/auth.js';
import { ProblemError } from '../http/problem.js';
import { isStorageFull, STORAGE_FULL_RETRY_AFTER_SECONDS, storageFullProblem } from '../http/storage-full.js';
import { type ChargeResult, GatewayUnavailableError } from '../payments/gateway.js';
import { type Charged, purchaseHash } from '../payments/purchases.js';
import { apiRoutes, bearer, C, idempotencyKey, jsonContent, problems } from './_shared.js';

/** Seconds a customer is asked to wait before trying the payment gateway again. */
export const GATEWAY_RETRY_AFTER_SECONDS = 30;

/** The 503 of a gateway that cannot be reached (anything else is rethrown: a 500 with its request id). */
function unavailable(error: unknown, consequence: string): unknown {
  if (!(error instanceof GatewayUnavailableError)) return error;
  return new ProblemError(503, 'payment-unavailable', 'Payment service unavailable', {
    detail: `The payment service cannot be reached right now. ${consequence}; try again in a minute.`,
    headers: { 'retry-after': String(GATEWAY_RETRY_AFTER_SECONDS) },
  });
}

const clientToken = createRoute({
  method: 'get',
  path: '/v1/payments/client-token',
  summary: 'A client token for the Braintree Drop-in UI',
  security: bearer,
  responses: {
    200: { description: 'The client token.', content: jsonContent(C.ClientToken) },
    ...problems(401, 403, 429, 503),
  },
});

const purchase = createRoute({
  method: 'post',
  path: '/v1/subscriptions',
  summary: 'Buy a paid plan with a Braintree payment-method nonce (charges at least one month)',
  security: bearer,
  description:
    'Retrying with the same `Idempotency-Key` and the same service and plan replays the first answer (with ' +
    '`Idempotent-Replayed: true`) and charges nothing more; the same key for another service or plan is refused ' +
    'with 422. While one purchase of a service is being charged, another purchase of it is refused with 409.',
  request: {
    headers: z.object({ 'idempotency-key': idempotencyKey('purchase') }),
    body: { required: true, content: jsonContent(C.PurchaseRequest) },
  },
  responses: {
    201: {
      description: 'The new subscription and its transaction (also the replay of an earlier identical purchase).',
      content: jsonContent(C.Purchase),
    },
    ...problems(400, 401, 402, 403, 409, 413, 415, 422, 429, 503, 507),
  },
});

/** Payments: the Drop-in client token and purchases (cancellations: `billing.ts`). */
export function paymentRoutes(ctx: ServerContext): OpenAPIHono<AppEnv> {
  const app = apiRoutes();
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
    const clientToken = await ctx.gateway.clientToken().catch((error: unknown) => {
      throw unavailable(error, 'The payment form cannot be shown');
    });
    return c.json({ clientToken, testGateway: ctx.gateway.testGateway }, 200);
  });

  const claims = ctx.repo.payments;

  /**
   * Purchases charged but not recorded (the database refused the write: a full disk), by account and key. The
   * claim stays, so nothing charges them again, and a retry with the key records them. A restart loses this
   * list: the claim is then marked interrupted and logged, with the transaction logged here, for reconciling.
   */
  const unrecorded = new Map<string, Charged>();

  const record = async (accountId: string, key: string, charged: Charged) => {
    // Taken off the list while it is being recorded: a retry sent meanwhile gets 409, not a second record.
    unrecorded.delete(`${accountId}\u0000${key}`);
    try {
      await claims.recordPurchase(
        charged.row,
        { accountId, key, response: JSON.stringify(charged.body) },
        charged.charge,
      );
    } catch (error) {
      unrecorded.set(`${accountId}\u0000${key}`, charged);
      const transaction = charged.body.transaction.id;
      ctx.logger.error(
        { err: error, account: accountId, idempotencyKey: key, transaction },
        'a charged purchase could not be recorded',
      );
      if (!isStorageFull(error)) throw error;
      throw storageFullProblem(
        `The payment was accepted (transaction ${transaction}) but the server has no storage space left to ` +
          `record the subscription. Send the purchase again with the same Idempotency-Key in ` +
          `${STORAGE_FULL_RETRY_AFTER_SECONDS} seconds: it will be recorded without charging again.`,
      );
    }
  };

  /** The answer to a purchase whose claim failed: a replay, a refusal of the reused key, or a conflict. */
  const answerClaimed = async (
    c: Context<AppEnv>,
    existing: PurchaseRow | undefined,
    hash: string,
    serviceName: string,
  ) => {
    if (!existing) {
      throw new ProblemError(409, 'conflict', 'Purchase in progress', {
        detail: `Another purchase of ${serviceName} for this account is being charged right now. Wait for its answer before buying again.`,
        headers: { 'retry-after': '1' },
      });
    }
    if (existing.request_hash !== hash) {
      throw new ProblemError(422, 'idempotency-key-reused', 'Idempotency key reused with a different body', {
        detail: `The key "${existing.key}" was first used for another purchase. Use a new key for a new purchase.`,
      });
    }
    const charged = unrecorded.get(`${existing.account_id}\u0000${existing.key}`);
    if (existing.state === 'charging' && charged) {
      await record(existing.account_id, existing.key, charged);
      return c.json(charged.body, 201);
    }
    if (existing.state === 'charging') {
      throw new ProblemError(409, 'conflict', 'Purchase in progress', {
        detail: `The purchase with key "${existing.key}" is being charged right now: retry in a moment for its answer.`,
        headers: { 'retry-after': '1' },
      });
    }
    if (existing.state === 'interrupted' || existing.response === null) {
      throw new ProblemError(409, 'conflict', 'Purchase outcome unknown', {
        detail: `The purchase with key "${existing.key}" was interrupted while it was being charged. Contact support to check it; it will not be charged again.`,
      });
    }
    c.header('idempotent-replayed', 'true');
    return c.json(JSON.parse(existing.response) as Purchase, 201);
  };

  app.openapi(purchase, async (c) => {
    const caller = requireCustomer(c);
    const { 'idempotency-key': key } = c.req.valid('header');
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
    const hash = purchaseHash(service.id, plan.id);
    const claim = await claims.claimPurchase({
      account_id: caller.account.id,
      key,
      request_hash: hash,
      service_id: service.id,
      created_at: ctx.now().getTime(),
    });
    if (!claim.claimed) return await answerClaimed(c, claim.existing, hash, service.name);

    // Checked once the claim is held: no other purchase of this service can be recorded meanwhile.
    const current = await claims
      .listSubscriptions(caller.account.id)
      .then((rows) =>
        rows.find(
          (s) => s.service_id === service.id && s.status === 'active' && findPlan(service, s.plan_id)?.kind === 'paid',
        ),
      )
      .catch(async (error: unknown) => {
        await claims.releasePurchase(caller.account.id, key);
        throw error;
      });
    if (current) {
      await claims.releasePurchase(caller.account.id, key);
      throw new ProblemError(409, 'conflict', 'Already subscribed', {
        detail: `This account already has a paid ${service.name} subscription (${current.id}).`,
      });
    }
    const amountCents = plan.monthlyPriceCents * MINIMUM_BILLED_MONTHS;
    let result: ChargeResult;
    try {
      result = await ctx.gateway.charge(amountCents, plan.currency, request.paymentMethodNonce);
    } catch (error) {
      if (error instanceof GatewayUnavailableError) {
        // Nothing reached the processor: the key is free again, and the customer may simply pay later.
        await claims.releasePurchase(caller.account.id, key);
        throw unavailable(error, 'Nothing was charged');
      }
      // The charge may or may not have happened: keep the key so a retry cannot charge again.
      await claims.interruptPurchase(caller.account.id, key);
      ctx.logger.error(
        { err: error, account: caller.account.id, idempotencyKey: key },
        'payment gateway call failed: outcome unknown, check the gateway',
      );
      throw error;
    }
    if (!result.ok) {
      await claims.releasePurchase(caller.account.id, key);
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
      premium_ends_at: null,
      cancellation_owed_cents: null,
    };
    const charge: ChargeRow = {
      id: newId('chg', at),
      account_id: caller.account.id,
      subscription_id: row.id,
      service_id: service.id,
      plan_id: plan.id,
      amount_cents: result.transaction.amountCents,
      currency: result.transaction.currency,
      transaction_id: result.transaction.id,
      status: result.transaction.status,
      test_gateway: ctx.gateway.testGateway ? 1 : 0,
      charged_at: at,
      period_starts_at: at,
      period_ends_at: billedPeriodEnd(new Date(at), new Date(at), { zone: ctx.zone }).getTime(),
    };
    const body: Purchase = {
      subscription: subscriptionDto(row, ctx.now(), ctx.zone),
      transaction: { ...result.transaction, testGateway: ctx.gateway.testGateway },
      receipt: chargeDto(charge),
    };
    await record(caller.account.id, key, { row, body, charge });
    return c.json(body, 201);
  });

  return app;
}
