import { type Kysely, type Migration, sql } from 'kysely';
import { dialectOf } from '../dialect.js';

/**
 * State several processes on one PostgreSQL database must share:
 * - `purchases.owner`: the instance id of the process charging a purchase, so that a process starting up
 *   interrupts only the purchases of processes that are gone (rows from before have none);
 * - `rate_limits` (PostgreSQL only): the request counters of `rate-limiter-flexible`, in the shape its
 *   PostgreSQL store creates, made here so that no process creates it at run time. SQLite keeps its counters
 *   in memory (one process per file).
 */
export const sharedState: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('purchases').addColumn('owner', 'text').execute();
    if (dialectOf(db) !== 'postgres') return;
    // Unlogged: written on nearly every request, and worth nothing after a crash (the counters start afresh),
    // so it skips the write-ahead log and its flush at each commit.
    await sql`create unlogged table rate_limits (key varchar(255) primary key, points integer not null default 0,
      expire bigint)`.execute(db);
  },
};
