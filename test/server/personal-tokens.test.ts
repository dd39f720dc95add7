import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../core/api/schemas.js';
import type { NewPersonalToken, PersonalTokenList, Problem } from '../../core/index.js';
import { type Harness, json, startHarness } from './_lib/harness.js';
import { storeQuery } from './_lib/store-sql.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

const create = (as: string, body: unknown) =>
  h.api('/v1/tokens', {
    as,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** Polls `GET /v1/me` until it is refused; the promise is 2 seconds, the poll gives up after 5. */
async function refusedSoon(token: string): Promise<number> {
  const deadline = Date.now() + 5000;
  let status = 0;
  while (Date.now() < deadline) {
    status = (await h.api('/v1/me', { as: token })).status;
    if (status === 401) return status;
    await new Promise((r) => setTimeout(r, 100));
  }
  return status;
}

describe('personal API tokens', () => {
  it('are made once with their secret, work, are listed without it, and are refused once revoked', async () => {
    const made = await create('gold', { name: 'nightly export', expiresInDays: 30 });
    expect(made.status).toBe(201);
    const body = await json<NewPersonalToken>(made);
    expect(contract.NewPersonalToken.safeParse(body).success).toBe(true);
    expect(Date.parse(body.expiresAt) - h.clock.current.getTime()).toBe(30 * 86_400_000);

    const me = await h.api('/v1/me', { as: body.token });
    expect(me.status).toBe(200);
    expect((await json<{ user: { id: string } }>(me)).user.id).toBe(h.server.demo.gold.userId);

    const listed = await json<PersonalTokenList>(await h.api('/v1/tokens', { as: body.token }));
    const entry = listed.items.find((t) => t.id === body.id);
    expect(entry).toMatchObject({ name: 'nightly export', expiresAt: body.expiresAt });
    expect(JSON.stringify(listed)).not.toContain(body.token);

    const revoked = await h.api(`/v1/tokens/${body.id}`, { as: 'gold', method: 'DELETE' });
    expect(revoked.status).toBe(204);
    expect(await refusedSoon(body.token)).toBe(401);
    const problem = await json<Problem>(await h.api('/v1/incidents', { as: body.token, method: 'POST' }));
    expect(problem.status).toBe(401);
  });

  it("cannot revoke another user's token", async () => {
    const mine = await json<NewPersonalToken>(await create('gold', { name: 'mine', expiresInDays: 1 }));
    const other = await h.api(`/v1/tokens/${mine.id}`, { as: 'free', method: 'DELETE' });
    expect(other.status).toBe(404);
    expect((await h.api('/v1/me', { as: mine.token })).status).toBe(200);
  });

  it('are refused once expired (injected clock)', async () => {
    const made = await json<NewPersonalToken>(await create('free', { name: 'short', expiresInDays: 1 }));
    expect((await h.api('/v1/me', { as: made.token })).status).toBe(200);
    h.clock.advance(86_400_000);
    try {
      const refused = await h.api('/v1/me', { as: made.token });
      expect(refused.status).toBe(401);
      expect((await json<Problem>(refused)).detail).toMatch(/expired/);
    } finally {
      h.clock.advance(-86_400_000);
    }
  });

  it('are refused within 2 seconds when another process deletes the row', async () => {
    const made = await json<NewPersonalToken>(await create('linksprinterPaid', { name: 'x', expiresInDays: 7 }));
    expect((await h.api('/v1/me', { as: made.token })).status).toBe(200);
    // Another process serving the same store (here: a direct write to the store) revokes it.
    await storeQuery(h, 'delete from tokens where id = ?', [made.id]);
    expect(await storeQuery(h, 'select id from tokens where id = ?', [made.id])).toEqual([]);
    expect(await refusedSoon(made.token)).toBe(401);
  });

  it.each([
    [{ name: 'x', expiresInDays: 366 }, 'expiresInDays'],
    [{ name: 'x', expiresInDays: 0 }, 'expiresInDays'],
    [{ name: 'x', expiresInDays: 1.5 }, 'expiresInDays'],
    [{ name: 'x' }, 'expiresInDays'],
    [{ name: '   ', expiresInDays: 3 }, 'name'],
    [{ name: 'x', expiresInDays: 3, scope: 'admin' }, 'scope'],
  ])('refuses %j with a problem naming %s', async (body, field) => {
    const response = await create('gold', body);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = await json<Problem>(response);
    expect(problem.errors?.map((e) => e.path)).toContain(field);
  });

  it('need a caller before the body is read', async () => {
    const response = await h.api('/v1/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x', expiresInDays: 3 }),
    });
    expect(response.status).toBe(401);
  });
});
