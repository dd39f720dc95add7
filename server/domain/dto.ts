import {
  type Attachment,
  type Case,
  type Comment,
  computeEntitlement,
  findPlan,
  findService,
  MY_ACCOUNT_URL,
  type Subscription,
  type SupportHoliday,
  slaStatus,
} from '../../core/index.js';
import type { AttachmentRow, CaseHead, CaseRow, CommentRow, SubscriptionRow } from '../repository.js';
import { caseNumber } from './ids.js';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

/** The API view of a case, with its SLA status computed at `now` by the policy core. */
export function caseDto(
  row: CaseRow,
  attachments: readonly AttachmentRow[],
  now: Date,
  zone: string,
  comments?: readonly CommentRow[],
): Case {
  const dto: Case = { ...caseFacts(row, attachments), sla: caseSla(row, now, zone) };
  if (comments) dto.comments = comments.map(commentDto);
  return dto;
}

/** The SLA status of a case at `now`, computed by the policy core (never stored: it changes with time). */
export function caseSla(row: CaseHead, now: Date, zone: string): Case['sla'] {
  const sla = slaStatus(
    {
      receivedAt: new Date(row.received_at),
      firstResponseAt: row.first_response_at === null ? null : new Date(row.first_response_at),
      firstResponseHours: row.first_response_hours,
    },
    now,
    { zone },
  );
  return {
    state: sla.state,
    dueAt: sla.dueAt.toISOString(),
    remainingMs: sla.remainingMs,
    ...(sla.pausedBy ? { pausedBy: sla.pausedBy } : {}),
    ...(sla.resumesAt ? { resumesAt: sla.resumesAt.toISOString() } : {}),
    delayedBy: sla.delayedBy,
  };
}

/** Everything about a case except its SLA status: fixed until the case is next updated. */
export function caseFacts(row: CaseRow, attachments: readonly AttachmentRow[]): Omit<Case, 'sla' | 'comments'> {
  return {
    id: row.id,
    number: caseNumber(row.seq),
    serviceId: row.service_id,
    serviceType: row.service_type as Case['serviceType'],
    subject: row.subject,
    description: row.description,
    deviceSerial: row.device_serial,
    firmwareVersion: row.firmware_version,
    contactEmail: row.contact_email,
    channel: row.channel,
    status: row.status,
    receivedAt: iso(row.received_at),
    updatedAt: iso(row.updated_at),
    firstResponseHours: row.first_response_hours as Case['firstResponseHours'],
    firstResponseAt: isoOrNull(row.first_response_at),
    dueAt: iso(row.due_at),
    myAccountUrl: row.channel === 'my-account' ? MY_ACCOUNT_URL : null,
    attachments: attachments.filter((a) => a.case_id === row.id).map(attachmentDto),
  };
}

/**
 * Renders case lists as JSON text, reusing each case's serialized facts until the case changes (every
 * change to a case, attachments included, moves its `updated_at`). Only the SLA status, which depends on
 * the instant, is computed and serialized per request.
 */
export class CaseListRenderer {
  /** Per case: its facts as JSON without the closing brace, ready for `,"sla":…}`. */
  readonly #facts = new Map<string, { updatedAt: number; json: string }>();

  constructor(private readonly maxEntries = 10_000) {}

  /** The ids of the cases whose facts are not cached: load their rows and attachments. */
  misses(heads: readonly CaseHead[]): string[] {
    return heads.filter((head) => this.#facts.get(head.id)?.updatedAt !== head.updated_at).map((head) => head.id);
  }

  render(
    heads: readonly CaseHead[],
    rows: readonly CaseRow[],
    attachments: readonly AttachmentRow[],
    now: Date,
    zone: string,
    nextCursor: string | null,
  ): string {
    for (const row of rows) {
      if (this.#facts.size >= this.maxEntries) this.#facts.clear();
      this.#facts.set(row.id, {
        updatedAt: row.updated_at,
        json: `${JSON.stringify(caseFacts(row, attachments)).slice(0, -1)},"sla":`,
      });
    }
    let items = '';
    for (const head of heads) {
      const facts = this.#facts.get(head.id);
      if (!facts) throw new Error(`case ${head.id} was listed but not loaded`);
      items += `${items ? ',' : ''}${facts.json}${slaJson(head, now, zone)}}`;
    }
    return `{"items":[${items}],"nextCursor":${JSON.stringify(nextCursor)}}`;
  }
}

export function attachmentDto(row: AttachmentRow): Attachment {
  return {
    id: row.id,
    fileName: row.file_name,
    contentType: row.content_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    uploadedAt: iso(row.uploaded_at),
  };
}

export function commentDto(row: CommentRow): Comment {
  return {
    id: row.id,
    author: { kind: row.author_kind, name: row.author_name },
    body: row.body,
    createdAt: iso(row.created_at),
  };
}

/** The API view of a subscription, with the entitlement the policy core computes for it at `now`. */
export function subscriptionDto(row: SubscriptionRow, now: Date): Subscription {
  const service = findService(row.service_id);
  const plan = service ? findPlan(service, row.plan_id) : undefined;
  if (!service || !plan) throw new Error(`subscription ${row.id} refers to an unknown service or plan`);
  const goldCoverageEndsAt = isoOrNull(row.gold_coverage_ends_at);
  const active = row.status === 'active';
  const entitlement = computeEntitlement(
    {
      serviceType: service.serviceType,
      // A cancelled subscription is back to self-help.
      plan: active ? plan.kind : 'free',
      premiumIncluded: plan.premiumIncluded,
      goldCoverageEndsAt: active ? goldCoverageEndsAt : null,
    },
    now,
  );
  return {
    id: row.id,
    serviceId: service.id,
    serviceName: service.name,
    serviceType: service.serviceType,
    planId: plan.id,
    plan: plan.kind,
    premiumIncluded: plan.premiumIncluded,
    goldCoverageEndsAt,
    status: row.status,
    startedAt: iso(row.started_at),
    cancelledAt: isoOrNull(row.cancelled_at),
    entitlement,
  };
}

const holidayJsonCache = new WeakMap<object, string>();

function holidaysJson(holidays: readonly SupportHoliday[]): string {
  let out = '';
  for (const holiday of holidays) {
    // The core hands out the same holiday objects every time: serialize each once.
    let json = holidayJsonCache.get(holiday);
    if (json === undefined) {
      json = JSON.stringify(holiday);
      holidayJsonCache.set(holiday, json);
    }
    out += out ? `,${json}` : json;
  }
  return `[${out}]`;
}

/** `JSON.stringify(caseSla(...))`, without building the object: the list's per-case hot path. */
function slaJson(head: CaseHead, now: Date, zone: string): string {
  const sla = slaStatus(
    {
      receivedAt: new Date(head.received_at),
      firstResponseAt: head.first_response_at === null ? null : new Date(head.first_response_at),
      firstResponseHours: head.first_response_hours,
    },
    now,
    { zone },
  );
  let json = `{"state":"${sla.state}","dueAt":"${sla.dueAt.toISOString()}","remainingMs":${sla.remainingMs}`;
  if (sla.pausedBy) json += `,"pausedBy":${holidaysJson(sla.pausedBy)}`;
  if (sla.resumesAt) json += `,"resumesAt":"${sla.resumesAt.toISOString()}"`;
  return `${json},"delayedBy":${holidaysJson(sla.delayedBy)}}`;
}
