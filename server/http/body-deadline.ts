import type { IncomingMessage, ServerResponse } from 'node:http';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';
import { ProblemError, problemJson } from './problem.js';

/** The default of `NETSCOUT_BODY_TIMEOUT_MS`: how long a request body (up to 1 MiB) may take to arrive. */
export const DEFAULT_BODY_TIMEOUT_MS = 10_000;

const MIB = 1024 * 1024;

/**
 * Cuts off a request body that arrives too slowly: `timeoutMs` for each started MiB the request declares
 * (a JSON body gets `timeoutMs`, a 10 MiB upload eleven times that), counted from when its headers were
 * read. When it expires before the body has arrived, the client gets `408` (unless an answer has started)
 * and the connection is closed; whatever the handler answers afterwards is dropped.
 *
 * Node's own `requestTimeout` is one figure for every request, checked on a coarse interval, and answers
 * 408 without a body; this deadline fits the size of each request and answers with a problem document.
 */
export function bodyDeadline(timeoutMs: number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const env = c.env as { incoming?: IncomingMessage; outgoing?: ServerResponse } | undefined;
    const incoming = env?.incoming;
    const outgoing = env?.outgoing;
    if (!incoming || !outgoing || incoming.complete) return next();
    const length = c.req.header('content-length');
    if ((length === undefined || length === '0') && c.req.header('transfer-encoding') === undefined) return next();
    const declared = Number(length ?? 0) || 0;
    const allowed = timeoutMs * Math.max(1, Math.ceil(declared / MIB));
    let expired = false;
    const timer = setTimeout(() => {
      if (incoming.complete) return;
      expired = true;
      const error = new ProblemError(408, 'request-timeout', 'Request body too slow', {
        detail: `The request body did not arrive within ${allowed / 1000} s; the connection is closed.`,
      });
      if (outgoing.headersSent) {
        incoming.destroy();
        return;
      }
      const body = problemJson(c.req.path, error);
      outgoing.writeHead(408, {
        'content-type': 'application/problem+json',
        'content-length': Buffer.byteLength(body),
        connection: 'close',
      });
      // Destroying the request once the answer is out closes the connection and ends the reader waiting for
      // the rest of the body (an answered request is no longer aborted when its socket closes).
      outgoing.end(body, () => incoming.destroy());
    }, allowed);
    try {
      await next();
    } finally {
      clearTimeout(timer);
    }
    if (expired) {
      // Cleared first: assigning over a response merges the two into a new one, which the Node adapter
      // would write again. This marker, as it is, tells the adapter the answer has gone out.
      c.res = undefined;
      c.res = RESPONSE_ALREADY_SENT;
    }
  };
}
