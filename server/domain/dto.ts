import {
  type Attachment,
  type Case,
  type CaseFeedback,
  type CaseTimes,
  type Comment,
  MY_ACCOUNT_URL,
  slaStatus,
} from '../../core/index.js';
import type { AttachmentRow, CaseFeedbackRow, CaseHead, CaseRow, CommentRow } from '../db/repository.js';
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
  feedback?: CaseFeedbackRow | null,
): Case {
  // The SLA status is added to the facts object rather than both copied into a new one: same fields, same order.
  const dto = caseFacts(row, attachments) as Case;
  dto.sla = caseSla(row, now, zone);
  if (comments) dto.comments = comments.map(commentDto);
  if (feedback !== undefined) dto.feedback = feedback && feedbackDto(feedback);
  return dto;
}

/** A customer's rating of a case. */
export function feedbackDto(row: CaseFeedbackRow): CaseFeedback {
  return { rating: row.rating, comment: row.comment, createdAt: iso(row.created_at) };
}

/** The SLA status of a case at `now`, computed by the policy core (never stored: it changes with time). */
export function caseSla(row: CaseRow, now: Date, zone: string): Case['sla'] {
  const sla = slaStatus(caseTimes(row), now, { zone });
  return {
    state: sla.state,
    dueAt: sla.dueAt.toISOString(),
    remainingMs: sla.remainingMs,
    ...(sla.pausedBy ? { pausedBy: sla.pausedBy } : {}),
    ...(sla.resumesAt ? { resumesAt: sla.resumesAt.toISOString() } : {}),
    delayedBy: sla.delayedBy,
  };
}

function caseTimes(row: CaseRow): CaseTimes {
  return {
    receivedAt: new Date(row.received_at),
    firstResponseAt: row.first_response_at === null ? null : new Date(row.first_response_at),
    firstResponseHours: row.first_response_hours,
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

/** A case as the list renders it: everything but its SLA status, fixed until the case is next updated. */
interface RenderedCase {
  updatedAt: number;
  /** The case's facts as JSON without the closing brace, ready for `,"sla":…}`. */
  facts: string;
  /** UTF-8 length of `facts`. */
  factsBytes: number;
  times: CaseTimes;
  /** The deadline the SLA status last gave, with the JSON of the parts that depend on it alone. */
  dueMs: number;
  dueJson: string;
  delayedByJson: string;
  delayedByBytes: number;
}

/** JSON text and its length in UTF-8, counted from cached parts. */
export interface JsonText {
  json: string;
  bytes: number;
}

/**
 * Renders case lists as JSON text for one support zone. The facts of each case are serialized once and
 * reused until the case changes (every change to a case, attachments included, moves its `updated_at`).
 * The SLA status is computed by the policy core for every case on every request; only the JSON of its
 * parts that cannot change between two requests is reused (the deadline and the holidays that delayed
 * it, fixed for a case; a pausing holiday run, the same for every case it pauses).
 */
export class CaseListRenderer {
  readonly #cases = new Map<number, RenderedCase>();
  /** `,"pausedBy":[…],"resumesAt":"…"` and its UTF-8 length, by the instant the run ends. */
  readonly #pauses = new Map<number, { json: string; bytes: number }>();

  constructor(
    private readonly zone: string,
    private readonly maxEntries = 10_000,
  ) {}

  /** The `seq` of the cases whose rendering is missing or stale: load their rows and attachments. */
  misses(heads: readonly CaseHead[]): number[] {
    return heads.filter((head) => this.#cases.get(head.seq)?.updatedAt !== head.updated_at).map((head) => head.seq);
  }

  render(
    heads: readonly CaseHead[],
    rows: readonly CaseRow[],
    attachments: readonly AttachmentRow[],
    now: Date,
    nextCursor: string | null,
  ): JsonText {
    for (const row of rows) {
      if (this.#cases.size >= this.maxEntries) this.#cases.clear();
      const facts = `${JSON.stringify(caseFacts(row, attachments)).slice(0, -1)},"sla":`;
      this.#cases.set(row.seq, {
        updatedAt: row.updated_at,
        facts,
        factsBytes: Buffer.byteLength(facts),
        times: caseTimes(row),
        dueMs: Number.NaN,
        dueJson: '',
        delayedByJson: '',
        delayedByBytes: 0,
      });
    }
    const items = new Array<string>(heads.length);
    let itemBytes = 0;
    let itemChars = 0;
    for (let i = 0; i < heads.length; i++) {
      const rendered = this.#cases.get(heads[i].seq);
      if (!rendered) throw new Error(`case ${heads[i].seq} was listed but not loaded`);
      const sla = this.#slaJson(rendered, now);
      items[i] = `${rendered.facts}${sla.json}}`;
      itemBytes += rendered.factsBytes + sla.bytes + 1;
      itemChars += items[i].length;
    }
    // Around the items, everything is ASCII (the cursor is base64url): one byte per character.
    const json = `{"items":[${items.join(',')}],"nextCursor":${JSON.stringify(nextCursor)}}`;
    return { json, bytes: itemBytes + json.length - itemChars };
  }

  /**
   * `JSON.stringify(caseSla(...))` for a listed case, and its UTF-8 length (holiday names may be any text;
   * the rest is ASCII): the list's per-case hot path.
   */
  #slaJson(rendered: RenderedCase, now: Date): JsonText {
    const sla = slaStatus(rendered.times, now, { zone: this.zone });
    const dueMs = sla.dueAt.getTime();
    if (dueMs !== rendered.dueMs) {
      // Receipt and deadline decide which holidays delayed it.
      rendered.dueMs = dueMs;
      rendered.dueJson = JSON.stringify(sla.dueAt);
      rendered.delayedByJson = JSON.stringify(sla.delayedBy);
      rendered.delayedByBytes = Buffer.byteLength(rendered.delayedByJson);
    }
    let json = `{"state":"${sla.state}","dueAt":${rendered.dueJson},"remainingMs":${sla.remainingMs}`;
    let nonAscii = rendered.delayedByBytes - rendered.delayedByJson.length;
    if (sla.pausedBy && sla.resumesAt) {
      const resumesMs = sla.resumesAt.getTime();
      let paused = this.#pauses.get(resumesMs);
      if (paused === undefined) {
        const text = `,"pausedBy":${JSON.stringify(sla.pausedBy)},"resumesAt":${JSON.stringify(sla.resumesAt)}`;
        paused = { json: text, bytes: Buffer.byteLength(text) };
        if (this.#pauses.size >= 1_000) this.#pauses.clear();
        this.#pauses.set(resumesMs, paused);
      }
      json += paused.json;
      nonAscii += paused.bytes - paused.json.length;
    }
    json += `,"delayedBy":${rendered.delayedByJson}}`;
    return { json, bytes: json.length + nonAscii };
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
    commentId: row.comment_id,
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

export { chargeDto, planHolds, subscriptionDto } from './subscription-dto.js';
