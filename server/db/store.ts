import type { Kysely } from 'kysely';
import type pg from 'pg';
import { prepareDataDir } from './data-dir.js';
import type { Dialect } from './dialect.js';
import { InstanceLock } from './instance-lock.js';
import { openStore } from './open.js';
import { openPostgres, withStartupLock } from './postgres.js';
import type { SupportRepository } from './repository.js';
import type { Database } from './schema.js';
import { postgresRepository, sqliteRepository } from './sqlite/index.js';

/** The store the server runs on, migrated and ready. */
export interface SupportStore {
  dialect: Dialect;
  db: Kysely<Database>;
  repo: SupportRepository;
  /** Runs start-up writes one process at a time (on PostgreSQL; SQLite has one process per file). */
  atStart<T>(work: () => Promise<T>): Promise<T>;
  /** Whether the process whose instance id is `owner` is gone (on SQLite, the only process is this one). */
  ownerIsGone(owner: string | null): Promise<boolean>;
  /** The pool, on PostgreSQL (the shared rate limits use it). */
  pool?: pg.Pool;
  close(): Promise<void>;
}

/** Where the data lives: PostgreSQL when `databaseUrl` is set, else the SQLite file in `dataDir`. */
export interface StoreOptions {
  dataDir: string;
  databaseUrl?: string;
  poolMax?: number;
}

/** Opens (and migrates) PostgreSQL when a URL is given, SQLite in `dataDir` otherwise. */
export async function openSupportStore(options: StoreOptions): Promise<SupportStore> {
  if (options.databaseUrl) {
    // The data directory keeps only copies of the demo secrets: keys, limits and attachments are in the database.
    prepareDataDir(options.dataDir);
    const { db, pool } = await openPostgres({ url: options.databaseUrl, poolMax: options.poolMax });
    const url = options.databaseUrl;
    const instance = await InstanceLock.acquire(url).catch(async (error) => {
      await db.destroy();
      throw error;
    });
    return {
      dialect: 'postgres',
      db,
      repo: postgresRepository(db, instance.id),
      atStart: (work) => withStartupLock(url, work),
      ownerIsGone: (owner) => instance.isGone(owner),
      pool,
      close: async () => {
        await db.destroy();
        await instance.release();
      },
    };
  }
  const store = await openStore(options.dataDir);
  return {
    dialect: 'sqlite',
    db: store.db,
    repo: sqliteRepository(store.db, store.sync),
    atStart: (work) => work(),
    ownerIsGone: async () => true,
    close: () => store.db.destroy(),
  };
}

/** `DATABASE_URL` and `DATABASE_POOL_MAX` (1–1000, default 10); a bad value stops the start. */
export function databaseFromEnv(env: NodeJS.ProcessEnv = process.env): { databaseUrl?: string; poolMax?: number } {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must be a postgres:// (or postgresql://) URL');
  }
  const raw = env.DATABASE_POOL_MAX?.trim();
  if (!raw) return { databaseUrl };
  const poolMax = Number(raw);
  if (!Number.isInteger(poolMax) || poolMax < 1 || poolMax > 1000) {
    throw new Error(`DATABASE_POOL_MAX must be a whole number from 1 to 1000, not "${raw}"`);
  }
  return { databaseUrl, poolMax };
}
