import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv, ServerContext } from '../context.js';
import { issuePersonalToken, personalTokenDto } from '../domain/personal-tokens.js';
import { requireCaller } from '../http/auth.js';
import { notFound, ProblemError } from '../http/problem.js';
import { apiRoutes, bearer, C, IdParam, jsonContent, problems } from './_shared.js';

/** How many personal tokens one user may hold: enough for every script, not a table to fill. */
export const MAX_TOKENS_PER_USER = 50;

const create = createRoute({
  method: 'post',
  path: '/v1/tokens',
  summary: 'Make a personal API token for scripts and curl (the secret is shown once)',
  description: `At most ${MAX_TOKENS_PER_USER} tokens per user; each lives at most 365 days. Only its hash is stored.`,
  security: bearer,
  request: { body: { required: true, content: jsonContent(C.PersonalTokenRequest) } },
  responses: {
    201: { description: 'The new token, with its secret: store it now.', content: jsonContent(C.NewPersonalToken) },
    ...problems(400, 401, 409, 413, 415, 429),
  },
});

const list = createRoute({
  method: 'get',
  path: '/v1/tokens',
  summary: "The caller's personal API tokens, newest first (never their secrets)",
  security: bearer,
  responses: {
    200: { description: 'The tokens.', content: jsonContent(C.PersonalTokenList) },
    ...problems(401, 429),
  },
});

const revoke = createRoute({
  method: 'delete',
  path: '/v1/tokens/{id}',
  summary: 'Revoke a personal API token: it is refused within 2 seconds on every process serving the API',
  security: bearer,
  request: { params: z.object({ id: IdParam }) },
  responses: { 204: { description: 'Revoked.' }, ...problems(400, 401, 404, 429) },
});

/** Personal API tokens: make, list, revoke. */
export function tokenRoutes(ctx: ServerContext): OpenAPIHono<AppEnv> {
  const app = apiRoutes();
  const accounts = ctx.repo.accounts;

  app.openapi(create, async (c) => {
    const { user } = requireCaller(c);
    const { name, expiresInDays } = c.req.valid('json');
    if ((await accounts.listTokens(user.id)).length >= MAX_TOKENS_PER_USER) {
      throw new ProblemError(409, 'too-many-tokens', 'Too many tokens', {
        detail: `A user may hold at most ${MAX_TOKENS_PER_USER} personal tokens: revoke one first.`,
      });
    }
    return c.json(await issuePersonalToken(ctx.repo, user.id, name, expiresInDays, ctx.now()), 201);
  });

  app.openapi(list, async (c) => {
    const { user } = requireCaller(c);
    return c.json({ items: (await accounts.listTokens(user.id)).map(personalTokenDto) }, 200);
  });

  app.openapi(revoke, async (c) => {
    const { user } = requireCaller(c);
    const { id } = c.req.valid('param');
    if (!(await accounts.deleteToken(user.id, id))) throw notFound(`Token ${id}`);
    return c.body(null, 204);
  });
  return app;
}
