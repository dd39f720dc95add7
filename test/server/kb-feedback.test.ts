// "Was this helpful?": one answer per user and article, changeable, repeatable without effect, the caller's own
// only, and counted for support engineers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../core/api/schemas.js';
import type { KbVote, KbVoteCounts, Problem } from '../../core/index.js';
import { type Harness, json, startHarness } from './_lib/harness.js';
import { rawExchange } from './_lib/raw-http.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

const SLUG = 'linksprinter-link-test-stops';

function vote(as: string, body: unknown, slug = SLUG): Promise<Response> {
  return h.api(`/v1/kb/articles/${slug}/vote`, {
    as,
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}
const myVote = async (as: string, slug = SLUG) => json<KbVote>(await h.api(`/v1/kb/articles/${slug}/vote`, { as }));
const counts = async () => {
  const response = await h.api('/v1/agent/kb/votes', { as: 'agent' });
  expect(response.status).toBe(200);
  const body = await json<KbVoteCounts>(response);
  expect(contract.KbVoteCounts.safeParse(body).success).toBe(true);
  return body.items.find((i) => i.slug === SLUG);
};

describe('was this helpful?', () => {
  it('records one answer per user, changeable, and a repeat changes nothing', async () => {
    expect(await myVote('linksprinterPaid')).toEqual({ slug: SLUG, helpful: null, votedAt: null });
    const yes = await vote('linksprinterPaid', { helpful: true });
    expect(yes.status).toBe(200);
    const first = await json<KbVote>(yes);
    expect(contract.KbVote.safeParse(first).success).toBe(true);
    expect(first).toMatchObject({ slug: SLUG, helpful: true });

    h.clock.advance(60_000);
    const again = await json<KbVote>(await vote('linksprinterPaid', { helpful: true }));
    expect(again).toEqual(first);
    expect(await counts()).toEqual({ slug: SLUG, helpful: 1, notHelpful: 0 });

    const changed = await json<KbVote>(await vote('linksprinterPaid', { helpful: false }));
    expect(changed.helpful).toBe(false);
    expect(changed.votedAt).not.toBe(first.votedAt);
    expect(await counts()).toEqual({ slug: SLUG, helpful: 0, notHelpful: 1 });
    expect((await myVote('linksprinterPaid')).helpful).toBe(false);
  });

  it('shows each customer only their own answer; engineers see the counts, customers do not', async () => {
    await vote('gold', { helpful: true });
    expect((await myVote('free')).helpful).toBe(null);
    await vote('free', { helpful: true });
    expect((await myVote('gold')).helpful).toBe(true);
    expect((await myVote('free')).helpful).toBe(true);
    const all = await counts();
    expect(all!.helpful + all!.notHelpful).toBe(3);
    expect(JSON.stringify(await (await h.api('/v1/agent/kb/votes', { as: 'agent' })).json())).not.toMatch(/usr_|@/);
    const refused = await h.api('/v1/agent/kb/votes', { as: 'gold' });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('names what is wrong in a bad answer, and refuses an unknown article', async () => {
    for (const body of [{}, { helpful: 'yes' }, { helpful: true, extra: 1 }]) {
      const response = await vote('gold', body);
      expect(response.status).toBe(400);
      const problem = await json<Problem>(response);
      expect(problem.errors?.map((e) => e.path).join(' ')).toMatch(/helpful|extra|body/);
    }
    const notJson = await h.api(`/v1/kb/articles/${SLUG}/vote`, {
      as: 'gold',
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"helpful": tru',
    });
    expect(notJson.status).toBe(400);
    expect((await vote('gold', { helpful: true }, 'no-such-article')).status).toBe(404);
    expect((await myVote('gold')).helpful).toBe(true);
  });

  it('may be sent from a service homepage (CORS allows PUT)', async () => {
    const preflight = await h.api(`/v1/kb/articles/${SLUG}/vote`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://linksprinter.com',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.headers.get('access-control-allow-methods')).toMatch(/\bPUT\b/);
  });

  it('needs a token, checked before the body is read', async () => {
    const anonymous = await h.api(`/v1/kb/articles/${SLUG}/vote`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"helpful":true}',
    });
    expect(anonymous.status).toBe(401);
    const answer = await rawExchange(
      h.server.url,
      `PUT /v1/kb/articles/${SLUG}/vote HTTP/1.1\r\nHost: ${new URL(h.server.url).host}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 1048576\r\n\r\n',
    );
    expect(answer.status).toBe(401);
    expect(answer.closed).toBe(true);
  });

  it('is rate limited per token before the body is read', async () => {
    const limited = await startHarness({ rateLimit: { burst: 3, perSecond: 0.01 } });
    try {
      const put = (body: string) =>
        limited.api(`/v1/kb/articles/${SLUG}/vote`, {
          as: 'gold',
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body,
        });
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await put('{"helpful":true}')).status);
      expect(statuses).toEqual([200, 200, 200]);
      // Over the limit, even a body that is not JSON gets 429, not 400: it was never read.
      const refused = await put('not json');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    } finally {
      await limited.stop();
    }
  });
});
