import { type Kysely, type Migration, sql } from 'kysely';

/**
 * "New answer" in every case list reads an account's answered cases only. Without this index it went through
 * all of an account's cases on each `GET /v1/cases`: 54 requests a second instead of 8,300 for an account of
 * 57,000 cases (`node scripts/bench.mjs server`). A partial index: answered cases are few; SQLite and
 * PostgreSQL both have them.
 */
export const answeredCases: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`create index cases_answered on cases (account_id) where first_response_at is not null`.execute(db);
  },
};
