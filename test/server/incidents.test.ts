import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../core/api/schemas.js';
import {
  addSupportTime,
  type Cancellation,
  type Case,
  type CaseListPage,
  type Me,
  type Problem,
} from '../../core/index.js';
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

describe('listing and reading cases', () => {
  it('lists only the caller account cases, newest activity first, with SLA computed at request time', async () => {
    h.clock.set('2026-12-01T12:00:00Z');
    const page = await json<CaseListPage>(await h.api('/v1/cases?limit=100', { as: 'gold' }));
    expect(contract.CaseListPage.safeParse(page).success).toBe(true);
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((c) => c.serviceId === 'onetouchat')).toBe(true);
    const updated = page.items.map((c) => c.updatedAt);
    expect([...updated].sort().reverse()).toEqual(updated);
    // 2 hours after receipt in November, long gone by 1 December: breached.
    expect(page.items.every((c) => c.sla.state === 'breached')).toBe(true);
  });

  it('shows the same case the same way in the list and in the detail, paused, breached or met', async () => {
    h.clock.set('2026-11-26T17:00:00Z');
    const paused = await json<Case>(await postIncident(h, 'linksprinterPaid', drafts.linksprinter));
    await h.api(`/v1/agent/cases/${paused.id}`, {
      as: 'agent',
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response: 'Looking into it.' }),
    });
    await postIncident(h, 'linksprinterPaid', drafts.linksprinter);
    for (const at of ['2026-11-26T18:00:00Z', '2026-12-10T00:00:00Z']) {
      h.clock.set(at);
      const page = await json<CaseListPage>(await h.api('/v1/cases?limit=100', { as: 'linksprinterPaid' }));
      expect(new Set(page.items.map((c) => c.sla.state)).size).toBeGreaterThan(1);
      for (const item of page.items) {
        const {
          comments: _comments,
          feedback: _feedback,
          ...detail
        } = await json<Case>(await h.api(`/v1/cases/${item.id}`, { as: 'linksprinterPaid' }));
        expect(item).toEqual(detail);
      }
    }
  });

  it('sends a list whose declared length is its length in bytes, whatever the language of the text', async () => {
    h.clock.set('2026-11-26T17:00:00Z');
    const subject = 'Écran figé après la mise à jour — 画面が固まる 🔌';
    const created = await json<Case>(await postIncident(h, 'linksprinterPaid', { ...drafts.linksprinter, subject }));
    const response = await h.api('/v1/cases?limit=100', { as: 'linksprinterPaid' });
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(Number(response.headers.get('content-length'))).toBe(bytes.length);
    const listed = (JSON.parse(bytes.toString('utf8')) as CaseListPage).items.find((c) => c.id === created.id);
    expect(listed?.subject).toBe(subject);
    // Paused by the Thanksgiving run: the page carries the holidays' names too.
    expect(listed?.sla.pausedBy?.map((holiday) => holiday.id)).toEqual(['thanksgiving', 'day-after-thanksgiving']);
  });

  it('pages with a cursor without repeating or skipping cases', async () => {
    const all = await json<CaseListPage>(await h.api('/v1/cases?limit=100', { as: 'standalonePaid' }));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=7&cursor=${cursor}` : '?limit=7';
      const page: CaseListPage = await json<CaseListPage>(await h.api(`/v1/cases${query}`, { as: 'standalonePaid' }));
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((c) => c.id));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('filters by status, service and updatedSince', async () => {
    h.clock.set('2026-12-02T12:00:00Z');
    const created = await json<Case>(await postIncident(h, 'gold', drafts.gold));
    const since = await json<CaseListPage>(
      await h.api(`/v1/cases?updatedSince=${encodeURIComponent('2026-12-02T11:00:00Z')}`, { as: 'gold' }),
    );
    expect(since.items.map((c) => c.id)).toEqual([created.id]);
    const byService = await json<CaseListPage>(await h.api('/v1/cases?serviceId=linksprinter', { as: 'gold' }));
    expect(byService.items).toEqual([]);
    const resolved = await json<CaseListPage>(await h.api('/v1/cases?status=resolved', { as: 'gold' }));
    expect(resolved.items).toEqual([]);
    const fresh = await json<CaseListPage>(await h.api('/v1/cases?status=new&limit=1', { as: 'gold' }));
    expect(fresh.items[0].id).toBe(created.id);
  });

  it('returns one case with its comments, and the customer can reply', async () => {
    const created = await json<Case>(await postIncident(h, 'gold', drafts.gold));
    const reply = await h.api(`/v1/cases/${created.id}/comments`, {
      as: 'gold',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'The serial is on the back label; photo attached soon.' }),
    });
    expect(reply.status).toBe(201);
    const detail = await json<Case>(await h.api(`/v1/cases/${created.id}`, { as: 'gold' }));
    expect(detail.comments?.map((c) => [c.author.kind, c.body])).toEqual([
      ['customer', 'The serial is on the back label; photo attached soon.'],
    ]);
  });
});

describe('the support engineer side', () => {
  it('responds to a case: the first response settles the SLA as met, and the customer sees it', async () => {
    h.clock.set('2026-12-03T15:00:00Z');
    const created = await json<Case>(await postIncident(h, 'gold', drafts.gold));
    h.clock.advance(30 * 60_000);
    const response = await h.api(`/v1/agent/cases/${created.id}`, {
      as: 'agent',
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response: 'Please send the test report from the unit.' }),
    });
    expect(response.status).toBe(200);
    const updated = await json<Case>(response);
    expect(updated.firstResponseAt).toBe('2026-12-03T15:30:00.000Z');
    expect(updated.status).toBe('in-progress');
    expect(updated.sla.state).toBe('met');
    const seen = await json<Case>(await h.api(`/v1/cases/${created.id}`, { as: 'gold' }));
    expect(seen.comments?.at(-1)?.author.kind).toBe('agent');
    expect(seen.sla.state).toBe('met');
  });

  it('changes status, and a late first response is breached', async () => {
    h.clock.set('2026-12-03T15:00:00Z');
    const created = await json<Case>(await postIncident(h, 'gold', drafts.gold));
    h.clock.advance(3 * 3_600_000);
    const late = await json<Case>(
      await h.api(`/v1/agent/cases/${created.id}`, {
        as: 'agent',
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ response: 'Sorry for the wait.', status: 'waiting-on-customer' }),
      }),
    );
    expect(late.status).toBe('waiting-on-customer');
    expect(late.sla.state).toBe('breached');
    // The customer's reply hands the case back to support.
    await h.api(`/v1/cases/${created.id}/comments`, {
      as: 'gold',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'Report attached.' }),
    });
    expect((await json<Case>(await h.api(`/v1/cases/${created.id}`, { as: 'gold' }))).status).toBe('in-progress');
  });

  it('lists cases of every account for agents, and refuses customer tokens with 403', async () => {
    const all = await json<CaseListPage>(await h.api('/v1/agent/cases?limit=100', { as: 'agent' }));
    expect(new Set(all.items.map((c) => c.serviceId)).size).toBeGreaterThan(1);
    expect((await h.api('/v1/agent/cases', { as: 'gold' })).status).toBe(403);
    const created = await json<Case>(await postIncident(h, 'gold', drafts.gold));
    const attempt = await h.api(`/v1/agent/cases/${created.id}`, {
      as: 'gold',
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'closed' }),
    });
    expect(attempt.status).toBe(403);
    expect((await json<Case>(await h.api(`/v1/cases/${created.id}`, { as: 'gold' }))).status).toBe('new');
  });

  it('shows a change made in the same millisecond in the list, and to updatedSince polling', async () => {
    h.clock.set('2026-12-04T15:00:00Z');
    const created = await json<Case>(await postIncident(h, 'standalonePaid', drafts.insights));
    const before = await json<CaseListPage>(await h.api('/v1/cases?limit=1', { as: 'standalonePaid' }));
    expect(before.items[0]).toMatchObject({ id: created.id, status: 'new' });
    await h.api(`/v1/agent/cases/${created.id}`, {
      as: 'agent',
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'waiting-on-customer' }),
    });
    const after = await json<CaseListPage>(await h.api('/v1/cases?limit=1', { as: 'standalonePaid' }));
    expect(after.items[0]).toMatchObject({ id: created.id, status: 'waiting-on-customer' });
    expect(Date.parse(after.items[0].updatedAt)).toBeGreaterThan(Date.parse(created.updatedAt));
    const polled = await json<CaseListPage>(
      await h.api(`/v1/cases?updatedSince=${encodeURIComponent(created.updatedAt)}`, { as: 'standalonePaid' }),
    );
    expect(polled.items.map((c) => c.id)).toEqual([created.id]);
  });

  it('refuses an empty update and an unknown case', async () => {
    const created = await json<Case>(await postIncident(h, 'gold', drafts.gold));
    const empty = await h.api(`/v1/agent/cases/${created.id}`, {
      as: 'agent',
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(empty.status).toBe(400);
    const missing = await h.api('/v1/agent/cases/case_nope', {
      as: 'agent',
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'closed' }),
    });
    expect(missing.status).toBe(404);
  });
});

describe('lists asked for again', () => {
  it('shows every change in a page asked for again: new case, reply, attachment, support update', async () => {
    h.clock.set('2026-12-07T15:00:00Z');
    const page = async (as: string, query = '?limit=5') =>
      (await json<CaseListPage>(await h.api(`/v1/cases${query}`, { as }))).items;
    const agentPage = async () =>
      (await json<CaseListPage>(await h.api('/v1/agent/cases?limit=5', { as: 'agent' }))).items;
    await page('gold');
    await agentPage();
    const created = await json<Case>(await postIncident(h, 'gold', drafts.gold));
    expect((await page('gold'))[0].id).toBe(created.id);
    expect((await agentPage())[0].id).toBe(created.id);

    h.clock.advance(60_000);
    await h.api(`/v1/cases/${created.id}/comments`, {
      as: 'gold',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'Adding the log in a minute.' }),
    });
    expect((await page('gold'))[0].updatedAt).toBe('2026-12-07T15:01:00.000Z');

    h.clock.advance(60_000);
    const form = new FormData();
    form.set('file', new Blob(['eth0: link down\n']), 'switch.log');
    expect(
      (await h.api(`/v1/cases/${created.id}/attachments`, { as: 'gold', method: 'POST', body: form })).status,
    ).toBe(201);
    expect((await page('gold'))[0].attachments.map((a) => a.fileName)).toEqual(['switch.log']);

    h.clock.advance(60_000);
    await h.api(`/v1/agent/cases/${created.id}`, {
      as: 'agent',
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response: 'Thanks, reading it now.' }),
    });
    const [answered] = await page('gold');
    expect(answered).toMatchObject({
      id: created.id,
      status: 'in-progress',
      firstResponseAt: '2026-12-07T15:03:00.000Z',
    });
    expect(answered.sla.state).toBe('met');
    // Another account's page is not touched by any of this.
    expect((await page('linksprinterPaid')).some((c) => c.id === created.id)).toBe(false);
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
