import type { IncomingMessage } from 'node:http';
import type { MiddlewareHandler, Next } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../context.js';
import { ATTACHMENT_BODY_LIMIT } from '../routes/attachments.js';
import { JSON_BODY_LIMIT, jsonBody, tooLarge } from './json-body.js';

const ATTACHMENT_PATH = /^\/v1\/cases\/[^/]+\/attachments$/;

/**
 * The size guard of every request body, run once the request is routed and its caller known: uploads may
 * be up to {@link ATTACHMENT_BODY_LIMIT}, every other body is JSON of at most {@link JSON_BODY_LIMIT},
 * read and parsed here ({@link jsonBody}). A declared length over the limit is refused from the header.
 */
export function requestBody(): MiddlewareHandler<AppEnv> {
  const json = jsonBody(JSON_BODY_LIMIT);
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
    const attachment = ATTACHMENT_PATH.test(c.req.path);
    // On Node the JSON guard reads the request stream itself and counts a chunked body as it arrives.
    const node = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming !== undefined;
    if (!attachment && method !== 'DELETE' && node) return json(c, next);
    // Attachments and DELETE have their own body handling; every other body is JSON.
    const read: Next =
      attachment || method === 'DELETE'
        ? next
        : async () => {
            await json(c, next);
          };
    const limit = attachment ? ATTACHMENT_BODY_LIMIT : JSON_BODY_LIMIT;
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (Number(length) > limit) throw tooLarge(limit);
      return read();
    }
    return bodyLimit({
      maxSize: limit,
      onError: () => {
        throw tooLarge(limit);
      },
    })(c, read);
  };
}
