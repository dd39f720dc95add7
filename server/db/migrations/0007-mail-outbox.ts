import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Customer e-mail (issue 16): the language a case was filed in, and the durable outbox. A mail row is written
 * in the transaction that creates the case (or stores the engineer's answer), so a committed incident always
 * has its confirmation queued; the delivery loop sends it later and records each attempt on the row.
 */
export const mailOutbox: Migration = {
  async up(db: Kysely<unknown>) {
    // Null for cases filed before this migration: their mail is written in English.
    await db.schema.alterTable('cases').addColumn('lang', 'text').execute();
    await db.schema
      .createTable('mail_outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('comment_id', 'text')
      .addColumn('to_address', 'text', (c) => c.notNull())
      .addColumn('lang', 'text', (c) => c.notNull())
      .addColumn('created_at', 'integer', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      // Null once the row is settled: sent, or given up after the last attempt.
      .addColumn('next_attempt_at', 'integer')
      .addColumn('sent_at', 'integer')
      .addColumn('delivered_via', 'text')
      .addColumn('subject', 'text')
      .addColumn('body', 'text')
      .addColumn('last_error', 'text')
      .execute();
    await sql`create index mail_outbox_due on mail_outbox (next_attempt_at) where next_attempt_at is not null`.execute(
      db,
    );
  },
};
