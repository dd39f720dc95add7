import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Me, Problem, Purchase } from '../../core/index.js';
import { startServer } from '../../server/index.js';
import { purchaseHash } from '../../server/payments/purchases.js';
import { TestGateway } from '../../server/payments/test-gateway.js';
import { type Harness, json, newKey, startHarness } from './_lib/harness.js';
import { fileStore, storeQuery } from './_lib/store-sql.js';

/** As slow as Braintree's sandbox answers a sale: long enough for purchases sent together to overlap. */
const GATEWAY_DELAY_MS = 300;

let h: Harness;
let gateway: TestGateway;
beforeAll(async () => {
  gateway = new TestGateway({ env: { NETSCOUT_TEST_GATEWAY_DELAY_MS: String(GATEWAY_DELAY_MS) } });
  h = await startHarness({ gateway });
});
afterAll(() => h.stop());

const pro = { serviceId: 'linksprinter', planId: 'pro', paymentMethodNonce: 'fake-valid-nonce' };

/** `key: null` sends no `Idempotency-Key`. */
function buy(as: string, body: Record<string, unknown>, key: string | null = newKey()) {
  return h.api('/v1/subscriptions', {
    as,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key === null ? {} : { 'idempotency-key': key }) },
    body: JSON.stringify(body),
  });
}

/** The subscription rows the purchases of an account left in the store, read directly. */
function subscriptionRows(accountId: string): Promise<{ plan_id: string; ended_reason: string | null }[]> {
  return storeQuery(
    h,
    "select plan_id, ended_reason from subscriptions where account_id = ? and service_id = 'linksprinter'",
    [accountId],
  );
}

async function accountOf(as: string): Promise<string> {
  return (await json<Me>(await h.api('/v1/me', { as }))).account.id;
}

describe('purchases are charged once', () => {
  it('takes the gateway delay from NETSCOUT_TEST_GATEWAY_DELAY_MS', () => {
    expect(gateway.delayMs).toBe(GATEWAY_DELAY_MS);
    expect(() => new TestGateway({ env: { NETSCOUT_TEST_GATEWAY_DELAY_MS: 'soon' } })).toThrow(/whole number/);
  });

  it('charges once for 10 purchases of the same plan sent at once with different keys', async () => {
    const before = gateway.charges;
    const responses = await Promise.all(Array.from({ length: 10 }, () => buy('free', pro)));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(409)]);
    expect(gateway.charges - before).toBe(1);
    const refusals = await Promise.all(responses.filter((r) => r.status === 409).map((r) => json<Problem>(r)));
    for (const problem of refusals) expect(problem.detail).toMatch(/being charged right now|already has a paid/);
    // One paid subscription; the free plan it replaced is the only other row (no invisible replaced purchases).
    const rows = await subscriptionRows(await accountOf('free'));
    expect(rows.filter((r) => r.plan_id === 'pro')).toEqual([{ plan_id: 'pro', ended_reason: null }]);
    expect(rows.filter((r) => r.ended_reason === 'replaced')).toHaveLength(1);
  });

  it('charges once for 10 sends of one purchase with the same key, and replays the first answer', async () => {
    const before = gateway.charges;
    const key = newKey();
    const body = { serviceId: 'linksprinter', planId: 'pro', paymentMethodNonce: 'fake-valid-nonce' };
    const responses = await Promise.all(Array.from({ length: 10 }, () => buy('standalonePaid', body, key)));
    expect(gateway.charges - before).toBe(1);
    const created = responses.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(responses.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    const first = await json<Purchase>(created[0]);
    // Once the first answer exists, a retry with the key replays it without charging.
    const retry = await buy('standalonePaid', { ...body, paymentMethodNonce: 'fake-valid-visa-nonce' }, key);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await json<Purchase>(retry)).toEqual(first);
    expect(gateway.charges - before).toBe(1);
  });

  it('refuses the same key for another plan with 422, and a purchase without a key with 400', async () => {
    const key = newKey();
    expect((await buy('gold', { ...pro, planId: 'basic' }, key)).status).toBe(201);
    const reused = await buy('gold', { ...pro, serviceId: 'netscout-insights', planId: 'team' }, key);
    expect(reused.status).toBe(422);
    expect((await json<Problem>(reused)).type).toMatch(/idempotency-key-reused$/);
    const before = gateway.charges;
    const missing = await buy('gold', { ...pro, serviceId: 'netscout-insights', planId: 'team' }, null);
    expect(missing.status).toBe(400);
    expect((await json<Problem>(missing)).errors).toContainEqual({
      path: 'idempotency-key',
      message: expect.stringMatching(/is required/),
    });
    expect((await buy('gold', pro, 'has spaces')).status).toBe(400);
    expect(gateway.charges).toBe(before);
  });

  it('declares the required Idempotency-Key header of a purchase in the OpenAPI document', async () => {
    const doc = await json<{ paths: Record<string, { post: { parameters?: { in: string; name: string }[] } }> }>(
      await h.api('/v1/openapi.json'),
    );
    const key = doc.paths['/v1/subscriptions'].post.parameters?.find(
      (p) => p.in === 'header' && p.name === 'idempotency-key',
    );
    expect(key).toMatchObject({ required: true, schema: { type: 'string' } });
  });

  it('releases the claim when the charge is declined: the same key then buys with another card', async () => {
    const key = newKey();
    const body = { serviceId: 'netscout-insights', planId: 'team' };
    const declined = await buy(
      'linksprinterPaid',
      { ...body, paymentMethodNonce: 'fake-processor-declined-visa-nonce' },
      key,
    );
    expect(declined.status).toBe(402);
    const paid = await buy('linksprinterPaid', { ...body, paymentMethodNonce: 'fake-valid-nonce' }, key);
    expect(paid.status).toBe(201);
    expect(paid.headers.get('idempotent-replayed')).toBeNull();
  });
});

describe('a purchase cut off by a stop while it was being charged', () => {
  it('is marked interrupted at the next start: its key is never charged again, another purchase may go on', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'netscout-purchase-stop-'));
    try {
      let server = await startServer({ port: 0, dataDir, logLevel: 'silent', gateway });
      const accountId = server.demo.free.accountId;
      await server.close();
      // What a kill -9 during the gateway call leaves: a claim still charging.
      await storeQuery(
        fileStore(dataDir),
        "insert into purchases (account_id, key, request_hash, service_id, state, response, created_at) values (?, 'cut-off', ?, 'linksprinter', 'charging', null, 0)",
        [accountId, purchaseHash('linksprinter', 'pro')],
      );

      server = await startServer({ port: 0, dataDir, logLevel: 'silent', gateway });
      const send = (key: string) =>
        fetch(`${server.url}/v1/subscriptions`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${server.demo.free.token}`,
            'content-type': 'application/json',
            'idempotency-key': key,
          },
          body: JSON.stringify(pro),
        });
      const before = gateway.charges;
      const retried = await send('cut-off');
      expect(retried.status).toBe(409);
      expect((await json<Problem>(retried)).detail).toMatch(/interrupted .* will not be charged again/);
      expect(gateway.charges).toBe(before);
      expect((await send(newKey())).status).toBe(201);
      await server.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
