import { createHash, randomUUID } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import { type AttachmentContents, quotaFromEnv } from './attachment-store.js';
import type { Database } from './schema.js';

/**
 * The first key of the transaction advisory locks taken per content (the second is the content's hash).
 * Two-key locks never collide with the one-key locks of migrations and start-up.
 */
const CONTENT_LOCK = 740_117;

/** A hold older than this was left by a process that died during an upload (an upload takes seconds). */
const STALE_HOLD_MS = 60 * 60 * 1000;

/**
 * Attachment contents in PostgreSQL (`attachment_blobs`, `bytea`, at most 10 MiB each), so that every process
 * reads what any process stored. Each upload in flight is a row of `attachment_holds`. Holding, releasing and
 * deleting one content take the same advisory lock, in one transaction each, and the "does an attachment refer
 * to it" question is asked inside that transaction: content that an upload in flight on any process, or a
 * recorded attachment, uses is never deleted.
 */
export class PostgresAttachmentStore implements AttachmentContents {
  readonly accountQuotaBytes: number;
  /** This process's holds by content: the ids of their rows. */
  readonly #holds = new Map<string, string[]>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => number,
    options: { accountQuotaBytes?: number; env?: NodeJS.ProcessEnv } = {},
  ) {
    this.accountQuotaBytes = options.accountQuotaBytes ?? quotaFromEnv(options.env ?? process.env);
  }

  async hold(bytes: Uint8Array): Promise<string> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const id = randomUUID();
    const at = this.now();
    await this.db.transaction().execute(async (trx) => {
      await lock(trx, sha256);
      await trx
        .insertInto('attachment_blobs')
        .values({ sha256, size_bytes: bytes.byteLength, bytes, stored_at: at })
        .onConflict((oc) => oc.column('sha256').doNothing())
        .execute();
      await trx.insertInto('attachment_holds').values({ id, sha256, held_at: at }).execute();
    });
    this.#holds.set(sha256, [...(this.#holds.get(sha256) ?? []), id]);
    return sha256;
  }

  /**
   * Ends one of this process's holds on `sha256`. The reference check runs in the release's own transaction
   * (the caller's `isReferenced` would read outside the lock, where another process's upload could record an
   * attachment between the check and the deletion).
   */
  async release(sha256: string, _isReferenced: () => Promise<boolean>): Promise<void> {
    const ids = this.#holds.get(sha256) ?? [];
    const id = ids.pop();
    if (ids.length === 0) this.#holds.delete(sha256);
    if (id === undefined) return;
    await this.db.transaction().execute(async (trx) => {
      await lock(trx, sha256);
      await trx.deleteFrom('attachment_holds').where('id', '=', id).execute();
      await deleteIfUnused(trx, sha256);
    });
  }

  async get(sha256: string): Promise<Buffer> {
    const row = await this.db
      .selectFrom('attachment_blobs')
      .select('bytes')
      .where('sha256', '=', sha256)
      .executeTakeFirst();
    if (!row) throw new Error(`no stored content ${sha256}`);
    return Buffer.from(row.bytes);
  }

  /**
   * Deletes holds of processes that died during an upload, then content no attachment refers to and nothing
   * holds, one content at a time under its lock. `referenced` is not used: the question is asked per content,
   * inside the lock, because other processes keep serving while this one starts.
   */
  async collectOrphans(_referenced: ReadonlySet<string>): Promise<{ files: number; bytes: number }> {
    await this.db
      .deleteFrom('attachment_holds')
      .where('held_at', '<', this.now() - STALE_HOLD_MS)
      .execute();
    const candidates = await this.db
      .selectFrom('attachment_blobs as b')
      .select('b.sha256')
      .where(({ exists, not, selectFrom }) =>
        not(exists(selectFrom('attachments as a').select('a.id').whereRef('a.sha256', '=', 'b.sha256'))),
      )
      .execute();
    const collected = { files: 0, bytes: 0 };
    for (const { sha256 } of candidates) {
      const deleted = await this.db.transaction().execute(async (trx) => {
        await lock(trx, sha256);
        return deleteIfUnused(trx, sha256);
      });
      if (deleted !== undefined) {
        collected.files++;
        collected.bytes += deleted;
      }
    }
    return collected;
  }
}

function lock(trx: Transaction<Database>, sha256: string) {
  return sql`select pg_advisory_xact_lock(${CONTENT_LOCK}, hashtext(${sha256}))`.execute(trx);
}

/** Deletes `sha256` when no hold and no attachment refers to it; returns its size when it did. */
async function deleteIfUnused(trx: Transaction<Database>, sha256: string): Promise<number | undefined> {
  const deleted = await trx
    .deleteFrom('attachment_blobs as b')
    .where('b.sha256', '=', sha256)
    .where(({ exists, not, selectFrom }) =>
      not(exists(selectFrom('attachment_holds as h').select('h.id').where('h.sha256', '=', sha256))),
    )
    .where(({ exists, not, selectFrom }) =>
      not(exists(selectFrom('attachments as a').select('a.id').where('a.sha256', '=', sha256))),
    )
    .returning('b.size_bytes')
    .executeTakeFirst();
  return deleted?.size_bytes;
}
