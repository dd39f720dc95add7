import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, ServerContext } from '../context.js';
import { setResponseHeader } from './headers.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** A request id on every response, and one JSON log line per request (never headers, tokens or bodies). */
export function requestLog(ctx: ServerContext, inFlight: { count: number }): MiddlewareHandler<AppEnv> {
  const logging = ctx.logger.isLevelEnabled('info');
  // The request line has fixed fields, none of them a header, a body or a query string: it needs none of
  // the logger's redaction paths, whose wildcard walk would cost more than writing the line.
  const lines = ctx.logger.child({}, { redact: { paths: [] } });
  return async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    c.set('requestId', requestId);
    setResponseHeader(c, 'x-request-id', requestId);
    inFlight.count++;
    const started = performance.now();
    try {
      await next();
    } finally {
      inFlight.count--;
    }
    if (logging) {
      lines.info({
        reqId: requestId,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        user: c.get('caller')?.user.id,
      });
    }
  };
}
