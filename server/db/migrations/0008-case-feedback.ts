import type { Kysely, Migration } from 'kysely';

/**
 * Live cases: the customer's rating of a resolved case (one per case, the latest wins), and when each user
 * last opened each case, so that "new answer" is the same wherever the customer looks.
 */
export const caseFeedback: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('case_feedback')
      .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('rating', 'text', (c) => c.notNull())
      .addColumn('comment', 'text')
      .addColumn('created_at', 'integer', (c) => c.notNull())
      .execute();
    // The engineers' list reads the latest ratings first.
    await db.schema.createIndex('case_feedback_created').on('case_feedback').columns(['created_at']).execute();
    await db.schema
      .createTable('case_reads')
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('read_at', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('case_reads_pk', ['user_id', 'case_id'])
      .execute();
  },
};
