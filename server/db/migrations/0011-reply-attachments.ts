import { type Kysely, type Migration, sql } from 'kysely';

/**
 * A reply can carry files: an attachment may name the comment it came with (none: the incident's own). A
 * customer's reply is idempotent like an incident: its `Idempotency-Key` is kept per case with the hash of
 * the body, so a retry after a lost answer returns the same comment instead of posting it twice.
 */
export const replyAttachments: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('attachments').addColumn('comment_id', 'text').execute();
    await db.schema
      .createTable('comment_keys')
      .addColumn('case_id', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('comment_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('comment_keys_pk', ['case_id', 'key'])
      .modifyEnd(sql`without rowid`)
      .execute();
  },
};
