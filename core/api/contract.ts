import type * as Mini from 'zod/mini';
import { SERVICE_CATALOG, SERVICE_TYPES } from '../catalog.js';
import { billingSchemas } from './billing.js';
import { caseActionSchemas } from './case-actions.js';
import { kbSchemas } from './kb.js';
import { paymentSchemas } from './payments.js';
import { textFields } from './text.js';
import { tokenSchemas } from './tokens.js';

/**
 * The zod functions the contract is written with: the subset that `zod/mini` and classic `zod` share.
 * Passing only these (never a whole zod namespace) lets a bundler drop the rest of zod and its locales.
 */
export type ContractZod = Pick<
  typeof Mini,
  | 'array'
  | 'boolean'
  | 'email'
  | 'enum'
  | 'literal'
  | 'maxLength'
  | 'minLength'
  | 'nullable'
  | 'number'
  | 'object'
  | 'optional'
  | 'overwrite'
  | 'regex'
  | 'strictObject'
  | 'string'
  | 'superRefine'
  | 'trim'
  | 'union'
> & { iso: Pick<typeof Mini.iso, 'datetime'> };

/**
 * The support API contract, written once.
 *
 * It uses only the functional subset of zod that `zod/mini` and classic `zod` share, so the same source
 * builds the browser's schemas (`zod/mini`, ~6 KB gzip: see `schemas.ts`) and the server's schemas
 * (classic `zod`, which `@hono/zod-openapi` needs to generate the OpenAPI document: see
 * `schemas.classic.ts`). There is no second copy of any type.
 */
export function defineContract(z: ContractZod) {
  const { line, text } = textFields(z);
  const instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' });
  const id = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an identifier (letters, digits, - and _)'));

  const ServiceType = z.union([z.literal(1), z.literal(2), z.literal(3)]);
  const Channel = z.enum(['phone', 'email', 'web', 'self-help']);
  const SubmissionRoute = z.enum(['service-assistance', 'my-account']);
  const RefusalReason = z.enum(['free-plan', 'gold-lapsed', 'gold-absent', 'plan-without-premium']);
  const UpgradePath = z.enum(['paid-plan', 'premium-plan', 'gold-renewal', 'gold-purchase']);
  const CaseStatus = z.enum(['new', 'in-progress', 'waiting-on-customer', 'resolved', 'closed']);
  const SlaState = z.enum(['on-track', 'at-risk', 'paused', 'met', 'breached']);

  const SupportHoliday = z.object({
    date: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
    name: z.string(),
    id: z.string(),
  });

  const SubscriptionTerms = z.object({
    serviceType: ServiceType,
    plan: z.enum(['free', 'paid']),
    premiumIncluded: z.optional(z.boolean()),
    goldCoverageEndsAt: z.optional(z.nullable(instant)),
  });

  const Entitlement = z.object({
    serviceType: ServiceType,
    level: z.enum(['premium', 'self-help']),
    canSubmitIncidents: z.boolean(),
    firstResponseHours: z.nullable(z.union([z.literal(2), z.literal(24)])),
    channels: z.array(Channel),
    hours: z.enum(['24/7 except support holidays', '24/7']),
    submitVia: SubmissionRoute,
    statusVia: SubmissionRoute,
    myAccountUrl: z.nullable(z.string()),
    /** How to reach an engineer outside the widget, for the channels the entitlement includes. */
    contacts: z.object({ phone: z.nullable(z.string()), email: z.nullable(z.string()) }),
    incidentsPerMonth: z.union([z.literal('unlimited'), z.literal(0)]),
    supportLanguage: z.literal('en'),
    selfHelp: z.array(z.object({ kind: z.string(), url: z.string() })),
    gold: z.enum(['active', 'lapsed', 'absent', 'not-offered']),
    goldCoverageEndsAt: z.nullable(instant),
    reason: z.nullable(RefusalReason),
    upgrade: z.nullable(UpgradePath),
  });

  const IncidentDraft = z
    .strictObject({
      serviceId: id,
      subject: line(5, 200),
      description: text(20, 20_000),
      deviceSerial: z.optional(
        z.string().check(z.trim(), z.regex(/^[A-Za-z0-9-]{4,32}$/, 'must be 4–32 letters, digits or dashes')),
      ),
      firmwareVersion: z.optional(
        z.string().check(z.trim(), z.regex(/^[A-Za-z0-9._-]{1,32}$/, 'must be a version such as 3.2.1')),
      ),
      contactEmail: z.email({ message: 'must be an email address' }).check(z.maxLength(254)),
    })
    .check(
      z.superRefine((draft, ctx) => {
        const service = SERVICE_CATALOG.find((s) => s.id === draft.serviceId);
        if (!service) {
          ctx.addIssue({
            code: 'custom',
            path: ['serviceId'],
            message: 'is not a known service',
            input: draft.serviceId,
          });
          return;
        }
        if (!SERVICE_TYPES[service.serviceType].hardwareBacked) return;
        for (const field of ['deviceSerial', 'firmwareVersion'] as const) {
          if (!draft[field]) {
            ctx.addIssue({
              code: 'custom',
              path: [field],
              message: 'is required for a hardware-backed service',
              input: undefined,
            });
          }
        }
      }),
    );

  const SlaStatus = z.object({
    state: SlaState,
    dueAt: instant,
    /** Support time left until the deadline; negative once breached (real time overdue). */
    remainingMs: z.number(),
    /** The holiday run that pauses the clock right now. */
    pausedBy: z.optional(z.array(SupportHoliday)),
    resumesAt: z.optional(instant),
    /** Holidays between receipt and the deadline: why the deadline is later than receipt + target. */
    delayedBy: z.array(SupportHoliday),
  });

  const Attachment = z.object({
    id,
    fileName: z.string(),
    contentType: z.string(),
    sizeBytes: z.number(),
    sha256: z.string(),
    uploadedAt: instant,
    /** The reply the file came with; `null` for the incident's own files. */
    commentId: z.nullable(id),
  });

  const Comment = z.object({
    id,
    author: z.object({ kind: z.enum(['customer', 'agent']), name: z.string() }),
    body: z.string(),
    createdAt: instant,
  });

  const CommentDraft = z.strictObject({ body: text(1, 20_000) });
  const caseActions = caseActionSchemas(z, { text });

  const Case = z.object({
    id,
    number: z.string(),
    serviceId: id,
    serviceType: ServiceType,
    subject: z.string(),
    description: z.string(),
    deviceSerial: z.nullable(z.string()),
    firmwareVersion: z.nullable(z.string()),
    contactEmail: z.string(),
    channel: SubmissionRoute,
    status: CaseStatus,
    receivedAt: instant,
    updatedAt: instant,
    firstResponseHours: z.union([z.literal(2), z.literal(24)]),
    firstResponseAt: z.nullable(instant),
    dueAt: instant,
    sla: SlaStatus,
    myAccountUrl: z.nullable(z.string()),
    attachments: z.array(Attachment),
    comments: z.optional(z.array(Comment)),
    /** With the comments (one case): the customer's rating of the answer, `null` when not rated. */
    feedback: z.optional(z.nullable(caseActions.CaseFeedback)),
  });

  const CaseListPage = z.object({
    items: z.array(Case),
    nextCursor: z.nullable(z.string()),
    /** A customer's list: the cases of the page with an engineer's answer this user has not opened yet. */
    unread: z.optional(z.array(z.string())),
  });

  const Subscription = z.object({
    id,
    serviceId: id,
    serviceName: z.string(),
    serviceType: ServiceType,
    planId: z.string(),
    plan: z.enum(['free', 'paid']),
    premiumIncluded: z.boolean(),
    goldCoverageEndsAt: z.nullable(instant),
    status: z.enum(['active', 'cancelled']),
    startedAt: instant,
    cancelledAt: z.nullable(instant),
    /**
     * Type 1 and 3 paid plans: the end of the billed period. Active, premium support would last until then if
     * cancelled now; cancelled, premium support lasts until then (spec §7). `null` otherwise.
     */
    paidThrough: z.nullable(instant),
    entitlement: Entitlement,
  });

  const Me = z.object({
    user: z.object({ id, name: z.string(), email: z.string(), role: z.enum(['customer', 'agent']) }),
    account: z.object({ id, name: z.string(), frequentCancellation: z.boolean() }),
    subscriptions: z.array(Subscription),
  });

  const SupportCalendar = z.object({
    zone: z.string(),
    now: instant,
    open: z.boolean(),
    closure: z.nullable(z.object({ holiday: SupportHoliday, run: z.array(SupportHoliday), reopensAt: instant })),
    nextOpening: instant,
    holidays: z.array(SupportHoliday),
  });

  const billing = billingSchemas(z, { id, instant });
  const payments = paymentSchemas(z, { id, Subscription, instant, SupportHoliday, Charge: billing.Charge });
  const tokens = tokenSchemas(z, { id, line: line(1, 100) });
  const kb = kbSchemas(z, { instant });

  /** What a support engineer may change on a case. */
  const AgentCaseUpdate = z.strictObject({
    status: z.optional(CaseStatus),
    response: z.optional(text(1, 20_000)),
  });

  /** RFC 9457 problem document. */
  const Problem = z.object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    detail: z.optional(z.string()),
    instance: z.optional(z.string()),
    /** Which fields are wrong and why. */
    errors: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
    /** Machine-readable refusal reason (e.g. `free-plan`; `no-subscription`: none to that service) and the way up. */
    reason: z.optional(z.union([RefusalReason, z.literal('no-subscription')])),
    upgrade: z.optional(UpgradePath),
  });

  return {
    ServiceType,
    Channel,
    SubmissionRoute,
    RefusalReason,
    UpgradePath,
    CaseStatus,
    SlaState,
    SupportHoliday,
    SubscriptionTerms,
    Entitlement,
    IncidentDraft,
    SlaStatus,
    Attachment,
    Comment,
    CommentDraft,
    Case,
    CaseListPage,
    Subscription,
    Me,
    SupportCalendar,
    ...billing,
    ...payments,
    ...tokens,
    ...caseActions,
    ...kb,
    AgentCaseUpdate,
    Problem,
  };
}

/** The contract's schemas, as built with `zod/mini`. */
export type Contract = ReturnType<typeof defineContract>;
