import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { findService, isFrequentCanceller, type Me } from '../../core/index.js';
import type { AppEnv, ServerContext } from '../context.js';
import type { SubscriptionRow } from '../db/repository.js';
import { subscriptionDto } from '../domain/dto.js';
import { requireCaller } from '../http/auth.js';
import { apiRoutes, bearer, C, jsonContent, problems } from './_shared.js';

const me = createRoute({
  method: 'get',
  path: '/v1/me',
  summary: 'The caller, their account and its subscriptions, each with its entitlement computed now',
  security: bearer,
  responses: { 200: { description: 'Who is calling.', content: jsonContent(C.Me) }, ...problems(401, 429) },
});

/** The account's cancellations that count toward the frequent-cancellation flag (spec §7). */
export function frequentCancellation(subscriptions: readonly SubscriptionRow[], now: Date): boolean {
  const records = subscriptions
    .filter((s) => s.ended_reason === 'cancelled' && s.cancelled_at !== null)
    .map((s) => ({
      cancelledAt: new Date(s.cancelled_at as number),
      serviceType: findService(s.service_id)?.serviceType ?? 1,
    }));
  return isFrequentCanceller(records, now);
}

/** Who is calling, with their subscriptions and entitlements. */
export function meRoutes(ctx: ServerContext): OpenAPIHono<AppEnv> {
  const app = apiRoutes();
  app.openapi(me, async (c) => {
    const { user, account } = requireCaller(c);
    const now = ctx.now();
    const subscriptions = await ctx.repo.payments.listSubscriptions(account.id);
    const body: Me = {
      user: { id: user.id, name: user.name, email: user.email, role: user.role },
      account: { id: account.id, name: account.name, frequentCancellation: frequentCancellation(subscriptions, now) },
      subscriptions: subscriptions
        .filter((s) => s.ended_reason !== 'replaced')
        .map((s) => subscriptionDto(s, now, ctx.zone)),
    };
    return c.json(body, 200);
  });
  return app;
}
