import path from 'node:path';
import pg from 'pg';
import { bytesUnder, filesUnder } from './disk.js';
import type { Harness } from './harness.js';

/** One query on its own connection (the test's view of the database, not the server's pool). */
export async function query<T>(databaseUrl: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * Where attachment contents are, whichever store the suite runs on: the files under `attachments/` of the
 * data directory (SQLite, temporary files included), or the rows of `attachment_blobs` (PostgreSQL).
 */
export async function storedBlobs(h: Harness): Promise<string[]> {
  if (!h.databaseUrl) return filesUnder(path.join(h.dataDir, 'attachments'));
  const rows = await query<{ sha256: string }>(h.databaseUrl, 'select sha256 from attachment_blobs order by 1');
  return rows.map((row) => row.sha256);
}

/**
 * What a refused upload could leave behind: the bytes of the data directory, plus on PostgreSQL the
 * attachment contents and the holds of uploads in flight.
 */
export async function storedBytes(h: Harness): Promise<number> {
  const onDisk = bytesUnder(h.dataDir);
  if (!h.databaseUrl) return onDisk;
  const [row] = await query<{ n: number }>(
    h.databaseUrl,
    `select (select coalesce(sum(octet_length(bytes)), 0) from attachment_blobs)::int
          + (select count(*) from attachment_holds)::int as n`,
  );
  return onDisk + row.n;
}
