import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { KbVote } from '../../core/index.js';
import type { AppEnv, ServerContext } from '../context.js';
import type { KbVoteRow } from '../db/repository.js';
import { requireAgent, requireCaller } from '../http/auth.js';
import { notFound } from '../http/problem.js';
import { apiRoutes, bearer, C, jsonContent, problems } from './_shared.js';

const Slug = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,100}$/, 'must be an article slug') });

const put = createRoute({
  method: 'put',
  path: '/v1/kb/articles/{slug}/vote',
  summary: '"Was this helpful?": the caller’s answer about an article',
  description:
    'One answer per user and article, whatever the language read: sending it again changes it (or repeats it, ' +
    'with no other effect).',
  security: bearer,
  request: { params: Slug, body: { required: true, content: jsonContent(C.KbVoteRequest) } },
  responses: {
    200: { description: 'The answer now recorded.', content: jsonContent(C.KbVote) },
    ...problems(400, 401, 404, 413, 415, 429),
  },
});

const get = createRoute({
  method: 'get',
  path: '/v1/kb/articles/{slug}/vote',
  summary: 'The caller’s own answer about an article (`helpful` null when none)',
  security: bearer,
  request: { params: Slug },
  responses: {
    200: { description: 'The caller’s answer.', content: jsonContent(C.KbVote) },
    ...problems(400, 401, 404, 429),
  },
});

const counts = createRoute({
  method: 'get',
  path: '/v1/agent/kb/votes',
  summary: 'Support engineers: how many readers found each article helpful, and how many did not',
  security: bearer,
  responses: {
    200: { description: 'Counts per article.', content: jsonContent(C.KbVoteCounts) },
    ...problems(401, 403, 429),
  },
});

const voteDto = (slug: string, row: KbVoteRow | undefined): KbVote => ({
  slug,
  helpful: row ? row.helpful === 1 : null,
  votedAt: row ? new Date(row.voted_at).toISOString() : null,
});

/** "Was this helpful?" on self-help articles: each user's own answer, and the counts for support engineers. */
export function kbFeedbackRoutes(ctx: ServerContext): OpenAPIHono<AppEnv> {
  const app = apiRoutes();
  const known = async (slug: string) => {
    if (!(await ctx.repo.kb.get(slug, 'en')) && !(await ctx.repo.kb.get(slug, 'fr'))) {
      throw notFound(`Article ${slug}`);
    }
  };

  app.openapi(put, async (c) => {
    const caller = requireCaller(c);
    const { slug } = c.req.valid('param');
    const { helpful } = c.req.valid('json');
    await known(slug);
    const row: KbVoteRow = {
      user_id: caller.user.id,
      slug,
      account_id: caller.account.id,
      helpful: helpful ? 1 : 0,
      voted_at: ctx.now().getTime(),
    };
    await ctx.repo.kb.vote(row);
    return c.json(voteDto(slug, await ctx.repo.kb.getVote(caller.user.id, slug)), 200);
  });

  app.openapi(get, async (c) => {
    const caller = requireCaller(c);
    const { slug } = c.req.valid('param');
    await known(slug);
    return c.json(voteDto(slug, await ctx.repo.kb.getVote(caller.user.id, slug)), 200);
  });

  app.openapi(counts, async (c) => {
    requireAgent(c);
    return c.json({ items: await ctx.repo.kb.voteCounts() }, 200);
  });
  return app;
}
