import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../core/index.js';
import { drafts, type Harness, json, newKey, postIncident, startHarness } from './_lib/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ rateLimit: { burst: 1000, perSecond: 1000 } });
});
afterAll(() => h.stop());

function raw(body: BodyInit, contentType = 'application/json', path = '/v1/incidents') {
  return h.api(path, {
    as: 'gold',
    method: 'POST',
    headers: { 'content-type': contentType, 'idempotency-key': newKey() },
    body,
  });
}

async function expectProblem(response: Response, status: number): Promise<Problem> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const text = await response.text();
  // Never a stack trace or an internal path.
  expect(text).not.toMatch(/\bat .+:\d+:\d+|node_modules|\/work\//);
  const problem = JSON.parse(text) as Problem;
  expect(problem.status).toBe(status);
  expect(problem.title).toBeTruthy();
  return problem;
}

describe('bad input gets a clear 4xx problem document', () => {
  it('malformed JSON → 400 naming the parse error', async () => {
    const p = await expectProblem(await raw('{"serviceId": "onetouchat",'), 400);
    expect(p.detail).toMatch(/not valid JSON/);
  });

  it('a body that is not an object → 400', async () => {
    await expectProblem(await raw('[1,2,3]'), 400);
    await expectProblem(await raw('"text"'), 400);
    await expectProblem(await raw('null'), 400);
  });

  it('wrong content type → 415', async () => {
    const p = await expectProblem(await raw(JSON.stringify(drafts.gold), 'text/plain'), 415);
    expect(p.detail).toMatch(/application\/json/);
    await expectProblem(await raw(JSON.stringify(drafts.gold), 'application/x-www-form-urlencoded'), 415);
  });

  it('a non-UTF-8 charset or invalid UTF-8 bytes → 415 / 400', async () => {
    await expectProblem(await raw(JSON.stringify(drafts.gold), 'application/json; charset=latin1'), 415);
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('{"subject":"caf'),
      0xe9,
      ...new TextEncoder().encode('"}'),
    ]);
    const p = await expectProblem(await raw(bytes), 400);
    expect(p.detail).toMatch(/UTF-8/);
  });

  it('an oversize body → 413', async () => {
    const huge = JSON.stringify({ ...drafts.gold, description: 'x'.repeat(2 * 1024 * 1024) });
    await expectProblem(await raw(huge), 413);
  });

  it('a chunked body (no Content-Length) is measured as it streams: 413 when oversize, 201 when fine', async () => {
    const chunked = (text: string) =>
      h.api('/v1/incidents', {
        as: 'gold',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': newKey() },
        body: new ReadableStream({
          start(controller) {
            const bytes = new TextEncoder().encode(text);
            for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.slice(i, i + 64 * 1024));
            controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit);
    await expectProblem(
      await chunked(JSON.stringify({ ...drafts.gold, description: 'x'.repeat(2 * 1024 * 1024) })),
      413,
    );
    expect((await chunked(JSON.stringify(drafts.gold))).status).toBe(201);
  });

  it('unknown fields → 400 listing each', async () => {
    const p = await expectProblem(
      await raw(JSON.stringify({ ...drafts.gold, priority: 'urgent', isAdmin: true })),
      400,
    );
    expect(p.errors).toEqual(
      expect.arrayContaining([
        { path: 'priority', message: 'is not a known field' },
        { path: 'isAdmin', message: 'is not a known field' },
      ]),
    );
  });

  it('missing and wrongly typed fields → 400 naming each field', async () => {
    const p = await expectProblem(await raw(JSON.stringify({ serviceId: 42, subject: 'ok subject' })), 400);
    const paths = p.errors?.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['serviceId', 'description', 'contactEmail']));
  });

  it('a hardware-backed service without device serial and firmware → 400 naming both', async () => {
    const { deviceSerial: _s, firmwareVersion: _f, ...withoutDevice } = drafts.gold;
    const p = await expectProblem(await raw(JSON.stringify(withoutDevice)), 400);
    expect(p.errors?.map((e) => e.path).sort()).toEqual(['deviceSerial', 'firmwareVersion']);
  });

  it('huge strings → 400 with the limit', async () => {
    const p = await expectProblem(await raw(JSON.stringify({ ...drafts.gold, subject: 'S'.repeat(5000) })), 400);
    expect(p.errors).toContainEqual({ path: 'subject', message: 'must be at most 200 characters' });
  });

  it('control characters → 400', async () => {
    const p = await expectProblem(
      await raw(JSON.stringify({ ...drafts.gold, subject: 'Broken\u0000 link\u0007' })),
      400,
    );
    expect(p.errors).toContainEqual({ path: 'subject', message: 'must not contain control characters' });
  });

  it('a subject of zero-width spaces → 400 asking for visible characters', async () => {
    const p = await expectProblem(await raw(JSON.stringify({ ...drafts.gold, subject: '\u200B'.repeat(5) })), 400);
    expect(p.errors).toContainEqual({ path: 'subject', message: 'must contain at least 5 visible characters' });
  });

  it('bidirectional overrides are removed from a case and from a reply', async () => {
    const created = await postIncident(h, 'gold', { ...drafts.gold, subject: 'Report \u202Efdp.exe\u202C attached' });
    expect(created.status).toBe(201);
    const incident = await json<{ id: string; subject: string }>(created);
    expect(incident.subject).toBe('Report fdp.exe attached');
    const reply = await h.api(`/v1/cases/${incident.id}/comments`, {
      as: 'gold',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'See \u2067txt.exe\u2069 please' }),
    });
    expect(reply.status).toBe(201);
    const detail = await json<{ comments: { body: string }[] }>(
      await h.api(`/v1/cases/${incident.id}`, { as: 'gold' }),
    );
    expect(detail.comments.at(-1)?.body).toBe('See txt.exe please');
  });

  it('an unknown service → 400', async () => {
    const p = await expectProblem(await raw(JSON.stringify({ ...drafts.gold, serviceId: 'nope' })), 400);
    expect(p.errors).toContainEqual({ path: 'serviceId', message: 'is not a known service' });
  });

  it('an invalid idempotency key → 400', async () => {
    const response = await h.api('/v1/incidents', {
      as: 'gold',
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'has spaces in it' },
      body: JSON.stringify(drafts.gold),
    });
    const p = await expectProblem(response, 400);
    expect(p.errors?.[0].path).toBe('idempotency-key');
  });

  it('bad query parameters → 400 naming them', async () => {
    let p = await expectProblem(await h.api('/v1/cases?limit=0', { as: 'gold' }), 400);
    expect(p.errors?.[0].path).toBe('limit');
    p = await expectProblem(await h.api('/v1/cases?updatedSince=yesterday', { as: 'gold' }), 400);
    expect(p.errors?.[0].path).toBe('updatedSince');
    p = await expectProblem(await h.api('/v1/cases?status=lost', { as: 'gold' }), 400);
    expect(p.errors?.[0].path).toBe('status');
    p = await expectProblem(await h.api('/v1/cases?cursor=bm9wZQ', { as: 'gold' }), 400);
    expect(p.errors?.[0].path).toBe('cursor');
    p = await expectProblem(await h.api('/v1/cases?sort=desc', { as: 'gold' }), 400);
    expect(p.errors?.[0].path).toBe('sort');
    p = await expectProblem(await h.api('/v1/calendar?from=2026-13-45'), 400);
    expect(p.errors?.[0].path).toBe('from');
    p = await expectProblem(await h.api('/v1/calendar?from=2026-12-01&to=2026-01-01'), 400);
    expect(p.errors?.[0].path).toBe('to');
  });

  it('a bad path id → 400, an unknown route → 404', async () => {
    await expectProblem(await h.api('/v1/cases/not%20an%20id', { as: 'gold' }), 400);
    await expectProblem(await h.api('/v1/nothing-here', { as: 'gold' }), 404);
  });
});

describe('authentication', () => {
  it('no token, a malformed header, or an unknown token → 401 with WWW-Authenticate', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Basic abc' },
      { authorization: 'Bearer nst_not-a-real-token-at-all' },
    ];
    for (const headers of attempts) {
      const response = await h.api('/v1/me', { headers });
      await expectProblem(response, 401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
  });

  it('public routes need no token', async () => {
    for (const path of ['/v1/health', '/v1/calendar', '/v1/openapi.json', '/v1/kb/search?q=gold']) {
      expect((await h.api(path)).status).toBe(200);
    }
  });
});

describe('rate limiting, CORS and security headers', () => {
  it('answers 429 with Retry-After once a token spends its burst, and other tokens are unaffected', async () => {
    const limited = await startHarness({ rateLimit: { burst: 5, perSecond: 1 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await limited.api('/v1/me', { as: 'gold' })).status);
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      const refused = await limited.api('/v1/me', { as: 'gold' });
      const p = await expectProblem(refused, 429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(p.detail).toMatch(/Retry in/);
      expect((await limited.api('/v1/me', { as: 'free' })).status).toBe(200);
    } finally {
      await limited.stop();
    }
  });

  it('allows the service homepages and configured origins, and gives nothing to others', async () => {
    const preflight = (origin: string) =>
      h.api('/v1/incidents', {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type, idempotency-key',
        },
      });
    for (const origin of ['https://www.onetouchat.com', 'https://linksprinter.com', h.server.url]) {
      const response = await preflight(origin);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');
    }
    const evil = await preflight('https://evil.example');
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const get = await h.api('/v1/me', { as: 'gold', headers: { origin: 'https://www.onetouchat.com' } });
    expect(get.headers.get('access-control-expose-headers')).toContain('Retry-After');
  });

  it('adds a configured partner origin', async () => {
    const partner = await startHarness({ corsOrigins: ['https://partner.example'] });
    try {
      const response = await partner.api('/v1/health', { headers: { origin: 'https://partner.example' } });
      expect(response.headers.get('access-control-allow-origin')).toBe('https://partner.example');
    } finally {
      await partner.stop();
    }
  });

  it('sends standard security headers and a request id', async () => {
    const response = await h.api('/v1/me', { as: 'gold', headers: { 'x-request-id': 'trace-123' } });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-request-id')).toBe('trace-123');
    const list = await h.api('/v1/cases', { as: 'gold', headers: { origin: 'https://www.onetouchat.com' } });
    expect(list.headers.get('content-type')).toMatch(/^application\/json/);
    expect(list.headers.get('x-content-type-options')).toBe('nosniff');
    expect(list.headers.get('access-control-allow-origin')).toBe('https://www.onetouchat.com');
    expect(list.headers.get('cache-control')).toBe('no-store');
  });
});

describe('a valid incident still works after all that', () => {
  it('201', async () => {
    expect((await postIncident(h, 'gold', drafts.gold)).status).toBe(201);
    expect(await json(await h.api('/v1/health'))).toEqual({ status: 'ok' });
  });
});
