import type { CaseRepository } from './repository.js';
import type { MailRow } from './rows.js';

/** A queued mail with what its text is made of: its case and, for an answer notice, the answer. */
export interface DueMail extends MailRow {
  case_seq: number;
  case_subject: string;
  case_received_at: number;
  case_due_at: number;
  case_service_id: string;
  case_service_type: number;
  answer_body: string | null;
}

/** What one delivery attempt changes on a mail row. */
export type MailAttempt = Pick<MailRow, 'attempts' | 'subject' | 'body'> &
  Partial<Pick<MailRow, 'next_attempt_at' | 'sent_at' | 'delivered_via' | 'last_error'>>;

/**
 * The mail outbox. Rows are inserted by {@link CaseRepository.insertIncidents} and
 * {@link CaseRepository.update}, in the transaction of the change they are about.
 */
export interface MailOutboxRepository {
  /** Rows whose next attempt is due at `at`, oldest first. */
  due(at: number, limit: number): Promise<DueMail[]>;
  /** When the next attempt of any row is due (undefined: none waiting). */
  nextDueAt(): Promise<number | undefined>;
  /** Records attempts (and the text each rendered), in one transaction: one durable commit for all of them. */
  record(attempts: readonly { id: string; attempt: MailAttempt }[]): Promise<void>;
  /** Mail delivered to the local mailbox, newest first. */
  mailbox(limit: number): Promise<MailRow[]>;
}
