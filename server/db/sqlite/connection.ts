import { type Kysely, sql, type Transaction } from 'kysely';
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
export const laterThanBefore = (at: number) => sql<number>`max(${at}, "updated_at" + 1)`;

/**
 * The one SQLite connection every aggregate shares, through Kysely (asynchronous) and through `sync`
 * (synchronous, for the hot paths), and the arbitration between the two.
 */
export class SqliteConnection {
  /** Case-list pages read lately: the case and attachment writes mark what they changed. */
  readonly lists = new ListCache();
  /** Multi-statement transactions through Kysely's (asynchronous) executor that are open right now. */
  #openTransactions = 0;

  constructor(
    readonly db: Kysely<Database>,
    readonly sync: SyncExecutor,
  ) {}

  transaction<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    this.#openTransactions++;
    return this.db
      .transaction()
      .execute(work)
      .finally(() => {
        this.#openTransactions--;
      });
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
    if (this.#openTransactions === 0) return work();
    return this.db.connection().execute(async () => work());
  }
}
