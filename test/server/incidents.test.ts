import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../core/api/schemas.js';
import { addSupportTime, type Cancellation, type Case, type Me, type Problem } from '../../core/index.js';
import { drafts, type Harness, json, newKey, postIncident, startHarness } from './_lib/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

describe('submitting an incident', () => {
  it('stores a Gold customer incident with a 2-hour deadline from core, routed through My Account', async () => {
    h.clock.set('2026-11-24T15:00:00Z');
    const response = await postIncident(h, 'gold', drafts.gold);
    expect(response.status).toBe(201);
    const created = await json<Case>(response);
    expect(contract.Case.safeParse(created).success).toBe(true);
    expect(created.receivedAt).toBe('2026-11-24T15:00:00.000Z');
    expect(created.firstResponseHours).toBe(2);
    expect(created.dueAt).toBe(addSupportTime(new Date('2026-11-24T15:00:00Z'), 2 * 3_600_000).toISOString());
    expect(created.channel).toBe('my-account');
    expect(created.myAccountUrl).toMatch(/^https:\/\/myaccount\./);
    expect(created.sla.state).toBe('on-track');
    expect(response.headers.get('location')).toBe(`/v1/cases/${created.id}`);
  });

  it('gives a paid Type 3 customer the 24-hour target across Thanksgiving (the spec example)', async () => {
    h.clock.set('2026-11-25T15:00:00Z');
    const created = await json<Case>(await postIncident(h, 'linksprinterPaid', drafts.linksprinter));
    expect(created.firstResponseHours).toBe(24);
    expect(created.dueAt).toBe('2026-11-28T15:00:00.000Z');
    expect(created.channel).toBe('service-assistance');
    expect(created.myAccountUrl).toBeNull();
    expect(created.sla.delayedBy.map((d) => d.id)).toEqual(['thanksgiving', 'day-after-thanksgiving']);
  });

  it('accepts a standalone (Type 1) incident without device fields', async () => {
    h.clock.set('2026-11-25T15:00:00Z');
    const response = await postIncident(h, 'standalonePaid', drafts.insights);
    expect(response.status).toBe(201);
    expect((await json<Case>(response)).serviceType).toBe(1);
  });

  it('starts the clock of an incident received on a holiday when support reopens', async () => {
    h.clock.set('2026-11-26T17:00:00Z');
    const created = await json<Case>(await postIncident(h, 'gold', drafts.gold));
    expect(created.dueAt).toBe('2026-11-28T07:00:00.000Z');
    expect(created.sla.state).toBe('paused');
    expect(created.sla.resumesAt).toBe('2026-11-28T05:00:00.000Z');
  });

  it.each([
    ['free', drafts.linksprinter, 'free-plan', 'paid-plan'],
    ['goldLapsed', drafts.gold, 'gold-lapsed', 'gold-renewal'],
    ['gold', drafts.linksprinter, 'no-subscription', 'paid-plan'],
    ['linksprinterPaid', drafts.gold, 'no-subscription', 'gold-purchase'],
  ])('refuses %s with 403, a reason and an upgrade path', async (as, draft, reason, upgrade) => {
    const response = await postIncident(h, as, draft);
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = await json<Problem>(response);
    expect(problem).toMatchObject({ status: 403, reason, upgrade });
    expect(problem.detail).toBeTruthy();
  });

  it('tells a Gold customer without a LinkSprinter.com subscription just that, not about a free plan', async () => {
    const problem = await json<Problem>(await postIncident(h, 'gold', drafts.linksprinter));
    expect(problem.detail).toBe(
      'This account has no subscription to LinkSprinter.com: self-help is open to everyone, and a subscription with premium support lets you submit incidents.',
    );
  });

  it('does not let a support engineer token submit as a customer', async () => {
    expect((await postIncident(h, 'agent', drafts.gold)).status).toBe(403);
  });

  it('has no monthly limit for premium customers', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 40 }, () => postIncident(h, 'standalonePaid', drafts.insights).then((r) => r.status)),
    );
    expect(new Set(statuses)).toEqual(new Set([201]));
  });

  it('requires an Idempotency-Key header', async () => {
    const response = await h.api('/v1/incidents', {
      as: 'gold',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(drafts.gold),
    });
    expect(response.status).toBe(400);
    const problem = await json<Problem>(response);
    expect(problem.errors?.[0].path).toBe('idempotency-key');
    // Says what to send, not how the validator saw it.
    expect(problem.errors?.[0].message).toMatch(/^is required: send a new unique key/);
  });
});

describe('idempotency', () => {
  it('replays the first response for the same key and body: same case, same status, no duplicate', async () => {
    const key = newKey();
    const first = await json<Case>(await postIncident(h, 'gold', drafts.gold, key));
    h.clock.advance(60_000);
    const again = await postIncident(h, 'gold', drafts.gold, key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const replayed = await json<Case>(again);
    expect(replayed.id).toBe(first.id);
    expect(replayed.receivedAt).toBe(first.receivedAt);
  });

  it('treats a re-ordered or re-spaced body as the same body', async () => {
    const key = newKey();
    const first = await json<Case>(await postIncident(h, 'gold', drafts.gold, key));
    const reordered = Object.fromEntries(Object.entries(drafts.gold).reverse());
    const again = await h.api('/v1/incidents', {
      as: 'gold',
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(reordered, null, 2),
    });
    expect((await json<Case>(again)).id).toBe(first.id);
  });

  it('refuses the same key with a different body with 422', async () => {
    const key = newKey();
    await postIncident(h, 'gold', drafts.gold, key);
    const response = await postIncident(h, 'gold', { ...drafts.gold, subject: 'Another problem entirely' }, key);
    expect(response.status).toBe(422);
    expect((await json<Problem>(response)).type).toMatch(/idempotency-key-reused$/);
  });

  it('creates exactly one case when the same key is sent many times at once', async () => {
    const key = newKey();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => postIncident(h, 'linksprinterPaid', drafts.linksprinter, key)),
    );
    const ids = new Set(await Promise.all(responses.map(async (r) => (await json<Case>(r)).id)));
    expect(responses.every((r) => r.status === 201)).toBe(true);
    expect(ids.size).toBe(1);
  });

  it('scopes keys to the account: another account may use the same key', async () => {
    const key = newKey();
    const a = await json<Case>(await postIncident(h, 'gold', drafts.gold, key));
    const b = await postIncident(h, 'linksprinterPaid', drafts.linksprinter, key);
    expect(b.status).toBe(201);
    expect((await json<Case>(b)).id).not.toBe(a.id);
  });
});

// Last in the file: it cancels a subscription that the tests above rely on.
describe('a key already used, after the account lost premium support', () => {
  it('still answers with the first response, while a new key is refused', async () => {
    h.clock.set('2026-12-08T15:00:00Z');
    const key = newKey();
    const first = await json<Case>(await postIncident(h, 'linksprinterPaid', drafts.linksprinter, key));
    const me = await json<Me>(await h.api('/v1/me', { as: 'linksprinterPaid' }));
    const paid = me.subscriptions.find((s) => s.serviceId === 'linksprinter' && s.status === 'active');
    const cancelled = await h.api(`/v1/subscriptions/${paid?.id}`, { as: 'linksprinterPaid', method: 'DELETE' });
    expect(cancelled.status).toBe(200);
    // Premium support lasts until the end of the billed month: the account loses it then.
    h.clock.set((await json<Cancellation>(cancelled)).subscription.paidThrough as string);

    const again = await postIncident(h, 'linksprinterPaid', drafts.linksprinter, key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await json<Case>(again)).id).toBe(first.id);
    const otherBody = await postIncident(
      h,
      'linksprinterPaid',
      { ...drafts.linksprinter, subject: 'Another one' },
      key,
    );
    expect(otherBody.status).toBe(422);
    expect((await postIncident(h, 'linksprinterPaid', drafts.linksprinter)).status).toBe(403);
  });
});
