import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv, ServerContext } from '../context.js';
import type { CaseRow } from '../db/repository.js';
import { caseDto, feedbackDto } from '../domain/dto.js';
import { caseNumber } from '../domain/ids.js';
import { requireAgent, requireCustomer } from '../http/auth.js';
import { notFound, ProblemError } from '../http/problem.js';
import { apiRoutes, bearer, C, IdParam, jsonContent, problems } from './_shared.js';

const close = createRoute({
  method: 'post',
  path: '/v1/cases/{id}/close',
  summary: 'The customer closes a case',
  description:
    'The body is `{}`. Closing a closed case changes nothing and answers the same (idempotent). A closed case takes ' +
    'no reply.',
  security: bearer,
  request: {
    params: z.object({ id: IdParam }),
    body: { required: true, content: jsonContent(z.strictObject({})) },
  },
  responses: {
    200: { description: 'The closed case.', content: jsonContent(C.Case) },
    ...problems(400, 401, 403, 404, 413, 415, 429),
  },
});

const rate = createRoute({
  method: 'post',
  path: '/v1/cases/{id}/feedback',
  summary: "The customer rates a resolved or closed case's answer",
  description:
    'One rating per case: a new one replaces the earlier. Support engineers read them (`/v1/agent/feedback`).',
  security: bearer,
  request: {
    params: z.object({ id: IdParam }),
    body: { required: true, content: jsonContent(C.CaseFeedbackDraft) },
  },
  responses: {
    200: { description: 'The stored rating.', content: jsonContent(C.CaseFeedback) },
    ...problems(400, 401, 403, 404, 409, 413, 415, 429, 507),
  },
});

const ratings = createRoute({
  method: 'get',
  path: '/v1/agent/feedback',
  summary: "Support engineers: customers' latest ratings, newest first",
  security: bearer,
  request: {
    query: z.strictObject({ limit: z.coerce.number().int('must be a whole number').min(1).max(200).optional() }),
  },
  responses: {
    200: { description: 'The latest ratings.', content: jsonContent(C.AgentFeedbackList) },
    ...problems(400, 401, 403, 429),
  },
});

/** What a customer does to a case besides replying (close it, rate it), and the ratings engineers read. */
export function caseActionRoutes(ctx: ServerContext): OpenAPIHono<AppEnv> {
  const app = apiRoutes();

  async function answer(row: CaseRow) {
    const [attachments, comments, feedback] = await Promise.all([
      ctx.repo.attachments.list([row.id]),
      ctx.repo.cases.listComments(row.id),
      ctx.repo.feedback.get(row.id),
    ]);
    return caseDto(row, attachments, ctx.now(), ctx.zone, comments, feedback ?? null);
  }

  app.openapi(close, async (c) => {
    const caller = requireCustomer(c);
    const { id } = c.req.valid('param');
    let row = await ctx.repo.cases.get(id, caller.account.id);
    if (!row) throw notFound(`Case ${id}`);
    if (row.status !== 'closed') {
      await ctx.repo.cases.update(id, { status: 'closed', updated_at: ctx.now().getTime() });
      row = (await ctx.repo.cases.get(id, caller.account.id)) as CaseRow;
    }
    return c.json(await answer(row), 200);
  });

  app.openapi(rate, async (c) => {
    const caller = requireCustomer(c);
    const { id } = c.req.valid('param');
    const draft = c.req.valid('json');
    const row = await ctx.repo.cases.get(id, caller.account.id);
    if (!row) throw notFound(`Case ${id}`);
    if (row.status !== 'resolved' && row.status !== 'closed') {
      throw new ProblemError(409, 'conflict', 'Case not resolved', {
        detail: `Case ${id} is ${row.status}: it can be rated once support has resolved it.`,
      });
    }
    const stored = {
      case_id: id,
      user_id: caller.user.id,
      rating: draft.rating,
      comment: draft.comment ?? null,
      created_at: ctx.now().getTime(),
    };
    await ctx.repo.feedback.rate(stored);
    return c.json(feedbackDto(stored), 200);
  });

  app.openapi(ratings, async (c) => {
    requireAgent(c);
    const rows = await ctx.repo.feedback.latest(c.req.valid('query').limit ?? 50);
    const items = rows.map((row) => ({
      caseId: row.case_id,
      caseNumber: caseNumber(row.seq),
      subject: row.subject,
      status: row.status,
      feedback: feedbackDto(row),
    }));
    return c.json({ items }, 200);
  });
  return app;
}
