import crypto from 'node:crypto';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import {
  addSupportTime,
  computeEntitlement,
  type Entitlement,
  findService,
  type IncidentDraft,
} from '../../core/index.js';
import type { AppEnv, Caller, ServerContext } from '../context.js';
import type { IdempotencyRow, NewCase, SubscriptionRow } from '../db/repository.js';
import { caseDto, planHolds, subscriptionDto } from '../domain/dto.js';
import { newId } from '../domain/ids.js';
import { requireCustomer } from '../http/auth.js';
import { setResponseHeader } from '../http/headers.js';
import { issuesToErrors, ProblemError, validationProblem } from '../http/problem.js';
import { confirmationMail } from '../mail/outbox.js';
import { languageFrom } from '../mail/texts.js';
import { apiRoutes, bearer, C, idempotencyKey, jsonContent, problems } from './_shared.js';

const IdempotencyKey = idempotencyKey('incident');

const SubmitHeaders = z.object({ 'idempotency-key': IdempotencyKey });

const submit = createRoute({
  method: 'post',
  path: '/v1/incidents',
  summary: 'Submit an incident (premium support only)',
  description:
    'The server receipt time starts the first-response clock. Retrying with the same `Idempotency-Key` and the ' +
    'same body replays the first response; the same key with a different body is refused with 422.',
  security: bearer,
  request: {
    headers: SubmitHeaders,
    body: { required: true, content: jsonContent(C.IncidentDraft) },
  },
  responses: {
    201: {
      description: 'The case, durably stored (also the replay of an earlier identical submission).',
      content: jsonContent(C.Case),
    },
    ...problems(400, 401, 403, 413, 415, 422, 429, 507),
  },
});

/**
 * The route's inputs, checked with the schemas the OpenAPI document declares and in the generated validators'
 * order (the `Idempotency-Key` header, then the body), with the same problem documents. They are read
 * directly: Hono's header validator copies every request header into a Fetch-API `Headers` object to build
 * its input, and its JSON validator checks the content type again and parses the body a second time, after
 * the body guard has already refused other types, decoded and parsed it.
 */
const submission: MiddlewareHandler<AppEnv> = async (c, next) => {
  const headers = SubmitHeaders.safeParse({ 'idempotency-key': c.req.header('idempotency-key') });
  if (!headers.success) throw validationProblem('header', issuesToErrors(headers.error.issues, 'header'));
  const draft = C.IncidentDraft.safeParse(c.get('parsedBody'));
  if (!draft.success) throw validationProblem('body', issuesToErrors(draft.error.issues, 'body'));
  c.set('submission', { key: headers.data['idempotency-key'], draft: draft.data });
  await next();
};

/** Canonical JSON (sorted keys) of the validated draft: what "the same body" means. */
function requestHash(draft: IncidentDraft): string {
  const canonical = JSON.stringify(draft, Object.keys(draft).sort());
  return crypto.hash('sha256', canonical);
}

/**
 * The entitlement that decides a submission for `serviceId`: the best active subscription of the account
 * for that service, or — with none — what a free customer of that service gets (a refusal).
 */
async function entitlementFor(
  ctx: ServerContext,
  caller: Caller,
  serviceId: string,
  now: Date,
): Promise<Entitlement | undefined> {
  const service = findService(serviceId);
  if (!service) throw new Error('unreachable: the contract validated serviceId');
  const subscriptions = (await ctx.repo.payments.listSubscriptions(caller.account.id)).filter(
    (s) => s.service_id === serviceId && planHolds(s, now),
  );
  const entitlements = subscriptions.map((s) => entitlementOf(s, now));
  return entitlements.find((e) => e.canSubmitIncidents) ?? entitlements[0];
}

/** Why `entitlement` (none: no subscription to `serviceId` at all) does not let the account submit. */
function refusal(serviceId: string, entitlement: Entitlement | undefined, now: Date): ProblemError {
  const title = 'Premium support is required to submit an incident';
  if (entitlement) {
    const reason = entitlement.reason ?? 'free-plan';
    return new ProblemError(403, 'not-entitled', title, {
      detail: REFUSALS[reason],
      reason,
      upgrade: entitlement.upgrade ?? 'paid-plan',
    });
  }
  // Told "a free plan includes self-help only", a customer with no plan at all for this service (a Gold
  // customer of OneTouchAT.com on LinkSprinter.com, say) would look for a free plan they never had.
  const service = findService(serviceId)!;
  const asVisitor = computeEntitlement(
    { serviceType: service.serviceType, plan: 'free', goldCoverageEndsAt: null },
    now,
  );
  return new ProblemError(403, 'not-entitled', title, {
    detail: `This account has no subscription to ${service.name}: self-help is open to everyone, and a subscription with premium support lets you submit incidents.`,
    reason: 'no-subscription',
    upgrade: asVisitor.upgrade ?? 'paid-plan',
  });
}

/**
 * The entitlement of one subscription row at `now`, memoized: for a given row it only depends on which side
 * of the Gold coverage end (and of a cancelled plan's premium end) `now` falls, so the cached value is reused
 * while `now` stays on the same side.
 */
const entitlements = new Map<string, { row: SubscriptionRow; beforeEnd: boolean; entitlement: Entitlement }>();

function entitlementOf(row: SubscriptionRow, now: Date): Entitlement {
  const beforeEnd =
    (row.gold_coverage_ends_at === null || now.getTime() < row.gold_coverage_ends_at) &&
    (row.premium_ends_at === null || now.getTime() < row.premium_ends_at);
  const cached = entitlements.get(row.id);
  if (cached && cached.beforeEnd === beforeEnd && sameSubscription(cached.row, row)) return cached.entitlement;
  const entitlement = subscriptionDto(row, now).entitlement;
  if (entitlements.size > 10_000) entitlements.clear();
  entitlements.set(row.id, { row: { ...row }, beforeEnd, entitlement });
  return entitlement;
}

function sameSubscription(a: SubscriptionRow, b: SubscriptionRow): boolean {
  return (
    a.status === b.status &&
    a.plan_id === b.plan_id &&
    a.service_id === b.service_id &&
    a.gold_coverage_ends_at === b.gold_coverage_ends_at &&
    a.premium_ends_at === b.premium_ends_at
  );
}

const REFUSALS: Record<NonNullable<Entitlement['reason']>, string> = {
  'free-plan': 'A free plan includes self-help only. A paid plan with premium support lets you submit incidents.',
  'gold-lapsed':
    'Premium support for this service comes with the Gold coverage of your hardware, which has ended. Renew Gold to submit incidents.',
  'gold-absent':
    'Premium support for this service comes with Gold coverage of your hardware. Buy Gold to submit incidents.',
  'plan-without-premium':
    'Your plan does not include premium support. A plan with premium support lets you submit incidents.',
};

/** Incident submission (idempotent, group-committed). */
export function incidentRoutes(ctx: ServerContext): OpenAPIHono<AppEnv> {
  const app = apiRoutes();
  const replay = async (caller: Caller, existing: IdempotencyRow, hash: string) => {
    if (existing.request_hash !== hash) {
      throw new ProblemError(422, 'idempotency-key-reused', 'Idempotency key reused with a different body', {
        detail: `The key "${existing.key}" was first used for a different incident (case ${existing.case_id}). Use a new key for a new incident.`,
      });
    }
    const row = await ctx.repo.cases.get(existing.case_id, caller.account.id);
    if (!row) throw new Error(`idempotency key refers to a missing case ${existing.case_id}`);
    return caseDto(row, await ctx.repo.attachments.list([row.id]), ctx.now(), ctx.zone);
  };

  // The document shows the route as declared; it is served with its inputs checked by `submission`.
  app.openAPIRegistry.registerPath(submit);
  app.openapi({ ...submit, request: {}, hide: true, middleware: [submission] }, async (c) => {
    const caller = requireCustomer(c);
    const { key, draft } = c.get('submission');
    const hash = requestHash(draft);

    // A key already used is answered with the first response, whatever the account is entitled to now. For
    // an entitled account the batch's claim of the key finds it (no lookup before every new incident);
    // before refusing, look it up here.
    const now = ctx.now();
    const entitlement = await entitlementFor(ctx, caller, draft.serviceId, now);
    if (!entitlement?.canSubmitIncidents || entitlement.firstResponseHours === null) {
      const existing = await ctx.repo.cases.findIdempotencyKey(caller.account.id, key);
      if (existing) {
        c.header('idempotent-replayed', 'true');
        return c.json(await replay(caller, existing, hash), 201);
      }
      throw refusal(draft.serviceId, entitlement, now);
    }
    const receivedAt = now.getTime();
    const hours = entitlement.firstResponseHours;
    const row: NewCase = {
      id: newId('case', receivedAt),
      account_id: caller.account.id,
      user_id: caller.user.id,
      service_id: draft.serviceId,
      service_type: entitlement.serviceType,
      subject: draft.subject,
      description: draft.description,
      device_serial: draft.deviceSerial ?? null,
      firmware_version: draft.firmwareVersion ?? null,
      contact_email: draft.contactEmail,
      channel: entitlement.submitVia,
      status: 'new',
      received_at: receivedAt,
      updated_at: receivedAt,
      first_response_hours: hours,
      first_response_at: null,
      due_at: addSupportTime(now, hours * 3_600_000, { zone: ctx.zone }).getTime(),
      lang: languageFrom(c.req.header('accept-language')),
    };
    // The confirmation is queued in the case's transaction; it is sent after the 201, never before it.
    const mail = confirmationMail(row, caller.user.email, row.lang ?? 'en');
    const outcome = await ctx.writer.submit(row, key, hash, mail);
    if (!outcome.inserted) {
      // A concurrent request with the same key committed first.
      c.header('idempotent-replayed', 'true');
      return c.json(await replay(caller, outcome.existing, hash), 201);
    }
    ctx.mail.nudge();
    setResponseHeader(c, 'location', `/v1/cases/${row.id}`);
    return c.json(caseDto({ ...row, seq: outcome.seq }, [], now, ctx.zone), 201);
  });
  return app;
}
