import { type Kysely, type Migration, sql } from 'kysely';
import { dialectOf } from '../dialect.js';

/**
 * Attachment contents in the database, for PostgreSQL, where several processes (on several machines) must
 * read what any of them stored. SQLite keeps them as files in the data directory (one process per file), so
 * the tables exist there but stay empty. `attachment_holds` records each upload in flight: its content is
 * never deleted while a hold refers to it, whichever process releases first.
 */
export const attachmentBlobs: Migration = {
  async up(db: Kysely<unknown>) {
    const bytes = dialectOf(db) === 'postgres' ? sql`bytea` : sql`blob`;
    await db.schema
      .createTable('attachment_blobs')
      .addColumn('sha256', 'text', (c) => c.primaryKey())
      .addColumn('size_bytes', 'integer', (c) => c.notNull())
      .addColumn('bytes', bytes, (c) => c.notNull())
      .addColumn('stored_at', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('attachment_holds')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('held_at', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('attachment_holds_sha256').on('attachment_holds').column('sha256').execute();
  },
};
