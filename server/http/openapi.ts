import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';

/** The OpenAPI 3.1 document of every route mounted on `app`. */
export function openApiDocument(app: OpenAPIHono<AppEnv>) {
  return app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'NetScout Support API',
      version: '1.0.0',
      description:
        'Incidents, cases, entitlement, knowledge base and payments for NETSCOUT subscription services. ' +
        'Errors are RFC 9457 problem documents (`application/problem+json`).',
    },
    servers: [{ url: '/' }],
  });
}

/** Serves the document at `GET /v1/openapi.json`, generated on the first request (every route is mounted). */
export function serveOpenApi(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description:
      'A personal API token (`POST /v1/tokens`), or an access token (JWT, RFC 9068) from the sign-in server ' +
      '(`/.well-known/openid-configuration`) or the configured external issuer: `Authorization: Bearer <token>`.',
  });
  let document: string | undefined;
  app.get('/v1/openapi.json', (c) => {
    document ??= JSON.stringify(fixPatterns(openApiDocument(app)));
    return c.body(document, 200, { 'content-type': 'application/json; charset=utf-8' });
  });
}

/**
 * The generator writes a regex with the `u` flag as `…$/u` (the flag leaks into the pattern). JSON Schema
 * patterns are ECMA-262 with Unicode semantics already: drop the leaked suffix.
 */
function fixPatterns<T>(value: T): T {
  if (Array.isArray(value)) return value.map(fixPatterns) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] = key === 'pattern' && typeof v === 'string' ? v.replace(/\/u$/, '') : fixPatterns(v);
    }
    return out as T;
  }
  return value;
}
