import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, json, startHarness } from './_lib/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

interface OpenApiDoc {
  openapi: string;
  paths: Record<string, Record<string, { security?: unknown; responses: Record<string, unknown> }>>;
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const response = await h.api('/v1/openapi.json');
    expect(response.status).toBe(200);
    const doc = await json<OpenApiDoc>(response);
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('documents every route of the API, with bearer security where a token is needed', async () => {
    const doc = await json<OpenApiDoc>(await h.api('/v1/openapi.json'));
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes.sort()).toEqual(
      [
        'GET /v1/health',
        'GET /v1/ready',
        'GET /v1/calendar',
        'GET /v1/me',
        'POST /v1/incidents',
        'GET /v1/cases',
        'GET /v1/cases/{id}',
        'POST /v1/cases/{id}/comments',
        'POST /v1/cases/{id}/close',
        'POST /v1/cases/{id}/feedback',
        'GET /v1/agent/feedback',
        'POST /v1/cases/{id}/attachments',
        'GET /v1/cases/{id}/attachments/{attachmentId}',
        'GET /v1/kb/search',
        'GET /v1/kb/articles/{slug}',
        'GET /v1/kb/articles/{slug}/vote',
        'PUT /v1/kb/articles/{slug}/vote',
        'GET /v1/agent/kb/votes',
        'GET /v1/payments/client-token',
        'POST /v1/subscriptions',
        'DELETE /v1/subscriptions/{id}',
        'GET /v1/billing/history',
        'GET /v1/agent/cases',
        'PATCH /v1/agent/cases/{id}',
        'POST /v1/tokens',
        'GET /v1/tokens',
        'DELETE /v1/tokens/{id}',
      ].sort(),
    );
    expect(doc.paths['/v1/incidents'].post.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/v1/incidents'].post.responses).toHaveProperty('403');
    expect(doc.paths['/v1/health'].get.security).toBeUndefined();
    expect(doc.paths['/v1/ready'].get.security).toBeUndefined();
    expect(doc.paths['/v1/billing/history'].get.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/v1/kb/articles/{slug}/vote'].put.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/v1/agent/kb/votes'].get.security).toEqual([{ bearer: [] }]);
  });

  it('carries the contract’s validation rules (one source: core/api/contract.ts)', async () => {
    const text = await (await h.api('/v1/openapi.json')).text();
    const doc = JSON.parse(text);
    const draft = doc.paths['/v1/incidents'].post.requestBody.content['application/json'].schema;
    expect(draft.additionalProperties).toBe(false);
    expect(draft.properties.subject).toMatchObject({ minLength: 5, maxLength: 200 });
    // The header a client must send with every submission, with the rule the server checks it by.
    const key = doc.paths['/v1/incidents'].post.parameters.find(
      (p: { in: string; name: string }) => p.in === 'header' && p.name === 'idempotency-key',
    );
    expect(key).toMatchObject({ required: true, schema: { type: 'string' } });
    expect('has spaces in it').not.toMatch(new RegExp(key.schema.pattern, 'u'));
    expect(crypto.randomUUID()).toMatch(new RegExp(key.schema.pattern, 'u'));
    // Every pattern is a valid Unicode regular expression.
    for (const match of text.matchAll(/"pattern":"((?:[^"\\]|\\.)*)"/g)) {
      expect(() => new RegExp(JSON.parse(`"${match[1]}"`), 'u')).not.toThrow();
    }
  });
});
