import type { Selectable } from 'kysely';
import type { Database } from './schema.js';

/** Rows as the store holds them (snake_case columns, times in epoch milliseconds). */
export type AccountRow = Selectable<Database['accounts']>;
export type UserRow = Selectable<Database['users']>;
export type SubscriptionRow = Selectable<Database['subscriptions']>;
export type CaseRow = Selectable<Database['cases']>;
export type CommentRow = Selectable<Database['comments']>;
export type AttachmentRow = Selectable<Database['attachments']>;
export type IdempotencyRow = Selectable<Database['idempotency_keys']>;
export type KbArticleRow = Selectable<Database['kb_articles']>;
export type KbVoteRow = Selectable<Database['kb_votes']>;
export type PurchaseRow = Selectable<Database['purchases']>;
export type ChargeRow = Selectable<Database['charges']>;
export type TokenRow = Selectable<Database['tokens']>;
export type OidcObjectRow = Selectable<Database['oidc_objects']>;
export type CaseFeedbackRow = Selectable<Database['case_feedback']>;
export type NewCase = Omit<CaseRow, 'seq'>;
export type MailRow = Selectable<Database['mail_outbox']>;
/** A mail to queue: what to write about, to whom, in which language; the delivery loop does the rest. */
export type NewMail = Pick<MailRow, 'id' | 'kind' | 'case_id' | 'comment_id' | 'to_address' | 'lang' | 'created_at'>;

/**
 * What a list reads on every request: the position of a case in the list and its version. Both are in the
 * `(account_id, updated_at, seq)` index, so a page is read from the index alone; everything else about a
 * case changes only with `updated_at` and is cached by the renderer.
 */
export type CaseHead = Pick<CaseRow, 'seq' | 'updated_at'>;
