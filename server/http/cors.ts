import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';
import { setResponseHeader } from './headers.js';

const ALLOW_HEADERS = 'Authorization, Content-Type, Idempotency-Key, If-None-Match, X-Request-Id';
const EXPOSE_HEADERS = 'ETag, Retry-After, Location, Idempotent-Replayed, X-Request-Id, X-Payment-Gateway';

/**
 * CORS for an allowlist of origins; preflights are answered here. Tokens are headers, never cookies.
 *
 * Not `hono/cors`: it sets its headers on the context's `Response` before the handler and appends `Vary`
 * after it, so Hono builds and then rebuilds a Fetch `Response` for every API answer. Measured with
 * `BENCH_DURATION=5 BENCH_DRY_RUN=1 npx tsx test/bench/server.bench.ts`, same machine, minutes apart:
 * `GET /v1/health` fell from about 21,000 to 7,800 req/s (server CPU 47 to 133 µs a request), and every
 * route with it. The headers here go straight onto Node's response (`headers.ts`); the tests of
 * `bad-input`, `hardening-limits` and `hardening-pipeline` pass with either.
 */
export function corsHeaders(isAllowedOrigin: (origin: string) => boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const origin = c.req.header('origin');
    const allowed = origin !== undefined && isAllowedOrigin(origin);
    if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method') !== undefined) {
      c.header('vary', 'Origin, Access-Control-Request-Headers');
      if (allowed) {
        c.header('access-control-allow-origin', origin);
        c.header('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS');
        c.header('access-control-allow-headers', ALLOW_HEADERS);
        c.header('access-control-max-age', '600');
      }
      return c.body(null, 204);
    }
    setResponseHeader(c, 'vary', 'Origin');
    if (allowed) {
      setResponseHeader(c, 'access-control-allow-origin', origin);
      setResponseHeader(c, 'access-control-expose-headers', EXPOSE_HEADERS);
    }
    return next();
  };
}
