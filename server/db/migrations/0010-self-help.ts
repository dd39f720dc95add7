import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Self-help (issue 16): the services an article is about, so a search from a service's page ranks that
 * service's troubleshooting first; and "was this helpful?" answers, one per user and article (the latest
 * answer replaces the earlier one), kept with the account so they can be removed with it.
 */
export const selfHelpMigration: Migration = {
  async up(db: Kysely<unknown>) {
    // Articles are reloaded from the shipped files at every start, so the default only matters until then.
    await db.schema
      .alterTable('kb_articles')
      .addColumn('services', 'text', (c) => c.notNull().defaultTo('[]'))
      .execute();
    await db.schema
      .createTable('kb_votes')
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('slug', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('helpful', 'integer', (c) => c.notNull())
      .addColumn('voted_at', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('kb_votes_pk', ['user_id', 'slug'])
      .modifyEnd(sql`without rowid`)
      .execute();
    await db.schema.createIndex('kb_votes_slug').on('kb_votes').columns(['slug', 'helpful']).execute();
  },
};
