import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, type SqliteDatabase, SqliteDialect } from 'kysely';
import { ownerOnly, prepareDataDir } from './data-dir.js';
import { migrationProvider } from './migrations.js';
import type { Database } from './schema.js';
import type { SyncExecutor } from './sqlite/connection.js';

export interface OpenStore {
  db: Kysely<Database>;
  sqlite: BetterSqlite3.Database;
  /** Synchronous execution on the same connection and statement cache (for the group commit). */
  sync: SyncExecutor;
  file: string;
}

/**
 * Opens (creating when needed) the SQLite store in `dataDir` and applies pending migrations. Its files are
 * the owner's only (0600). Throws a `DataDirError` when the directory cannot be used.
 *
 * Durability settings (see README, "what a 201 promises"):
 * - `journal_mode = WAL`: readers never block the writer.
 * - `synchronous = FULL`: every commit fsyncs the WAL before it returns, so a committed row survives a
 *   process crash, an OS crash and a power loss (on storage that honours fsync).
 */
export async function openStore(dataDir: string): Promise<OpenStore> {
  prepareDataDir(dataDir);
  const file = path.join(dataDir, 'support.sqlite');
  ownerOnly(file, [`${file}-wal`, `${file}-shm`]);
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const cached = withStatementCache(sqlite);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cached }) });
  const raw = new Map<string, BetterSqlite3.Statement>();
  const sync: SyncExecutor = {
    run: (sql, parameters) => cached.prepare(sql).run(parameters),
    get: (sql, parameters) => (cached.prepare(sql) as BetterSqlite3.Statement).get(parameters),
    rows: (sql, parameters) => {
      let statement = raw.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql).raw(true);
        if (raw.size > 500) raw.clear();
        raw.set(sql, statement);
      }
      return statement.all(parameters) as unknown[][];
    },
    transaction: (fn) => sqlite.transaction(fn)(),
  };
  await migrate(db);
  return { db, sqlite, sync, file };
}

/** Applies pending migrations; on failure, closes `db` and throws naming the migration. */
export async function migrate(
  db: Kysely<Database>,
  migrationDb: Kysely<unknown> = db as unknown as Kysely<unknown>,
): Promise<void> {
  const migrator = new Migrator({ db: migrationDb, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    await db.destroy();
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}

/**
 * Kysely prepares every statement it runs; the queries of this server are a small fixed set, so keep each
 * prepared statement and reuse it (preparing costs more than running most of these queries).
 */
function withStatementCache(sqlite: BetterSqlite3.Database): SqliteDatabase & {
  prepare(sql: string): BetterSqlite3.Statement;
} {
  const cache = new Map<string, BetterSqlite3.Statement>();
  // After SQLITE_FULL (a full disk), SQLite may roll the transaction back by itself; Kysely's ROLLBACK then
  // fails with "no transaction is active" and that error replaces the one that says the disk is full.
  const realRollback = sqlite.prepare('rollback');
  const rollback = {
    reader: false,
    run: () => (sqlite.inTransaction ? realRollback.run() : { changes: 0, lastInsertRowid: 0 }),
  } as unknown as BetterSqlite3.Statement;
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      if (sql === 'rollback') return rollback;
      let statement = cache.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        // Bound the cache: queries with IN (...) lists vary in length.
        if (cache.size > 500) cache.clear();
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}
