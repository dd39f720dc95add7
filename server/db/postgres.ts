import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PortableSchemaPlugin } from './dialect.js';
import { migrate } from './open.js';
import type { Database } from './schema.js';

/** Where PostgreSQL is and how many connections one process may hold. */
export interface PostgresOptions {
  url: string;
  /** Connections in this process's pool; default 10. */
  poolMax?: number;
}

const INT8 = 20;
/**
 * Instants are epoch milliseconds in `bigint` columns; `pg` returns `bigint` as a string (it may exceed
 * 2^53): ours never do, so they are read as numbers, as SQLite returns them.
 */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 && format !== 'binary') return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** Any number: all processes agree on it to serialize their migrations. */
const MIGRATION_LOCK = 740_117_017;

/**
 * Connects to PostgreSQL and applies pending migrations. Several processes may start at once: each holds
 * a session advisory lock around the migrator (Kysely's own lock covers the migrations, but not the
 * creation of its bookkeeping tables, which two processes racing on an empty database both attempt).
 */
export async function openPostgres(options: PostgresOptions): Promise<{ db: Kysely<Database>; pool: pg.Pool }> {
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolMax ?? 10, types });
  // An idle connection that the server drops (a restart, a failover) must not crash the process.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await db.connection().execute(async (connection) => {
      await sql`select pg_advisory_lock(${MIGRATION_LOCK})`.execute(connection);
      try {
        await migrate(db, connection.withPlugin(new PortableSchemaPlugin()) as Kysely<unknown>);
      } finally {
        await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.execute(connection).catch(() => {});
      }
    });
  } catch (error) {
    await db.destroy().catch(() => {});
    throw error;
  }
  return { db, pool };
}

/** Any number: all processes agree on it to serialize their start-up writes. */
const STARTUP_LOCK = 740_117_018;

/**
 * Runs `work` while holding a session advisory lock on a connection of its own (outside the pool, so
 * `work` may use every pooled connection): the start-up writes of processes started together (shipped
 * articles, demo accounts) happen one process at a time.
 */
export async function withStartupLock<T>(url: string, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [STARTUP_LOCK]);
    return await work();
  } finally {
    await client.end().catch(() => {});
  }
}
