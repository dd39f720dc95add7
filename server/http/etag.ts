import { createHash } from 'node:crypto';
import type { Context } from 'hono';

/**
 * `remainingMs` is support time left computed at the instant of the request: it differs on every request
 * while nothing about the case changed, and every client recomputes its countdown from `dueAt`. The
 * validator leaves it out, which makes it a weak one (RFC 9110 §8.8.1: the same meaning, not the same bytes).
 */
const CLOCK_DEPENDENT = /"remainingMs":-?[0-9.e+-]+/g;

/** The weak entity tag of a JSON answer. */
export function weakEtag(json: string): string {
  const digest = createHash('sha1').update(json.replace(CLOCK_DEPENDENT, '')).digest('base64url');
  return `W/"${digest}"`;
}

/** Whether `If-None-Match` names `etag` (weak comparison, as RFC 9110 §13.1.2 asks for GET). */
export function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return ifNoneMatch.split(',').some((tag) => opaque(tag) === wanted);
}

/**
 * A JSON answer with its entity tag, or `304 Not Modified` when the client already holds it: a widget that
 * keeps an open case or the list up to date pays a few hundred bytes per look while nothing changes.
 * `bytes`: the UTF-8 length of `json`, when already known.
 */
export function conditionalJson(c: Context, json: string, bytes?: number): Response {
  const etag = weakEtag(json);
  if (matches(c.req.header('if-none-match'), etag)) return c.body(null, 304, { etag });
  const length = String(bytes ?? Buffer.byteLength(json));
  return c.body(json, 200, { 'content-type': 'application/json', 'content-length': length, etag });
}
