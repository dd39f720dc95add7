import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Problem, RefusalReason, UpgradePath } from '../../core/index.js';

/** Stable problem codes: the `type` URI ends with one, and clients branch on it. */
export type ProblemCode =
  | 'validation'
  | 'malformed-json'
  | 'unsupported-media-type'
  | 'body-too-large'
  | 'json-too-deep'
  | 'request-timeout'
  | 'unauthorized'
  | 'forbidden'
  | 'not-entitled'
  | 'not-found'
  | 'method-not-allowed'
  | 'idempotency-key-reused'
  | 'idempotency-key-required'
  | 'conflict'
  | 'too-many-attachments'
  | 'storage-quota-exceeded'
  | 'too-many-tokens'
  | 'insufficient-storage'
  | 'payment-declined'
  | 'payment-failed'
  | 'payment-unavailable'
  | 'not-ready'
  | 'rate-limited'
  | 'unavailable'
  | 'internal';

export const PROBLEM_BASE = 'https://support.netscout.example/problems/';

/** An error that becomes an RFC 9457 problem document. Thrown anywhere in a handler. */
export class ProblemError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ProblemCode,
    readonly title: string,
    readonly extra: {
      detail?: string;
      errors?: { path: string; message: string }[];
      reason?: RefusalReason | 'no-subscription';
      upgrade?: UpgradePath;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(extra.detail ?? title);
    this.name = 'ProblemError';
  }
}

/** The problem document of `error` for a request to `path`, as JSON text. */
export function problemJson(path: string, error: ProblemError): string {
  const body: Problem = {
    type: PROBLEM_BASE + error.code,
    title: error.title,
    status: error.status,
    ...(error.extra.detail ? { detail: error.extra.detail } : {}),
    instance: path,
    ...(error.extra.errors ? { errors: error.extra.errors } : {}),
    ...(error.extra.reason ? { reason: error.extra.reason } : {}),
    ...(error.extra.upgrade ? { upgrade: error.extra.upgrade } : {}),
  };
  return JSON.stringify(body);
}

/** Writes a problem document (`application/problem+json`). */
export function problemResponse(c: Context, error: ProblemError): Response {
  // Through the context, so the headers set before the handler (security, CORS, request id) are kept.
  return c.body(problemJson(c.req.path, error), error.status, {
    'content-type': 'application/problem+json',
    ...error.extra.headers,
  });
}

export const notFound = (what: string) =>
  new ProblemError(404, 'not-found', 'Not found', { detail: `${what} was not found.` });

interface IssueLike {
  code?: string;
  path: readonly PropertyKey[];
  message: string;
  keys?: readonly string[];
}

/** Turns zod issues into the problem's `errors[]`: one entry per offending field, named by its path. */
export function issuesToErrors(issues: readonly IssueLike[], where: string): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  for (const issue of issues) {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys' && issue.keys) {
      for (const key of issue.keys)
        errors.push({ path: base ? `${base}.${key}` : key, message: 'is not a known field' });
      continue;
    }
    errors.push({ path: base || where, message: issue.message });
  }
  return errors;
}

export function validationProblem(where: string, errors: { path: string; message: string }[]): ProblemError {
  const list = errors.map((e) => `${e.path} ${e.message}`).join('; ');
  return new ProblemError(400, 'validation', 'The request is not valid', {
    detail: `Invalid ${where}: ${list}`.slice(0, 2000),
    errors,
  });
}
