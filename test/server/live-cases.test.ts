// Live cases against the real server: conditional reads (ETag / 304), "new answer" per user, closing a case
// and rating the answer, with each account kept to its own cases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentFeedbackList, Case, CaseFeedback, CaseListPage } from '../../core/index.js';
import { drafts, type Harness, json, postIncident, startHarness } from './_lib/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ corsOrigins: ['https://www.onetouchat.com'] });
});
afterAll(() => h.stop());

async function newCase(): Promise<Case> {
  h.clock.advance(1000);
  return json<Case>(await postIncident(h, 'gold', drafts.gold));
}

async function agentAnswers(id: string, body: Record<string, unknown>): Promise<Response> {
  h.clock.advance(1000);
  return h.api(`/v1/agent/cases/${id}`, {
    as: 'agent',
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

function post(path: string, as: string, body: unknown = {}): Promise<Response> {
  h.clock.advance(1000);
  return h.api(path, {
    as,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('conditional reads', () => {
  it('answer 304 with no body while nothing changed, even as the clock runs, and 200 once an agent answers', async () => {
    const filed = await newCase();
    for (const path of ['/v1/cases?limit=50', `/v1/cases/${filed.id}`]) {
      const first = await h.api(path, { as: 'gold' });
      const etag = first.headers.get('etag');
      expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
      h.clock.advance(60_000); // remainingMs differs; the answer means the same
      const again = await h.api(path, { as: 'gold', headers: { 'if-none-match': etag as string } });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
      expect(again.headers.get('etag')).toBe(etag);
    }
    const list = await h.api('/v1/cases?limit=50', { as: 'gold' });
    const detail = await h.api(`/v1/cases/${filed.id}`, { as: 'gold' });
    expect((await agentAnswers(filed.id, { response: 'Please send the logs.' })).status).toBe(200);
    for (const [path, before] of [
      ['/v1/cases?limit=50', list],
      [`/v1/cases/${filed.id}`, detail],
    ] as const) {
      const changed = await h.api(path, { as: 'gold', headers: { 'if-none-match': before.headers.get('etag')! } });
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).not.toBe(before.headers.get('etag'));
      const body = await json<Case | CaseListPage>(changed);
      const item = 'items' in body ? body.items.find((c) => c.id === filed.id) : body;
      expect(item?.status).toBe('in-progress');
    }
  });

  it('never answer 304 to another account holding the owner’s tag', async () => {
    const filed = await newCase();
    const owner = await h.api(`/v1/cases/${filed.id}`, { as: 'gold' });
    expect(owner.headers.get('etag')).toMatch(/^W\//);
    const intruder = await h.api(`/v1/cases/${filed.id}`, {
      as: 'linksprinterPaid',
      headers: { 'if-none-match': owner.headers.get('etag')! },
    });
    expect(intruder.status).toBe(404);
    const theirList = await h.api('/v1/cases?limit=50', {
      as: 'linksprinterPaid',
      headers: { 'if-none-match': (await h.api('/v1/cases?limit=50', { as: 'gold' })).headers.get('etag')! },
    });
    expect(theirList.status).toBe(200);
    expect(await theirList.text()).not.toContain(filed.id);
  });

  it('let a browser on a partner site send If-None-Match and read ETag', async () => {
    const preflight = await h.api('/v1/cases', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://www.onetouchat.com',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization, if-none-match',
      },
    });
    expect(preflight.headers.get('access-control-allow-headers')).toContain('If-None-Match');
    const read = await h.api('/v1/cases', { as: 'gold', headers: { origin: 'https://www.onetouchat.com' } });
    expect(read.headers.get('access-control-expose-headers')).toContain('ETag');
  });
});

describe('new answers', () => {
  it('are unread for the customer until they open the case, and again after the next answer', async () => {
    const filed = await newCase();
    const unread = async () => (await json<CaseListPage>(await h.api('/v1/cases?limit=50', { as: 'gold' }))).unread;
    expect(await unread()).not.toContain(filed.id);
    await agentAnswers(filed.id, { response: 'First answer.' });
    expect(await unread()).toContain(filed.id);
    // An engineer reading the case does not read it for the customer.
    await h.api(`/v1/cases/${filed.id}`, { as: 'agent' });
    expect(await unread()).toContain(filed.id);
    h.clock.advance(1000);
    await h.api(`/v1/cases/${filed.id}`, { as: 'gold' });
    expect(await unread()).not.toContain(filed.id);
    await agentAnswers(filed.id, { response: 'Second answer.' });
    expect(await unread()).toContain(filed.id);
    // The engineers' list has no reader to speak of.
    const page = await json<CaseListPage>(await h.api('/v1/agent/cases', { as: 'agent' }));
    expect(page.unread).toBeUndefined();
  });
});

describe('closing a case', () => {
  it('closes it once; closing again answers the same case unchanged; a reply is then refused', async () => {
    const filed = await newCase();
    const closed = await post(`/v1/cases/${filed.id}/close`, 'gold');
    expect(closed.status).toBe(200);
    const first = await json<Case>(closed);
    expect(first.status).toBe('closed');
    const again = await json<Case>(await post(`/v1/cases/${filed.id}/close`, 'gold'));
    expect(again.status).toBe('closed');
    expect(again.updatedAt).toBe(first.updatedAt);
    const reply = await post(`/v1/cases/${filed.id}/comments`, 'gold', { body: 'One more thing.' });
    expect(reply.status).toBe(409);
  });

  it('is refused on another account’s case (404, the case untouched) and to an engineer token (403)', async () => {
    const filed = await newCase();
    const foreign = await post(`/v1/cases/${filed.id}/close`, 'linksprinterPaid');
    expect(foreign.status).toBe(404);
    expect(foreign.headers.get('content-type')).toContain('application/problem+json');
    expect(await foreign.text()).not.toContain(drafts.gold.subject);
    expect((await post(`/v1/cases/${filed.id}/close`, 'agent')).status).toBe(403);
    expect((await json<Case>(await h.api(`/v1/cases/${filed.id}`, { as: 'gold' }))).status).toBe('new');
  });
});

describe('rating the answer', () => {
  it('is refused before the case is resolved, stored after, replaced by a new rating, and seen by engineers', async () => {
    const filed = await newCase();
    const early = await post(`/v1/cases/${filed.id}/feedback`, 'gold', { rating: 'good' });
    expect(early.status).toBe(409);
    await agentAnswers(filed.id, { response: 'Fixed in firmware 6.5.2.', status: 'resolved' });
    const rated = await post(`/v1/cases/${filed.id}/feedback`, 'gold', { rating: 'bad' });
    expect(rated.status).toBe(200);
    expect((await json<CaseFeedback>(rated)).rating).toBe('bad');
    const changed = await post(`/v1/cases/${filed.id}/feedback`, 'gold', {
      rating: 'good',
      comment: '  Quick, thanks. ',
    });
    expect(await json<CaseFeedback>(changed)).toMatchObject({ rating: 'good', comment: 'Quick, thanks.' });

    const detail = await json<Case>(await h.api(`/v1/cases/${filed.id}`, { as: 'agent' }));
    expect(detail.feedback).toMatchObject({ rating: 'good', comment: 'Quick, thanks.' });
    const list = await json<AgentFeedbackList>(await h.api('/v1/agent/feedback', { as: 'agent' }));
    expect(list.items.filter((item) => item.caseId === filed.id)).toEqual([
      expect.objectContaining({ caseNumber: filed.number, feedback: expect.objectContaining({ rating: 'good' }) }),
    ]);
    expect((await h.api('/v1/agent/feedback', { as: 'gold' })).status).toBe(403);
  });

  it('names what is wrong in a bad rating, and never rates another account’s case', async () => {
    const filed = await newCase();
    await agentAnswers(filed.id, { status: 'resolved' });
    const bad = await post(`/v1/cases/${filed.id}/feedback`, 'gold', { rating: 'meh' });
    expect(bad.status).toBe(400);
    const problem = await json<{ errors: { path: string }[] }>(bad);
    expect(problem.errors.map((e) => e.path)).toEqual(['rating']);
    const foreign = await post(`/v1/cases/${filed.id}/feedback`, 'linksprinterPaid', { rating: 'bad' });
    expect(foreign.status).toBe(404);
    const detail = await json<Case>(await h.api(`/v1/cases/${filed.id}`, { as: 'gold' }));
    expect(detail.feedback).toBeNull();
  });
});
