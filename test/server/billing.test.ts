import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../core/api/schemas.js';
import type { BillingHistory, Cancellation, Me, Problem, Purchase } from '../../core/index.js';
import { BraintreeGateway } from '../../server/payments/braintree-gateway.js';
import { TestGateway } from '../../server/payments/test-gateway.js';
import { drafts, type Harness, json, newKey, postIncident, startHarness } from './_lib/harness.js';

let h: Harness;
const gateway = new TestGateway();
beforeAll(async () => {
  h = await startHarness({ gateway });
});
afterAll(() => h.stop());

const DAY = 86_400_000;

function buy(as: string, body: Record<string, unknown>, key = newKey()) {
  return h.api('/v1/subscriptions', {
    as,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
  });
}
const cancel = (as: string, id: string) => h.api(`/v1/subscriptions/${id}`, { as, method: 'DELETE' });
const history = async (as: string) => json<BillingHistory>(await h.api('/v1/billing/history', { as }));
const me = async (as: string) => json<Me>(await h.api('/v1/me', { as }));

describe('receipts and billing history', () => {
  it('answers a purchase with its receipt: amount, date, transaction id and the month it pays for', async () => {
    h.clock.set('2026-11-25T15:00:00Z'); // Wednesday 10:00 New York
    const response = await buy('free', {
      serviceId: 'linksprinter',
      planId: 'pro',
      paymentMethodNonce: 'fake-valid-nonce',
    });
    expect(response.status).toBe(201);
    const purchase = await json<Purchase>(response);
    expect(contract.Purchase.safeParse(purchase).success).toBe(true);
    expect(purchase.receipt).toMatchObject({
      amountCents: 2900,
      currency: 'USD',
      transactionId: purchase.transaction.id,
      serviceName: 'LinkSprinter.com',
      planName: 'Pro',
      chargedAt: '2026-11-25T15:00:00.000Z',
      periodStartsAt: '2026-11-25T15:00:00.000Z',
      periodEndsAt: '2026-12-25T15:00:00.000Z',
      testGateway: true,
    });
    expect(purchase.subscription.paidThrough).toBe('2026-12-25T15:00:00.000Z');
    // The billing history holds the same charge.
    expect((await history('free')).items).toEqual([purchase.receipt]);
  });

  it('lists only the account’s own charges, newest first, and needs a customer’s token', async () => {
    h.clock.set('2026-11-25T16:00:00Z');
    const first = await json<Purchase>(
      await buy('linksprinterPaid', {
        serviceId: 'netscout-insights',
        planId: 'team',
        paymentMethodNonce: 'fake-valid-nonce',
      }),
    );
    await cancel('linksprinterPaid', first.subscription.id);
    h.clock.advance(DAY);
    const second = await json<Purchase>(
      await buy('linksprinterPaid', {
        serviceId: 'netscout-insights',
        planId: 'team',
        paymentMethodNonce: 'fake-valid-nonce',
      }),
    );
    const own = await history('linksprinterPaid');
    expect(contract.BillingHistory.safeParse(own).success).toBe(true);
    expect(own.items.map((c) => c.transactionId)).toEqual([
      second.transaction.id,
      first.transaction.id,
      'demo_linksprinterPaid_2',
      'demo_linksprinterPaid_1',
    ]);
    // Another account sees none of them.
    const other = await history('standalonePaid');
    expect(other.items.map((c) => c.transactionId)).not.toContain(first.transaction.id);
    expect(other.items.map((c) => c.transactionId)).not.toContain(second.transaction.id);
    expect((await h.api('/v1/billing/history')).status).toBe(401);
    expect((await h.api('/v1/billing/history', { as: 'agent' })).status).toBe(403);
  });
});

describe('the demo accounts', () => {
  it('have the months already charged in their history, and Gold none (it is billed elsewhere)', async () => {
    const items = (await history('standalonePaid')).items.filter((c) => c.transactionId.startsWith('demo_'));
    expect(items.map((c) => [c.transactionId, c.amountCents, c.planName])).toEqual([
      ['demo_standalonePaid_2', 1900, 'Team'],
      ['demo_standalonePaid_1', 1900, 'Team'],
    ]);
    expect(items[0].periodStartsAt).toBe(items[1].periodEndsAt);
    expect((await history('gold')).items.filter((c) => c.transactionId.startsWith('demo_'))).toEqual([]);
  });
});

describe('cancelling keeps premium support until the end of the billed period', () => {
  it('keeps premium until the end of the first month, says when, then returns to self-help', async () => {
    h.clock.set('2026-11-25T15:00:00Z');
    const bought = await json<Purchase>(
      await buy('goldLapsed', { serviceId: 'linksprinter', planId: 'pro', paymentMethodNonce: 'fake-valid-nonce' }),
    );
    h.clock.set('2026-11-30T12:00:00Z');
    const response = await cancel('goldLapsed', bought.subscription.id);
    expect(response.status).toBe(200);
    const cancellation = await json<Cancellation>(response);
    expect(contract.Cancellation.safeParse(cancellation).success).toBe(true);
    expect(cancellation).toMatchObject({ owedCents: 0, refundCents: 0, policy: 'minimum-one-month' });
    expect(cancellation.notice).toEqual({
      code: 'premium-until-minimum-term-end',
      premiumEndsAt: '2026-12-25T15:00:00.000Z',
      endsOnHoliday: { date: '2026-12-25', name: 'Christmas Day', id: 'christmas-day' },
    });
    expect(cancellation.subscription).toMatchObject({
      status: 'cancelled',
      paidThrough: '2026-12-25T15:00:00.000Z',
      entitlement: { level: 'premium', canSubmitIncidents: true, firstResponseHours: 24 },
    });
    const listed = (await me('goldLapsed')).subscriptions.find((s) => s.id === bought.subscription.id);
    expect(listed).toMatchObject({ status: 'cancelled', paidThrough: '2026-12-25T15:00:00.000Z' });
    expect(listed?.entitlement.level).toBe('premium');
    // The customer may still open incidents during the month they paid for…
    h.clock.set('2026-12-23T12:00:00Z');
    expect((await postIncident(h, 'goldLapsed', drafts.linksprinter)).status).toBe(201);
    // …and not after it.
    h.clock.set('2026-12-25T15:00:00Z');
    const refused = await postIncident(h, 'goldLapsed', drafts.linksprinter);
    expect(refused.status).toBe(403);
    expect((await me('goldLapsed')).subscriptions.find((s) => s.id === bought.subscription.id)?.entitlement.level).toBe(
      'self-help',
    );
  });

  it('is idempotent: cancelling twice, or twice at once, answers the same and owes nothing twice', async () => {
    h.clock.set('2026-11-25T15:00:00Z');
    const subscription = (await me('standalonePaid')).subscriptions[0];
    expect(subscription.status).toBe('active');
    const [a, b] = await Promise.all([
      cancel('standalonePaid', subscription.id),
      cancel('standalonePaid', subscription.id),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const first = await json<Cancellation>(a);
    expect(await json<Cancellation>(b)).toEqual(first);
    h.clock.advance(DAY);
    const later = await json<Cancellation>(await cancel('standalonePaid', subscription.id));
    expect(later.notice).toEqual(first.notice);
    expect(later.owedCents).toBe(first.owedCents);
    expect(later.subscription.cancelledAt).toBe(first.subscription.cancelledAt);
    // The demo registration is two months old: premium lasts to the end of the current month, not the first.
    expect(first.notice.code).toBe('premium-until-period-end');
    expect(Date.parse(first.notice.premiumEndsAt!)).toBeGreaterThan(Date.parse('2026-11-25T15:00:00Z'));
  });

  it('answers 404 for another account’s subscription, exactly as for an unknown one', async () => {
    const goldSubscription = (await me('gold')).subscriptions[0];
    const response = await cancel('free', goldSubscription.id);
    expect(response.status).toBe(404);
    expect((await me('gold')).subscriptions[0].status).toBe('active');
    expect((await cancel('free', 'sub_unknown')).status).toBe(404);
  });
});

describe('a payment gateway that cannot be reached', () => {
  it('answers 503 with a clear title and Retry-After, charges nothing, and lets the same key pay later', async () => {
    gateway.unreachable = true;
    try {
      const token = await h.api('/v1/payments/client-token', { as: 'free' });
      expect(token.status).toBe(503);
      expect(token.headers.get('retry-after')).toBe('30');
      expect(token.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = await json<Problem>(token);
      expect(problem).toMatchObject({ title: 'Payment service unavailable', status: 503 });
      expect(problem.type).toMatch(/\/payment-unavailable$/);
      expect(problem.detail).not.toMatch(/request id/i);

      const key = newKey();
      const before = gateway.charges;
      const body = { serviceId: 'netscout-insights', planId: 'team', paymentMethodNonce: 'fake-valid-nonce' };
      const refused = await buy('gold', body, key);
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('30');
      expect((await json<Problem>(refused)).detail).toMatch(/Nothing was charged/);
      expect(gateway.charges).toBe(before);
      gateway.unreachable = false;
      const paid = await buy('gold', body, key);
      expect(paid.status).toBe(201);
    } finally {
      gateway.unreachable = false;
    }
  });
});

/** A local port nothing listens on: connections to it are refused, as to a Braintree out of reach. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the real Braintree SDK, when Braintree cannot be reached', () => {
  it('gives the same 503 for a client token and a purchase, and nothing is left charging', async () => {
    const unreachable = new BraintreeGateway(
      { merchantId: 'merchant', publicKey: 'public', privateKey: 'private', environment: 'sandbox' },
      { endpoint: { host: '127.0.0.1', port: await closedPort() } },
    );
    const local = await startHarness({ gateway: unreachable });
    try {
      const token = await local.api('/v1/payments/client-token', { as: 'free' });
      expect(token.status).toBe(503);
      expect(token.headers.get('retry-after')).toBe('30');
      expect((await json<Problem>(token)).title).toBe('Payment service unavailable');
      const key = newKey();
      const purchase = () =>
        local.api('/v1/subscriptions', {
          as: 'free',
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify({ serviceId: 'linksprinter', planId: 'pro', paymentMethodNonce: 'fake-valid-nonce' }),
        });
      expect((await purchase()).status).toBe(503);
      // The claim was released (not left "interrupted"): the same key meets the same 503, not a 409.
      expect((await purchase()).status).toBe(503);
    } finally {
      await local.stop();
    }
  });
});
