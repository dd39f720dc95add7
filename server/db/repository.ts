import type {
  AccountRow,
  AttachmentRow,
  CaseFeedbackRow,
  CaseHead,
  CaseRow,
  ChargeRow,
  CommentRow,
  IdempotencyRow,
  KbArticleRow,
  KbVoteRow,
  NewCase,
  NewMail,
  OidcObjectRow,
  PurchaseRow,
  SubscriptionRow,
  TokenRow,
  UserRow,
} from './rows.js';

export type * from './rows.js';

import type { MailOutboxRepository } from './mail-repository.js';

export type { DueMail, MailAttempt, MailOutboxRepository } from './mail-repository.js';

/**
 * Every read and write of the server's data, by aggregate. Routes see this interface only, never SQL nor
 * the dialect: SQLite implements it in `db/sqlite/`, a second dialect (PostgreSQL) implements it again.
 * Every case query a customer can reach takes the caller's account, so a case of another account is
 * simply not found.
 */
export interface SupportRepository {
  meta: MetaRepository;
  accounts: AccountRepository;
  cases: CaseRepository;
  attachments: AttachmentRepository;
  replies: ReplyRepository;
  feedback: CaseFeedbackRepository;
  kb: KbRepository;
  payments: PaymentRepository;
  authorization: AuthorizationStore;
  mail: MailOutboxRepository;
}

/** Facts about the store itself (for example, that the demo accounts are seeded). */
export interface MetaRepository {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  /**
   * Stores `value` under `key` unless a value is there already, and returns the stored one: of processes that
   * make a secret at the same instant, one wins and every one reads the winner's.
   */
  putIfAbsent(key: string, value: string): Promise<string>;
  /** Replaces the value under `key` only while it is still `expected`; false when another process changed it. */
  replace(key: string, expected: string, value: string): Promise<boolean>;
}

/** A user with their account, and the personal token that named them (when one did). */
export interface CallerRecord {
  user: UserRow;
  account: AccountRow;
  token: { id: string; expiresAt: number | null };
}

export type NewTokenRow = TokenRow;

/**
 * Accounts, their users, their sign-in passwords and personal API tokens (by hash; a token is never changed
 * once issued, only deleted). Lookups may be reused for up to a second: a deleted token is refused within it.
 */
export interface AccountRepository {
  insertAccount(row: AccountRow): Promise<void>;
  insertUser(row: UserRow): Promise<void>;
  insertToken(row: NewTokenRow): Promise<void>;
  /** A user's personal tokens, newest first. */
  listTokens(userId: string): Promise<TokenRow[]>;
  /** Deletes one of the user's tokens; false when the user has no token with that id. */
  deleteToken(userId: string, id: string): Promise<boolean>;
  /** The user a token hash names, with their account and the token's expiry (checked by the caller). */
  findCaller(tokenHash: string): Promise<CallerRecord | undefined>;
  /** A user by id, with their account (for a signed access token's subject). */
  findUser(userId: string): Promise<Omit<CallerRecord, 'token'> | undefined>;
  /** A user by sign-in email (stored in lower case). */
  findUserByEmail(email: string): Promise<UserRow | undefined>;
  getPasswordHash(userId: string): Promise<string | undefined>;
  setPasswordHash(userId: string, hash: string, at: number): Promise<void>;
}

/**
 * The authorization server's objects (sessions, grants, codes, refresh tokens, used assertion ids…), stored
 * as opaque JSON by model and id, as oidc-provider's adapter interface asks.
 */
export interface AuthorizationStore {
  upsert(row: OidcObjectRow): Promise<void>;
  /** An object by id, unless it expired before `at`. */
  find(model: string, id: string, at: number): Promise<OidcObjectRow | undefined>;
  findByUid(model: string, uid: string, at: number): Promise<OidcObjectRow | undefined>;
  findByUserCode(model: string, userCode: string, at: number): Promise<OidcObjectRow | undefined>;
  consume(model: string, id: string, at: number): Promise<void>;
  destroy(model: string, id: string): Promise<void>;
  /** Removes every object of a grant (all its tokens and codes). */
  revokeByGrantId(grantId: string): Promise<void>;
  /** Removes objects that expired before `at`; returns how many. */
  removeExpired(at: number): Promise<number>;
}

export type IncidentInsertOutcome = { inserted: true; seq: number } | { inserted: false; existing: IdempotencyRow };

export interface CaseQuery {
  /** `null` for the support engineers' view across every account. */
  accountId: string | null;
  status?: CaseRow['status'];
  serviceId?: string;
  updatedSince?: number;
  /** Keyset position: the `(updated_at, seq)` of the last row of the previous page. */
  after?: { updatedAt: number; seq: number };
  limit: number;
}

/**
 * Cases, their comments and the idempotency keys of the submissions that created them. Every change moves
 * a case's `updated_at` strictly forward (even twice in one millisecond, or with a clock that went back):
 * `updatedSince` polling never misses a change.
 */
export interface CaseRepository {
  findIdempotencyKey(accountId: string, key: string): Promise<IdempotencyRow | undefined>;
  /**
   * Inserts several incidents in ONE transaction (group commit): one durable commit for every submission
   * that arrived together. A key already used (by an earlier batch) is reported, not inserted.
   */
  insertIncidents(
    incidents: readonly { row: NewCase; key: string; requestHash: string; mail?: NewMail | undefined }[],
  ): Promise<IncidentInsertOutcome[]>;
  /** A case by id; `accountId` `null` for a support engineer (any account). */
  get(id: string, accountId: string | null): Promise<CaseRow | undefined>;
  /**
   * Newest activity first; keyset pagination on `(updated_at, seq)`. Returns only each case's position and
   * version; {@link CaseRepository.getBySeq} loads the rest for the cases whose rendering is not cached.
   */
  list(query: CaseQuery): Promise<CaseHead[]>;
  getBySeq(seqs: readonly number[]): Promise<CaseRow[]>;
  /** Changes a case, and adds `comment` to it (and queues `mail` about it) in the same transaction. */
  update(
    id: string,
    changes: Partial<Pick<CaseRow, 'status' | 'updated_at' | 'first_response_at'>>,
    comment?: CommentRow,
    mail?: NewMail,
  ): Promise<void>;
  listComments(caseId: string): Promise<CommentRow[]>;
}

/** A reply posted now, or the one an earlier request with the same `Idempotency-Key` posted. */
export type ReplyOutcome = { posted: true } | { posted: false; existing: CommentRow; requestHash: string };

/** Customer replies, idempotent per case and `Idempotency-Key`. */
export interface ReplyRepository {
  getComment(caseId: string, commentId: string): Promise<CommentRow | undefined>;
  /** The reply first posted on the case with `key`, if any. */
  find(caseId: string, key: string | undefined): Promise<ReplyOutcome | undefined>;
  /**
   * Adds `comment` and sets the case's `status`, in one transaction, unless `key` was used on that case
   * already: then the first comment is returned with the hash of the body it was posted with.
   */
  post(
    comment: CommentRow,
    status: CaseRow['status'],
    key: { key: string; requestHash: string } | null,
  ): Promise<ReplyOutcome>;
}

/** A rating with what an engineer needs to find its case. */
export interface FeedbackListing extends CaseFeedbackRow {
  seq: number;
  subject: string;
  status: CaseRow['status'];
}

/** What customers say of cases: their ratings, and which cases each user has opened since the last answer. */
export interface CaseFeedbackRepository {
  /** Stores a case's rating, replacing an earlier one, and moves the case's `updated_at` (one transaction). */
  rate(row: CaseFeedbackRow): Promise<void>;
  get(caseId: string): Promise<CaseFeedbackRow | undefined>;
  /** The latest ratings across every account, newest first. */
  latest(limit: number): Promise<FeedbackListing[]>;
  /**
   * `userId` opened the case at `at`, and its latest engineer's comment is from `lastAnswerAt`: written only
   * when that answer is newer than the user's last reading (an open case read again and again writes nothing).
   */
  markRead(userId: string, caseId: string, at: number, lastAnswerAt: number): Promise<void>;
  /** The account's cases with an engineer's comment later than `userId` last opened them. */
  unread(userId: string, accountId: string): Promise<string[]>;
}

/**
 * The attachments' records (their content is in `AttachmentStore`, stored once per SHA-256). An attachment
 * counts in full toward its account's quota even when its content is shared.
 */
export interface AttachmentRepository {
  list(caseIds: readonly string[]): Promise<AttachmentRow[]>;
  get(caseId: string, attachmentId: string): Promise<AttachmentRow | undefined>;
  /**
   * Records an attachment unless the case has `maxPerCase` already or the account's attachments would take
   * more than `quotaBytes`: checked and inserted in one transaction, so uploads sent together cannot both pass.
   * The same content under the same name, for the same case and reply, is the first upload again (a retry
   * after a lost answer): that attachment is returned as `existing` and nothing is added.
   */
  insert(
    row: AttachmentRow,
    caseUpdatedAt: number,
    limits: { maxPerCase: number; accountId: string; quotaBytes: number },
  ): Promise<'inserted' | 'too-many' | 'over-quota' | { existing: AttachmentRow }>;
  /** The sum of the sizes of one account's attachments. */
  accountBytes(accountId: string): Promise<number>;
  countOnCase(caseId: string): Promise<number>;
  /** Whether any attachment refers to the stored content `sha256`. */
  isBlobReferenced(sha256: string): Promise<boolean>;
  /** Every stored content some attachment refers to. */
  referencedBlobs(): Promise<Set<string>>;
}

export interface KbSearchHit {
  slug: string;
  lang: 'en' | 'fr';
  title: string;
  summary: string;
  score: number;
}

/** How many users found an article helpful, and how many did not. */
export interface KbVoteCount {
  slug: string;
  helpful: number;
  notHelpful: number;
}

/**
 * The knowledge base: articles shipped with the server (content, not data), their full-text index, and the
 * readers' "was this helpful?" answers (data: kept across restarts).
 */
export interface KbRepository {
  replace(rows: readonly KbArticleRow[]): Promise<void>;
  /**
   * Ranked full-text search; `match` is an FTS5 query built by the caller from sanitized terms. With
   * `service`, that service's own articles weigh more and other services' less.
   */
  search(match: string, lang: 'en' | 'fr', limit: number, service?: string): Promise<KbSearchHit[]>;
  get(slug: string, lang: 'en' | 'fr'): Promise<KbArticleRow | undefined>;
  /** Records a user's answer for an article, replacing a different earlier one (the same one is kept as is). */
  vote(row: KbVoteRow): Promise<void>;
  getVote(userId: string, slug: string): Promise<KbVoteRow | undefined>;
  /** Every article's answers, counted (no user is named). */
  voteCounts(): Promise<KbVoteCount[]>;
}

/**
 * Subscriptions and purchase claims. A purchase is claimed before the gateway is called: its
 * `Idempotency-Key` identifies it, and one account can have one purchase of a service charging at a time.
 */
export interface PaymentRepository {
  listSubscriptions(accountId: string): Promise<SubscriptionRow[]>;
  getSubscription(accountId: string, id: string): Promise<SubscriptionRow | undefined>;
  /** Records a subscription; an active plan of the same service is replaced (that is not a cancellation). */
  insertSubscription(row: SubscriptionRow): Promise<void>;
  /** Records a charge made outside a purchase (the demo's past monthly charges). */
  insertCharge(row: ChargeRow): Promise<void>;
  /** {@link insertSubscription}, its charge and the purchase's answer to replay, in one transaction. */
  recordPurchase(
    row: SubscriptionRow,
    claim: { accountId: string; key: string; response: string },
    charge: ChargeRow,
  ): Promise<void>;
  /**
   * Cancels an active subscription: premium support until `premiumEndsAt`, `owedCents` added to what it was
   * charged. False when it was no longer active (cancelled meanwhile): nothing is changed.
   */
  cancelSubscription(
    id: string,
    at: number,
    settlement: { owedCents: number; premiumEndsAt: number | null },
  ): Promise<boolean>;
  /** The account's charges, newest first. */
  listCharges(accountId: string): Promise<ChargeRow[]>;
  /**
   * Claims `key` for a purchase, atomically. When nothing was claimed, either the key was used before
   * (`existing`) or another purchase of the service is charging (`existing` undefined).
   */
  claimPurchase(
    row: Pick<PurchaseRow, 'account_id' | 'key' | 'request_hash' | 'service_id' | 'created_at'>,
  ): Promise<{ claimed: true } | { claimed: false; existing: PurchaseRow | undefined }>;
  findPurchase(accountId: string, key: string): Promise<PurchaseRow | undefined>;
  /** Gives a charging claim up (refused or declined): the key and the service are free again. */
  releasePurchase(accountId: string, key: string): Promise<void>;
  /** The charge's outcome is unknown: keep the key (a retry must not charge again) but free the service. */
  interruptPurchase(accountId: string, key: string): Promise<void>;
  /** At start: marks interrupted, and returns, the purchases still charging whose owning process `isGone`. */
  interruptPurchases(isGone: (owner: string | null) => Promise<boolean>): Promise<PurchaseRow[]>;
}
