import { type Kysely, type Migration, type MigrationProvider, sql } from 'kysely';
import { dialectOf } from './dialect.js';
import { mailOutbox } from './migrations/0007-mail-outbox.js';
import { caseFeedback } from './migrations/0008-case-feedback.js';
import { billingMigration } from './migrations/0009-billing.js';
import { selfHelpMigration } from './migrations/0010-self-help.js';
import { replyAttachments } from './migrations/0011-reply-attachments.js';
import { answeredCases } from './migrations/0012-answered-cases.js';
import { sharedState } from './migrations/0013-shared-state.js';
import { attachmentBlobs } from './migrations/0014-attachment-blobs.js';

/**
 * Versioned migrations, applied in order at start (Kysely's `Migrator` records them in
 * `kysely_migration`). Never edit a released migration: add the next one. They run on SQLite and on
 * PostgreSQL: column types are written as SQLite's and mapped by `PortableSchemaPlugin` (`dialect.ts`);
 * raw SQL that only one dialect understands branches on `dialectOf(db)`.
 */
const migrations: Record<string, Migration> = {
  '0001-accounts-cases': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('accounts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('subscriptions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
        .addColumn('service_id', 'text', (c) => c.notNull())
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('gold_coverage_ends_at', 'integer')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('ended_reason', 'text')
        .addColumn('started_at', 'integer', (c) => c.notNull())
        .addColumn('cancelled_at', 'integer')
        .addColumn('charged_cents', 'integer', (c) => c.notNull())
        .addColumn('transaction_id', 'text')
        .execute();
      await db.schema.createIndex('subscriptions_account').on('subscriptions').columns(['account_id']).execute();
      await db.schema
        .createTable('cases')
        .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('service_id', 'text', (c) => c.notNull())
        .addColumn('service_type', 'integer', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('device_serial', 'text')
        .addColumn('firmware_version', 'text')
        .addColumn('contact_email', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('received_at', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'integer', (c) => c.notNull())
        .addColumn('first_response_hours', 'integer', (c) => c.notNull())
        .addColumn('first_response_at', 'integer')
        .addColumn('due_at', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('cases_account_updated')
        .on('cases')
        .columns(['account_id', 'updated_at', 'seq'])
        .execute();
      await db.schema.createIndex('cases_updated').on('cases').columns(['updated_at', 'seq']).execute();
      await db.schema
        .createTable('idempotency_keys')
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('status_code', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['account_id', 'key'])
        .modifyEnd(sql`without rowid`)
        .execute();
      await db.schema
        .createTable('comments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('author_kind', 'text', (c) => c.notNull())
        .addColumn('author_name', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('comments_case').on('comments').columns(['case_id', 'created_at']).execute();
      await db.schema
        .createTable('attachments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size_bytes', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('uploaded_at', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('attachments_case').on('attachments').columns(['case_id']).execute();
    },
  },
  '0002-knowledge-base': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('kb_articles')
        .addColumn('slug', 'text', (c) => c.notNull())
        .addColumn('lang', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('tags', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('kb_articles_pk', ['slug', 'lang'])
        .execute();
      if (dialectOf(db) === 'postgres') {
        // PostgreSQL: a weighted tsvector per article; accents are folded by the repository before indexing
        // and querying (the `unaccent` extension needs a superuser to install).
        await sql`create table kb_fts (
          slug text not null, lang text not null, title text not null, summary text not null,
          document tsvector not null)`.execute(db);
        await sql`create index kb_fts_document on kb_fts using gin (document)`.execute(db);
        return;
      }
      // Full-text index (SQLite-specific; PostgreSQL uses tsvector instead, above). Accents are
      // folded by the tokenizer, both in the index and in queries.
      await sql`create virtual table kb_fts using fts5(
        slug unindexed, lang unindexed, title, summary, body, tags,
        tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4'
      )`.execute(db);
    },
  },
  '0003-purchases': {
    async up(db: Kysely<unknown>) {
      // One row per purchase attempt, claimed before the gateway is called: the key replays the first answer,
      // and the partial unique index lets only one purchase per account and service be charging at a time.
      await db.schema
        .createTable('purchases')
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('service_id', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('response', 'text')
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('purchases_pk', ['account_id', 'key'])
        .modifyEnd(sql`without rowid`)
        .execute();
      await sql`create unique index purchases_charging on purchases (account_id, service_id)
        where state = 'charging'`.execute(db);
    },
  },
  '0004-attachment-content': {
    async up(db: Kysely<unknown>) {
      // Before deleting stored content, the server asks whether any attachment still refers to it.
      await db.schema.createIndex('attachments_sha256').on('attachments').columns(['sha256']).execute();
    },
  },
  '0005-personal-tokens': {
    async up(db: Kysely<unknown>) {
      // Personal API tokens get an id (to list and revoke them without the secret) and an expiry. Tokens issued
      // before keep no expiry; SQLite cannot add a UNIQUE column, so the unique index comes after the backfill.
      await db.schema.alterTable('tokens').addColumn('id', 'text').execute();
      await db.schema.alterTable('tokens').addColumn('expires_at', 'integer').execute();
      if (dialectOf(db) === 'postgres') {
        await sql`update tokens set id = 'tok_' || substr(replace(gen_random_uuid()::text, '-', ''), 1, 16)
          where id is null`.execute(db);
      } else {
        await sql`update tokens set id = 'tok_' || lower(hex(randomblob(8))) where id is null`.execute(db);
      }
      await db.schema.createIndex('tokens_id').on('tokens').column('id').unique().execute();
      await db.schema.createIndex('tokens_user').on('tokens').columns(['user_id', 'created_at']).execute();
    },
  },
  '0006-authorization-server': {
    async up(db: Kysely<unknown>) {
      // The authorization server's state (sessions, grants, codes, refresh tokens, replayed assertion ids…), one
      // row per object, by model and id. `uid` and `grant_id` are looked up by the provider; `expires_at` lets
      // expired rows be found and removed.
      await db.schema
        .createTable('oidc_objects')
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('uid', 'text')
        .addColumn('grant_id', 'text')
        .addColumn('user_code', 'text')
        .addColumn('expires_at', 'integer')
        .addColumn('consumed_at', 'integer')
        .addPrimaryKeyConstraint('oidc_objects_pk', ['model', 'id'])
        .modifyEnd(sql`without rowid`)
        .execute();
      await db.schema.createIndex('oidc_objects_uid').on('oidc_objects').columns(['model', 'uid']).execute();
      await db.schema.createIndex('oidc_objects_grant').on('oidc_objects').columns(['grant_id']).execute();
      await db.schema.createIndex('oidc_objects_expiry').on('oidc_objects').columns(['expires_at']).execute();
      await db.schema
        .createTable('password_credentials')
        .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('users_email').on('users').column('email').execute();
    },
  },
  '0011-reply-attachments': replyAttachments,
  '0012-answered-cases': answeredCases,
  '0013-shared-state': sharedState,
  '0014-attachment-blobs': attachmentBlobs,
  '0008-case-feedback': caseFeedback,
  '0007-mail-outbox': mailOutbox,
  '0009-billing': billingMigration,
  '0010-self-help': selfHelpMigration,
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
