import type { Kysely } from 'kysely';
import type { SupportRepository } from '../repository.js';
import type { Database } from '../schema.js';
import { SqliteAccounts, SqliteMeta } from './accounts.js';
import { SqliteAttachments } from './attachments.js';
import { SqliteAuthorization } from './authorization.js';
import { SqliteCaseFeedback } from './case-feedback.js';
import { SqliteCases } from './cases.js';
import { SqliteConnection, type SyncExecutor } from './connection.js';
import { SqliteKb } from './kb.js';
import { SqliteMailOutbox } from './mail-outbox.js';
import { SqlitePayments } from './payments.js';
import { SqliteReplies } from './replies.js';

export type { SyncExecutor } from './connection.js';

/**
 * The repository on one SQLite connection, reached through Kysely and, for the hot paths, `sync`.
 */
export function sqliteRepository(db: Kysely<Database>, sync: SyncExecutor): SupportRepository {
  return kyselyRepository(new SqliteConnection(db, sync));
}

/**
 * The same repository on PostgreSQL (Kysely's pool, no synchronous path): the aggregates in this folder are
 * plain Kysely except SQLite's hot paths and FTS5, which branch on the dialect. `instance` names this process
 * on the rows it owns while it lives (the purchases it charges).
 */
export function postgresRepository(db: Kysely<Database>, instance: string): SupportRepository {
  return kyselyRepository(new SqliteConnection(db, undefined, instance));
}

function kyselyRepository(connection: SqliteConnection): SupportRepository {
  return {
    meta: new SqliteMeta(connection),
    accounts: new SqliteAccounts(connection),
    cases: new SqliteCases(connection),
    attachments: new SqliteAttachments(connection),
    replies: new SqliteReplies(connection),
    feedback: new SqliteCaseFeedback(connection),
    kb: new SqliteKb(connection),
    payments: new SqlitePayments(connection),
    authorization: new SqliteAuthorization(connection),
    mail: new SqliteMailOutbox(connection),
  };
}
