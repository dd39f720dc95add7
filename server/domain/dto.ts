import {
  type Attachment,
  type Case,
  type Comment,
  computeEntitlement,
  findPlan,
  findService,
  MY_ACCOUNT_URL,
  type Subscription,
  slaStatus,
} from '../../core/index.js';
import type { AttachmentRow, CaseRow, CommentRow, SubscriptionRow } from '../repository.js';
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
  const sla = slaStatus(
    {
      receivedAt: new Date(row.received_at),
      firstResponseAt: row.first_response_at === null ? null : new Date(row.first_response_at),
      firstResponseHours: row.first_response_hours,
    },
    now,
    { zone },
  );
  const dto: Case = {
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
    sla: {
      state: sla.state,
      dueAt: sla.dueAt.toISOString(),
      remainingMs: sla.remainingMs,
      ...(sla.pausedBy ? { pausedBy: sla.pausedBy } : {}),
      ...(sla.resumesAt ? { resumesAt: sla.resumesAt.toISOString() } : {}),
      delayedBy: sla.delayedBy,
    },
    myAccountUrl: row.channel === 'my-account' ? MY_ACCOUNT_URL : null,
    attachments: attachments.filter((a) => a.case_id === row.id).map(attachmentDto),
  };
  if (comments) dto.comments = comments.map(commentDto);
  return dto;
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
