import type { Generated } from 'kysely';

/**
 * The tables of the support store, as Kysely sees them. Instants are integers (milliseconds since the
 * epoch, UTC): they sort, compare and index the same way in SQLite and PostgreSQL (`bigint`).
 */
export interface Database {
  meta: { key: string; value: string };
  accounts: { id: string; name: string; created_at: number };
  users: {
    id: string;
    account_id: string;
    name: string;
    email: string;
    role: 'customer' | 'agent';
    created_at: number;
  };
  /** Personal API tokens, by the SHA-256 of the secret; `label` is the name the user gave it. */
  tokens: {
    token_hash: string;
    id: string;
    user_id: string;
    label: string;
    created_at: number;
    expires_at: number | null;
  };
  /** The authorization server's objects (oidc-provider models), JSON payloads by model and id. */
  oidc_objects: {
    model: string;
    id: string;
    payload: string;
    uid: string | null;
    grant_id: string | null;
    user_code: string | null;
    expires_at: number | null;
    consumed_at: number | null;
  };
  /** Sign-in passwords, as scrypt hashes (`scrypt$N$r$p$salt$hash`). */
  password_credentials: { user_id: string; hash: string; updated_at: number };
  subscriptions: {
    id: string;
    account_id: string;
    service_id: string;
    plan_id: string;
    gold_coverage_ends_at: number | null;
    status: 'active' | 'cancelled';
    /** Why it ended: `cancelled` by the customer, or `replaced` by a purchase (not a cancellation). */
    ended_reason: 'cancelled' | 'replaced' | null;
    started_at: number;
    cancelled_at: number | null;
    charged_cents: number;
    transaction_id: string | null;
    /** A cancelled paid plan's premium support lasts until this instant (spec §7); `null` otherwise. */
    premium_ends_at: number | null;
    /** What its cancellation owed (kept so that a repeated cancellation answers the same). */
    cancellation_owed_cents: number | null;
  };
  /** Each charge to an account (receipts, billing history). */
  charges: {
    id: string;
    account_id: string;
    subscription_id: string;
    service_id: string;
    plan_id: string;
    amount_cents: number;
    currency: string;
    transaction_id: string;
    status: string;
    test_gateway: 0 | 1;
    charged_at: number;
    period_starts_at: number;
    period_ends_at: number;
  };
  cases: {
    seq: Generated<number>;
    id: string;
    account_id: string;
    user_id: string;
    service_id: string;
    service_type: number;
    subject: string;
    description: string;
    device_serial: string | null;
    firmware_version: string | null;
    contact_email: string;
    channel: 'service-assistance' | 'my-account';
    status: 'new' | 'in-progress' | 'waiting-on-customer' | 'resolved' | 'closed';
    received_at: number;
    updated_at: number;
    first_response_hours: number;
    first_response_at: number | null;
    due_at: number;
    /** The language the customer filed the case in (their mail is written in it); null before e-mail existed. */
    lang: 'en' | 'fr' | null;
  };
  idempotency_keys: {
    account_id: string;
    key: string;
    request_hash: string;
    case_id: string;
    status_code: number;
    created_at: number;
  };
  /**
   * Purchase attempts by `Idempotency-Key`. `charging`: claimed, the gateway is being called (at most one per
   * account and service); `done`: `response` is the 201 body to replay; `interrupted`: the outcome of the
   * charge is unknown (the gateway call threw, or the server stopped during it) and needs reconciling.
   */
  purchases: {
    account_id: string;
    key: string;
    request_hash: string;
    service_id: string;
    state: 'charging' | 'done' | 'interrupted';
    response: string | null;
    created_at: number;
    /** The instance id of the process that claimed it (null before migration 0013). */
    owner: string | null;
  };
  comments: {
    id: string;
    case_id: string;
    author_kind: 'customer' | 'agent';
    author_name: string;
    body: string;
    created_at: number;
  };
  attachments: {
    id: string;
    case_id: string;
    file_name: string;
    content_type: string;
    size_bytes: number;
    sha256: string;
    uploaded_at: number;
    /** The reply the file came with; `null` for the incident's own files. */
    comment_id: string | null;
  };
  /** Attachment contents on PostgreSQL, once per SHA-256 (SQLite keeps them as files). */
  attachment_blobs: { sha256: string; size_bytes: number; bytes: Uint8Array; stored_at: number };
  /** One row per upload in flight on PostgreSQL: its content is not deleted while the row exists. */
  attachment_holds: { id: string; sha256: string; held_at: number };
  /** The `Idempotency-Key` of each customer reply, per case: a retry returns the first comment. */
  comment_keys: { case_id: string; key: string; request_hash: string; comment_id: string };
  /** A customer's rating of a resolved case: one per case, the latest replaces the earlier. */
  case_feedback: {
    case_id: string;
    user_id: string;
    rating: 'good' | 'bad';
    comment: string | null;
    created_at: number;
  };
  /** When a user last opened a case: an engineer's answer after that is "new" to them. */
  case_reads: { user_id: string; case_id: string; read_at: number };
  /**
   * Customer e-mail waiting or sent (`server/mail/`). `next_attempt_at` is when the delivery loop tries next,
   * null once settled (sent, or given up: then `sent_at` is null and `last_error` says why). `subject` and
   * `body` are rendered at the first attempt and kept, so every retry sends the same text. `delivered_via`:
   * `smtp`, or `mailbox` (no SMTP server configured: the row itself is the local mailbox).
   */
  mail_outbox: {
    id: string;
    kind: 'case-received' | 'case-answered';
    case_id: string;
    comment_id: string | null;
    to_address: string;
    lang: 'en' | 'fr';
    created_at: number;
    attempts: number;
    next_attempt_at: number | null;
    sent_at: number | null;
    delivered_via: 'smtp' | 'mailbox' | null;
    subject: string | null;
    body: string | null;
    last_error: string | null;
  };
  kb_articles: {
    slug: string;
    lang: 'en' | 'fr';
    title: string;
    summary: string;
    body: string;
    tags: string;
    /** JSON array of the service ids the article is about; `[]` for every service. */
    services: string;
    updated_at: number;
  };
  /** "Was this helpful?": one answer per user and article (`helpful` 1 or 0), the latest one kept. */
  kb_votes: { user_id: string; slug: string; account_id: string; helpful: number; voted_at: number };
}
