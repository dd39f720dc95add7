import { OpenAPIHono, z } from '@hono/zod-openapi';
import { classicContract } from '../../core/api/schemas.classic.js';
import type { AppEnv } from '../context.js';
import { issuesToErrors, validationProblem } from '../http/problem.js';

/** The contract's classic-zod schemas: the one source for validation and the OpenAPI document. */
export const C = classicContract;

const WHERE: Record<string, string> = {
  json: 'body',
  query: 'query',
  param: 'path',
  header: 'header',
  form: 'form',
};

/**
 * A group of routes, mounted on the app with `app.route('/', …)` (which carries their OpenAPI definitions
 * over). A request the contract refuses is answered with a problem document naming each offending field.
 */
export function apiRoutes(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const where = WHERE[result.target] ?? result.target;
        throw validationProblem(where, issuesToErrors(result.error.issues, where));
      }
    },
  });
}

const problemContent = { 'application/problem+json': { schema: C.Problem } };

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'The request is not valid (the problem lists each offending field).',
  401: 'Missing or invalid bearer token.',
  402: 'The payment was declined.',
  403: 'Not allowed (for a refusal of support: `reason` and `upgrade` say why and the way up).',
  404: 'Not found (also for an object of another account).',
  409: 'Conflicts with the current state.',
  413: 'The body is too large.',
  415: 'Unsupported media type.',
  422: 'Understood but refused (for example, an idempotency key reused with a different body).',
  429: 'Too many requests: see `Retry-After`.',
  507: 'The server is out of storage space for now: retry after `Retry-After` seconds.',
};

/** Problem responses for a route's documentation. */
export function problems(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: PROBLEM_DESCRIPTIONS[status] ?? 'Error', content: problemContent },
    ]),
  );
}

export const bearer = [{ bearer: [] }];

/**
 * The `Idempotency-Key` header of a request that must not take effect twice (`what`: an incident, a
 * purchase): the same key with the same body replays the first answer, with another body it is refused.
 */
export const idempotencyKey = (what: string) =>
  z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? `is required: send a new unique key (a UUID) with each ${what}, and the same key when you retry it`
          : undefined,
    })
    .regex(/^[\x21-\x7e]{1,255}$/, 'must be 1–255 visible ASCII characters (a UUID is a good choice)');

/** A path parameter holding an identifier. */
export const IdParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an identifier (letters, digits, - and _)');

export const jsonContent = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
