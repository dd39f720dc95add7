// The support engineer's side of cases: every account's cases, answers and status changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case, CaseListPage } from '../../core/index.js';
import { drafts, fileNovemberCases, type Harness, json, postIncident, startHarness } from './_lib/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await fileNovemberCases(h);
});
afterAll(() => h.stop());

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
