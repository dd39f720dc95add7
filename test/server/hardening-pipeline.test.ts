import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../core/index.js';
import { drafts, type Harness, json, newKey, postIncident, startHarness } from './_lib/harness.js';
import { rawExchange } from './_lib/raw-http.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ bodyTimeoutMs: 400, headersTimeoutMs: 400 });
});
afterAll(() => h.stop());

const MIB = 1024 * 1024;

/** A request's headers only: the body it announces never comes. */
function headersOnly(method: string, path: string, headers: Record<string, string | number>): string {
  const lines = [`${method} ${path} HTTP/1.1`, `Host: ${new URL(h.server.url).host}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

function nested(depth: number): string {
  return `{"subject":${'['.repeat(depth)}${']'.repeat(depth)}}`;
}

describe('a request is routed and authenticated before its body is read', () => {
  it('an anonymous POST announcing 1 MiB and sending only its headers gets 401 and the connection is closed', async () => {
    const answer = await rawExchange(
      h.server.url,
      headersOnly('POST', '/v1/incidents', {
        'Content-Type': 'application/json',
        'Content-Length': MIB,
        'Idempotency-Key': newKey(),
      }),
    );
    expect(answer.status).toBe(401);
    expect(answer.head.toLowerCase()).toContain('www-authenticate: bearer');
    expect((JSON.parse(answer.body) as Problem).type).toMatch(/unauthorized$/);
    expect(answer.closed).toBe(true);
  });

  it('an unknown token is refused the same way, before the body', async () => {
    const answer = await rawExchange(
      h.server.url,
      headersOnly('POST', '/v1/cases/case_x/comments', {
        Authorization: 'Bearer nst_not-a-real-token-at-all',
        'Content-Type': 'application/json',
        'Content-Length': MIB,
      }),
    );
    expect(answer.status).toBe(401);
    expect(answer.closed).toBe(true);
  });

  it('an unknown path or a wrong method is answered without reading the body', async () => {
    const unknown = await rawExchange(
      h.server.url,
      headersOnly('POST', '/v1/nothing-here', { 'Content-Type': 'application/json', 'Content-Length': MIB }),
    );
    expect(unknown.status).toBe(404);
    expect(unknown.closed).toBe(true);
    const wrongMethod = await rawExchange(
      h.server.url,
      headersOnly('PUT', '/v1/incidents', { 'Content-Type': 'application/json', 'Content-Length': MIB }),
    );
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.closed).toBe(true);
  });

  it('an anonymous request with a bad body gets 401, never the schema details', async () => {
    for (const body of ['{}', '{"serviceId":"nope","extra":1}', '{not json', nested(100)]) {
      const response = await h.api('/v1/incidents', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': newKey() },
        body,
      });
      expect(response.status).toBe(401);
      const problem = await json<Problem>(response);
      expect(problem.errors).toBeUndefined();
      expect(problem.detail).not.toMatch(/serviceId|subject|JSON/);
    }
  });
});

describe('a body is checked for depth before it is parsed', () => {
  it('nesting deeper than 32 levels from an authenticated caller → 400 naming the limit', async () => {
    const response = await h.api('/v1/incidents', {
      as: 'gold',
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': newKey() },
      body: nested(33),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = await json<Problem>(response);
    expect(problem.type).toMatch(/json-too-deep$/);
    expect(problem.detail).toMatch(/more than 32 levels/);
  });

  it('brackets inside strings do not count, and 32 levels reach the schema check', async () => {
    const inString = await postIncident(h, 'gold', { ...drafts.gold, description: `${'[{'.repeat(200)} a log line` });
    expect(inString.status).toBe(201);
    const response = await h.api('/v1/incidents', {
      as: 'gold',
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': newKey() },
      body: nested(31),
    });
    expect(response.status).toBe(400);
    expect((await json<Problem>(response)).type).toMatch(/validation$/);
  });
});

describe('a client that sends too slowly is cut off', () => {
  it('a body that stops arriving gets 408 and the connection is closed (400 ms configured)', async () => {
    const request = headersOnly('POST', '/v1/incidents', {
      Authorization: `Bearer ${h.server.demo.gold.token}`,
      'Content-Type': 'application/json',
      'Content-Length': 300,
      'Idempotency-Key': newKey(),
    });
    const cases = async () => (await json<{ items: unknown[] }>(await h.api('/v1/cases', { as: 'gold' }))).items.length;
    const before = await cases();
    const answer = await rawExchange(h.server.url, `${request}{"serviceId":"onetouchat",`);
    expect(answer.status).toBe(408);
    const problem = JSON.parse(answer.body) as Problem;
    expect(problem.type).toMatch(/request-timeout$/);
    expect(problem.detail).toMatch(/did not arrive within 0.4 s/);
    expect(answer.closed).toBe(true);
    // Nothing was filed, and the server goes on answering.
    expect(await cases()).toBe(before);
  });

  it('an upload that stops arriving gets 408 too', async () => {
    const created = await json<{ id: string }>(await postIncident(h, 'gold', drafts.gold));
    const request = headersOnly('POST', `/v1/cases/${created.id}/attachments`, {
      Authorization: `Bearer ${h.server.demo.gold.token}`,
      'Content-Type': 'multipart/form-data; boundary=x',
      'Content-Length': 5000,
    });
    const answer = await rawExchange(h.server.url, `${request}--x\r\nContent-Disposition: form-data; name="file"`);
    expect(answer.status).toBe(408);
    expect(answer.closed).toBe(true);
    const list = await json<{ attachments: unknown[] }>(await h.api(`/v1/cases/${created.id}`, { as: 'gold' }));
    expect(list.attachments).toEqual([]);
  });

  it('headers that stop arriving get 408 and the connection is closed (400 ms configured)', async () => {
    const answer = await rawExchange(h.server.url, `GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: `);
    expect(answer.status).toBe(408);
    expect(answer.closed).toBe(true);
  });
});

describe('a wrong method on a known path', () => {
  it('→ 405 with Allow listing the methods registered for that path', async () => {
    const cases: [string, string, string][] = [
      ['PUT', '/v1/incidents', 'POST, OPTIONS'],
      ['GET', '/v1/incidents', 'POST, OPTIONS'],
      ['DELETE', '/v1/cases', 'GET, HEAD, OPTIONS'],
      ['POST', '/v1/cases/case_123', 'GET, HEAD, OPTIONS'],
      ['PATCH', '/v1/subscriptions/sub_1', 'DELETE, OPTIONS'],
      ['POST', '/v1/health', 'GET, HEAD, OPTIONS'],
    ];
    for (const [method, path, allow] of cases) {
      const response = await h.api(path, {
        as: 'gold',
        method,
        headers: { 'content-type': 'application/json' },
        body: method === 'GET' ? undefined : '{}',
      });
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.headers.get('allow')).toBe(allow);
      const problem = await json<Problem>(response);
      expect(problem.type).toMatch(/method-not-allowed$/);
      expect(problem.detail).toContain(method);
    }
  });

  it('OPTIONS without a CORS preflight answers 204 with Allow', async () => {
    const response = await h.api('/v1/cases/case_123/attachments', { method: 'OPTIONS' });
    expect(response.status).toBe(204);
    expect(response.headers.get('allow')).toBe('POST, OPTIONS');
  });
});
