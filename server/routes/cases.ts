import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context, TypedResponse } from 'hono';
import type { CaseListPage } from '../../core/index.js';
import type { AppEnv, ServerContext } from '../context.js';
import type { CaseHead, CaseQuery } from '../db/repository.js';
import { CaseListRenderer, caseDto, type JsonText } from '../domain/dto.js';
import { requireCaller, requireCustomer } from '../http/auth.js';
import { conditionalJson } from '../http/etag.js';
import { notFound, ProblemError } from '../http/problem.js';
import { apiRoutes, bearer, C, IdParam, idempotencyKey, jsonContent, problems } from './_shared.js';
import { postReply } from './replies.js';

/** A conditional read: the entity tag of the answer the client holds. */
export const Conditional = z.object({ 'if-none-match': z.string().max(1000).optional() });

/** The `304` of a conditional read, for the OpenAPI document. */
export const notModified = { 304: { description: 'Not modified: the entity tag in `If-None-Match` is current.' } };

export const CaseListQuery = z.strictObject({
  status: C.CaseStatus.optional(),
  serviceId: IdParam.optional(),
  updatedSince: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).optional(),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, 'must be a cursor returned by a previous page')
    .optional(),
  limit: z.coerce.number().int('must be a whole number').min(1).max(100).optional(),
});

const list = createRoute({
  method: 'get',
  path: '/v1/cases',
  summary: "The account's cases, most recently updated first, each with its SLA status computed now",
  description: 'Answers carry a weak `ETag`; with `If-None-Match` naming it, `304 Not Modified` while nothing changed.',
  security: bearer,
  request: { query: CaseListQuery, headers: Conditional },
  responses: {
    200: { description: 'A page of cases.', content: jsonContent(C.CaseListPage) },
    ...notModified,
    ...problems(400, 401, 429),
  },
});

const detail = createRoute({
  method: 'get',
  path: '/v1/cases/{id}',
  summary: 'One case with its comments and rating',
  description:
    "Read by its customer, the case's answers are no longer new to them (`unread` in the list). Weak `ETag`, " +
    '`304 Not Modified` as for the list.',
  security: bearer,
  request: { params: z.object({ id: IdParam }), headers: Conditional },
  responses: {
    200: { description: 'The case.', content: jsonContent(C.Case) },
    ...notModified,
    ...problems(400, 401, 404, 429),
  },
});

const comment = createRoute({
  method: 'post',
  path: '/v1/cases/{id}/comments',
  summary: "The customer's reply on a case",
  security: bearer,
  description:
    'With an `Idempotency-Key`, a retry with the same key and body returns the first comment ' +
    '(`Idempotent-Replayed: true`) and the same key with another body is refused with 422. Files come after, ' +
    "each posted to the case's attachments with `commentId`.",
  request: {
    params: z.object({ id: IdParam }),
    headers: z.object({ 'idempotency-key': idempotencyKey('reply').optional() }),
    body: { required: true, content: jsonContent(C.CommentDraft) },
  },
  responses: {
    201: { description: 'The comment (or the one first posted with this key).', content: jsonContent(C.Comment) },
    ...problems(400, 401, 404, 409, 413, 415, 422, 429, 507),
  },
});

export function encodeCursor(row: CaseHead): string {
  return Buffer.from(`${row.updated_at}.${row.seq}`).toString('base64url');
}

function decodeCursor(cursor: string): { updatedAt: number; seq: number } {
  const match = /^(\d{1,16})\.(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString('latin1'));
  if (!match) {
    throw new ProblemError(400, 'validation', 'The request is not valid', {
      detail: 'Invalid query: cursor must be a cursor returned by a previous page',
      errors: [{ path: 'cursor', message: 'must be a cursor returned by a previous page' }],
    });
  }
  return { updatedAt: Number(match[1]), seq: Number(match[2]) };
}

/** The list route answers pre-rendered JSON text; for the route's types it is a `CaseListPage`. */
export type TypedCaseList = TypedResponse<CaseListPage, 200, 'json'>;

const renderer = new WeakMap<ServerContext, CaseListRenderer>();

/** One page of cases as JSON text (shared by the customer list and the support engineers' list). */
export async function casePage(
  ctx: ServerContext,
  accountId: string | null,
  query: z.infer<typeof CaseListQuery>,
): Promise<JsonText> {
  const limit = query.limit ?? 20;
  const q: CaseQuery = {
    accountId,
    status: query.status,
    serviceId: query.serviceId,
    updatedSince: query.updatedSince ? Date.parse(query.updatedSince) : undefined,
    after: query.cursor ? decodeCursor(query.cursor) : undefined,
    limit: limit + 1,
  };
  const rows = await ctx.repo.cases.list(q);
  const page = rows.slice(0, limit);
  let view = renderer.get(ctx);
  if (!view) {
    view = new CaseListRenderer(ctx.zone);
    renderer.set(ctx, view);
  }
  const missing = view.misses(page);
  const full = await ctx.repo.cases.getBySeq(missing);
  const attachments = await ctx.repo.attachments.list(full.map((row) => row.id));
  const nextCursor = rows.length > limit ? encodeCursor(page[page.length - 1]) : null;
  return view.render(page, full, attachments, ctx.now(), nextCursor);
}

/** A page already rendered as JSON shaped as `CaseListPage`, with its length known (or `304`, see `etag.ts`). */
export function jsonText(c: Context, page: JsonText): Response {
  return conditionalJson(c, page.json, page.bytes);
}

/** The page with the ids of the cases whose latest answer the caller has not opened (`unread`). */
function withUnread(page: JsonText, unread: readonly string[]): JsonText {
  const field = `,"unread":${JSON.stringify(unread)}}`; // ids are ASCII
  return { json: page.json.slice(0, -1) + field, bytes: page.bytes - 1 + field.length };
}

/** The caller's cases: the list, one case, and comments. */
export function caseRoutes(ctx: ServerContext): OpenAPIHono<AppEnv> {
  const app = apiRoutes();
  app.openapi(list, async (c) => {
    const caller = requireCustomer(c);
    const [page, unread] = await Promise.all([
      casePage(ctx, caller.account.id, c.req.valid('query')),
      ctx.repo.feedback.unread(caller.user.id, caller.account.id),
    ]);
    return jsonText(c, withUnread(page, unread)) as unknown as TypedCaseList;
  });

  app.openapi(detail, async (c) => {
    const caller = requireCaller(c);
    const { id } = c.req.valid('param');
    // Support engineers see every case; a customer only their account's (another's is "not found").
    const row = await ctx.repo.cases.get(id, caller.user.role === 'agent' ? null : caller.account.id);
    if (!row) throw notFound(`Case ${id}`);
    const [attachments, comments, feedback] = await Promise.all([
      ctx.repo.attachments.list([id]),
      ctx.repo.cases.listComments(id),
      ctx.repo.feedback.get(id),
    ]);
    const lastAnswer = comments.findLast((comment) => comment.author_kind === 'agent');
    if (lastAnswer && caller.user.role === 'customer') {
      // Reading never fails for want of recording the read (a full disk): the answer then stays "new".
      await ctx.repo.feedback
        .markRead(caller.user.id, id, ctx.now().getTime(), lastAnswer.created_at)
        .catch((error: unknown) =>
          ctx.logger.warn({ err: error, caseId: id }, 'could not record that a case was read'),
        );
    }
    const dto = caseDto(row, attachments, ctx.now(), ctx.zone, comments, feedback ?? null);
    return conditionalJson(c, JSON.stringify(dto)) as unknown as TypedResponse<typeof dto, 200, 'json'>;
  });

  app.openapi(comment, async (c) => {
    const caller = requireCustomer(c);
    const { id } = c.req.valid('param');
    const { body } = c.req.valid('json');
    const key = c.req.valid('header')['idempotency-key'];
    const { reply, replayed } = await postReply(ctx, caller, id, body, key);
    if (replayed) c.header('idempotent-replayed', 'true');
    return c.json(reply, 201);
  });
  return app;
}
