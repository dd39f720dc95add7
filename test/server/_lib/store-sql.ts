import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';

/** Where a server's store is: its PostgreSQL database when it has one, else the SQLite file of `dataDir`. */
export interface StoreLocation {
  dataDir: string;
  databaseUrl?: string;
}

/** The store of servers a test file starts itself (`DATABASE_URL` on PostgreSQL, see `store-setup.ts`). */
export const fileStore = (dataDir: string): StoreLocation => ({ dataDir, databaseUrl: process.env.DATABASE_URL });

/**
 * Runs one statement on a server's store, as a test reaching past the API does (to plant what a crash
 * leaves, or to read what the API does not show). Parameters are `?` in either dialect.
 */
export async function storeQuery<T = Record<string, unknown>>(
  store: StoreLocation,
  text: string,
  parameters: unknown[] = [],
): Promise<T[]> {
  if (store.databaseUrl) {
    // Read bigint (every integer column on PostgreSQL) as a number, as the server does and SQLite returns.
    const types = { getTypeParser: (oid: number) => (oid === 20 ? Number : pg.types.getTypeParser(oid)) };
    const client = new pg.Client({ connectionString: store.databaseUrl, types } as pg.ClientConfig);
    await client.connect();
    try {
      let n = 0;
      const { rows } = await client.query(
        text.replace(/\?/g, () => `$${++n}`),
        parameters,
      );
      return rows as T[];
    } finally {
      await client.end();
    }
  }
  const db = new BetterSqlite3(path.join(store.dataDir, 'support.sqlite'));
  try {
    const statement = db.prepare(text);
    if (statement.reader) return statement.all(parameters) as T[];
    statement.run(parameters);
    return [];
  } finally {
    db.close();
  }
}
