import { type Kysely, sql, type Transaction } from 'kysely';
import { type Dialect, dialectOf } from '../dialect.js';
import type { Database } from '../schema.js';
import { ListCache } from './list-cache.js';

/** Synchronous execution of compiled statements on the connection Kysely uses. */
export interface SyncExecutor {
  run(sql: string, parameters: readonly unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  get(sql: string, parameters: readonly unknown[]): unknown;
  /** Every row, as arrays of column values in the order of the select list. */
  rows(sql: string, parameters: readonly unknown[]): unknown[][];
  /** Runs `fn` inside BEGIN … COMMIT (or rolls back if it throws). */
  transaction<T>(fn: () => T): T;
}

/**
 * Every change moves a case's `updated_at` strictly forward (even twice in one millisecond, or with a
 * clock that went back): `updatedSince` polling never misses a change, and cached renderings never go stale.
 */
export const laterThanBefore = (at: number) =>
  // A CASE rather than SQLite's max() or PostgreSQL's greatest(): both dialects read it.
  sql<number>`case when ${at} > "updated_at" + 1 then ${at} else "updated_at" + 1 end`;

/**
 * The store every aggregate shares. On SQLite: one connection, through Kysely (asynchronous) and through
 * `sync` (synchronous, for the hot paths), and the arbitration between the two. On PostgreSQL: Kysely's
 * pool only (`sync` undefined); the aggregates then take their plain asynchronous path, and the caches that
 * are exact only for the store's one writer are off (other processes write to it too).
 */
export class SqliteConnection {
  readonly dialect: Dialect;
  /** Case-list pages read lately: the case and attachment writes mark what they changed. */
  readonly lists: ListCache;
  /** Multi-statement transactions through Kysely's (asynchronous) executor that are open right now. */
  #openTransactions = 0;

  constructor(
    readonly db: Kysely<Database>,
    readonly sync?: SyncExecutor,
    /** This process's instance id on a shared store (`InstanceLock`); null on SQLite. */
    readonly instance: string | null = null,
  ) {
    this.dialect = dialectOf(db);
    this.lists = new ListCache(this.dialect === 'sqlite' ? undefined : 0);
  }

  /** Whether this process is the only writer of the store, so a cache it clears on its writes is exact. */
  get soleWriter(): boolean {
    return this.dialect === 'sqlite';
  }

  transaction<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    this.#openTransactions++;
    return this.db
      .transaction()
      .execute(work)
      .finally(() => {
        this.#openTransactions--;
      });
  }

  /**
   * Inside a transaction, waits for (and then holds until it ends) the row of `accounts` or `cases` with
   * this id, so that a check then write in the transaction is not raced by another one. SQLite has one
   * writer at a time already; PostgreSQL's transactions, at READ COMMITTED, need the lock.
   */
  async lockRow(trx: Transaction<Database>, table: 'accounts' | 'cases', id: string): Promise<void> {
    if (this.dialect !== 'postgres') return;
    await trx.selectFrom(table).select('id').where('id', '=', id).forUpdate().execute();
  }

  /** A transaction that changes cases: once it has ended, every cached list page is read again. */
  casesTransaction<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.transaction(work).finally(() => this.lists.changed(null));
  }

  /**
   * Synchronous work on the shared connection (a read, or the group-commit transaction). It cannot
   * interleave with another statement, but it could land between two statements of an asynchronous
   * transaction (and see or join its uncommitted half): then it waits for Kysely's connection, which that
   * transaction holds until it ends. A failure (a full disk) is a rejection, never a synchronous throw.
   */
  async exclusive<T>(work: () => T): Promise<T> {
    if (this.#openTransactions === 0 || !this.sync) return work();
    return this.db.connection().execute(async () => work());
  }
}
