import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv, ServerContext } from '../context.js';
import type { CaseRow, CommentRow } from '../db/repository.js';
import { caseDto } from '../domain/dto.js';
import { newId } from '../domain/ids.js';
import { requireAgent } from '../http/auth.js';
import { notFound, ProblemError } from '../http/problem.js';
import { answerMail } from '../mail/outbox.js';
import { apiRoutes, bearer, C, IdParam, jsonContent, problems } from './_shared.js';
import { CaseListQuery, casePage, jsonText, type TypedCaseList } from './cases.js';

const list = createRoute({
  method: 'get',
  path: '/v1/agent/cases',
  summary: 'Support engineers: cases of every account',
  security: bearer,
  request: { query: CaseListQuery },
  responses: {
    200: { description: 'A page of cases.', content: jsonContent(C.CaseListPage) },
    ...problems(400, 401, 403, 429),
  },
});

const update = createRoute({
  method: 'patch',
  path: '/v1/agent/cases/{id}',
  summary: 'Support engineers: respond to a case and/or change its status',
  description: 'A `response` is an agent comment; the first one sets `firstResponseAt` (which settles the SLA).',
  security: bearer,
  request: {
    params: z.object({ id: IdParam }),
    body: { required: true, content: jsonContent(C.AgentCaseUpdate) },
  },
  responses: {
    200: { description: 'The updated case.', content: jsonContent(C.Case) },
    ...problems(400, 401, 403, 404, 413, 415, 429),
  },
});

/** The support engineers' routes: every case, and status changes with a response. */
export function agentRoutes(ctx: ServerContext): OpenAPIHono<AppEnv> {
  const app = apiRoutes();
  app.openapi(list, async (c) => {
    requireAgent(c);
    return jsonText(c, await casePage(ctx, null, c.req.valid('query'))) as unknown as TypedCaseList;
  });

  app.openapi(update, async (c) => {
    const agent = requireAgent(c);
    const { id } = c.req.valid('param');
    const change = c.req.valid('json');
    if (change.status === undefined && change.response === undefined) {
      throw new ProblemError(400, 'validation', 'The request is not valid', {
        detail: 'Send a status, a response, or both.',
        errors: [{ path: 'status', message: 'status or response is required' }],
      });
    }
    const row = await ctx.repo.cases.get(id, null);
    if (!row) throw notFound(`Case ${id}`);
    const at = ctx.now().getTime();
    const changes: Partial<Pick<CaseRow, 'status' | 'updated_at' | 'first_response_at'>> = { updated_at: at };
    let comment: CommentRow | undefined;
    if (change.response !== undefined) {
      comment = {
        id: newId('cmt'),
        case_id: id,
        author_kind: 'agent',
        author_name: agent.user.name,
        body: change.response,
        created_at: at,
      };
      if (row.first_response_at === null) changes.first_response_at = at;
      // Answering a new case starts work on it, unless the engineer says otherwise.
      if (change.status === undefined && row.status === 'new') changes.status = 'in-progress';
    }
    if (change.status !== undefined) changes.status = change.status;
    // The customer hears of the answer by mail, queued with the answer itself.
    const customer = comment && (await ctx.repo.accounts.findUser(row.user_id));
    const mail = comment && customer ? answerMail(row, comment.id, customer.user.email, at) : undefined;
    await ctx.repo.cases.update(id, changes, comment, mail);
    if (mail) ctx.mail.nudge();
    const updated = (await ctx.repo.cases.get(id, null)) as CaseRow;
    const [attachments, comments, feedback] = await Promise.all([
      ctx.repo.attachments.list([id]),
      ctx.repo.cases.listComments(id),
      ctx.repo.feedback.get(id),
    ]);
    return c.json(caseDto(updated, attachments, ctx.now(), ctx.zone, comments, feedback ?? null), 200);
  });
  return app;
}
