import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../core/api/schemas.js';
import type { Cancellation, ClientToken, Me, Problem, Purchase } from '../../core/index.js';
import { drafts, type Harness, json, newKey, postIncident, startHarness } from './_lib/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

function buy(as: string, body: Record<string, unknown>) {
  return h.api('/v1/subscriptions', {
    as,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': newKey() },
    body: JSON.stringify(body),
  });
}

describe('payments through the local test gateway', () => {
  it('hands out a client token that says it comes from a test gateway', async () => {
    const response = await h.api('/v1/payments/client-token', { as: 'free' });
    expect(response.status).toBe(200);
    const token = await json<ClientToken>(response);
    expect(token.testGateway).toBe(true);
    expect(token.clientToken.length).toBeGreaterThan(10);
    expect(response.headers.get('x-payment-gateway')).toMatch(/^test/);
  });

  it.each([
    ['fake-processor-declined-visa-nonce', 402, /Do Not Honor/],
    ['fake-processor-failure-jcb-nonce', 402, /Processor Network Unavailable/],
    ['fake-gateway-rejected-fraud-nonce', 402, /fraud/],
    ['fake-luhn-invalid-nonce', 422, /Credit card number is invalid/],
    ['fake-consumed-nonce', 422, /more than once/],
    ['not-a-nonce', 422, /Unknown or expired/],
  ])('refuses %s like the Braintree sandbox does', async (nonce, status, message) => {
    const response = await buy('free', { serviceId: 'linksprinter', planId: 'pro', paymentMethodNonce: nonce });
    expect(response.status).toBe(status);
    const problem = await json<Problem>(response);
    expect(problem.detail).toMatch(message);
    expect(problem.detail).toMatch(/test gateway/);
    const me = await json<Me>(await h.api('/v1/me', { as: 'free' }));
    expect(me.subscriptions.map((s) => s.plan)).toEqual(['free']);
  });

  it('upgrades a free customer with fake-valid-nonce, charging one month, and unlocks incidents', async () => {
    expect((await postIncident(h, 'free', drafts.linksprinter)).status).toBe(403);
    const response = await buy('free', {
      serviceId: 'linksprinter',
      planId: 'pro',
      paymentMethodNonce: 'fake-valid-nonce',
    });
    expect(response.status).toBe(201);
    const purchase = await json<Purchase>(response);
    expect(contract.Purchase.safeParse(purchase).success).toBe(true);
    expect(purchase.transaction).toMatchObject({ amountCents: 2900, currency: 'USD', testGateway: true });
    expect(purchase.subscription.entitlement).toMatchObject({ canSubmitIncidents: true, firstResponseHours: 24 });
    const me = await json<Me>(await h.api('/v1/me', { as: 'free' }));
    expect(me.subscriptions.map((s) => [s.planId, s.status])).toEqual([['pro', 'active']]);
    expect((await postIncident(h, 'free', drafts.linksprinter)).status).toBe(201);
  });

  it('a paid plan without premium support still refuses incidents: plan-without-premium, upgrade to a premium plan', async () => {
    const bought = await buy('gold', {
      serviceId: 'linksprinter',
      planId: 'basic',
      paymentMethodNonce: 'fake-valid-nonce',
    });
    expect(bought.status).toBe(201);
    expect((await json<Purchase>(bought)).subscription.entitlement).toMatchObject({
      canSubmitIncidents: false,
      reason: 'plan-without-premium',
    });
    const refused = await postIncident(h, 'gold', drafts.linksprinter);
    expect(refused.status).toBe(403);
    expect(await json<Problem>(refused)).toMatchObject({ reason: 'plan-without-premium', upgrade: 'premium-plan' });
  });

  it('refuses a second paid plan for the same service, a free plan and an unknown plan', async () => {
    const nonce = 'fake-valid-visa-nonce';
    expect(
      (await buy('linksprinterPaid', { serviceId: 'linksprinter', planId: 'pro', paymentMethodNonce: nonce })).status,
    ).toBe(409);
    expect((await buy('gold', { serviceId: 'linksprinter', planId: 'free', paymentMethodNonce: nonce })).status).toBe(
      422,
    );
    expect(
      (await buy('gold', { serviceId: 'linksprinter', planId: 'platinum', paymentMethodNonce: nonce })).status,
    ).toBe(422);
    expect((await buy('gold', { serviceId: 'linksprinter', planId: 'pro' })).status).toBe(400);
  });

  it('cancels within the first month owing nothing more and refunding nothing (one month already charged), once', async () => {
    const bought = await json<Purchase>(
      await buy('standalonePaid', {
        serviceId: 'linksprinter',
        planId: 'basic',
        paymentMethodNonce: 'fake-valid-nonce',
      }),
    );
    h.clock.advance(2 * 86_400_000);
    const response = await h.api(`/v1/subscriptions/${bought.subscription.id}`, {
      as: 'standalonePaid',
      method: 'DELETE',
    });
    expect(response.status).toBe(200);
    const cancellation = await json<Cancellation>(response);
    expect(contract.Cancellation.safeParse(cancellation).success).toBe(true);
    expect(cancellation).toMatchObject({ owedCents: 0, refundCents: 0, policy: 'minimum-one-month' });
    expect(cancellation.subscription.status).toBe('cancelled');
    expect(cancellation.subscription.entitlement.canSubmitIncidents).toBe(false);
    const again = await h.api(`/v1/subscriptions/${bought.subscription.id}`, {
      as: 'standalonePaid',
      method: 'DELETE',
    });
    // Cancelling is idempotent: the same answer again, nothing more owed.
    expect(again.status).toBe(200);
    expect(await json<Cancellation>(again)).toEqual(cancellation);
  });

  it('applies Gold terms to a Type 2 cancellation', async () => {
    const me = await json<Me>(await h.api('/v1/me', { as: 'gold' }));
    const response = await h.api(`/v1/subscriptions/${me.subscriptions[0].id}`, { as: 'gold', method: 'DELETE' });
    expect((await json<Cancellation>(response)).policy).toBe('gold-program-terms');
  });

  it('flags an account that registers and cancels 3 times in 12 months', async () => {
    const flags: boolean[] = [];
    for (let i = 0; i < 3; i++) {
      const bought = await json<Purchase>(
        await buy('linksprinterPaid', {
          serviceId: 'netscout-insights',
          planId: 'team',
          paymentMethodNonce: 'fake-valid-nonce',
        }),
      );
      const cancelled = await json<Cancellation>(
        await h.api(`/v1/subscriptions/${bought.subscription.id}`, { as: 'linksprinterPaid', method: 'DELETE' }),
      );
      flags.push(cancelled.frequentCancellation);
    }
    expect(flags).toEqual([false, false, true]);
    const me = await json<Me>(await h.api('/v1/me', { as: 'linksprinterPaid' }));
    expect(me.account.frequentCancellation).toBe(true);
  });

  it('is for customers: a support engineer token is refused', async () => {
    expect((await h.api('/v1/payments/client-token', { as: 'agent' })).status).toBe(403);
  });
});
