import type { Kysely } from 'kysely';
import type { AttachmentRepository } from '../repository.js';
import type { AttachmentRow } from '../rows.js';
import type { Database } from '../schema.js';
import { laterThanBefore, type SqliteConnection } from './connection.js';

type Db = Pick<Kysely<Database>, 'selectFrom'>;

export class SqliteAttachments implements AttachmentRepository {
  constructor(private readonly c: SqliteConnection) {}

  async list(caseIds: readonly string[]): Promise<AttachmentRow[]> {
    if (caseIds.length === 0) return [];
    return this.c.db
      .selectFrom('attachments')
      .selectAll()
      .where('case_id', 'in', caseIds)
      .orderBy('uploaded_at')
      .orderBy('id')
      .execute();
  }

  async get(caseId: string, attachmentId: string): Promise<AttachmentRow | undefined> {
    return this.c.db
      .selectFrom('attachments')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('id', '=', attachmentId)
      .executeTakeFirst();
  }

  async insert(
    row: AttachmentRow,
    caseUpdatedAt: number,
    limits: { maxPerCase: number; accountId: string; quotaBytes: number },
  ): Promise<'inserted' | 'too-many' | 'over-quota' | { existing: AttachmentRow }> {
    return this.c.casesTransaction(async (trx) => {
      // The quota is the account's: uploads to any of its cases wait for each other.
      await this.c.lockRow(trx, 'accounts', limits.accountId);
      const existing = await trx
        .selectFrom('attachments')
        .selectAll()
        .where('case_id', '=', row.case_id)
        .where('sha256', '=', row.sha256)
        .where('file_name', '=', row.file_name)
        .where('comment_id', 'is not distinct from', row.comment_id)
        .executeTakeFirst();
      if (existing) return { existing };
      if ((await countOnCase(trx, row.case_id)) >= limits.maxPerCase) return 'too-many';
      if ((await accountBytes(trx, limits.accountId)) + row.size_bytes > limits.quotaBytes) return 'over-quota';
      await trx.insertInto('attachments').values(row).execute();
      await trx
        .updateTable('cases')
        .set({ updated_at: laterThanBefore(caseUpdatedAt) })
        .where('id', '=', row.case_id)
        .execute();
      return 'inserted';
    });
  }

  accountBytes(accountId: string): Promise<number> {
    return accountBytes(this.c.db, accountId);
  }

  countOnCase(caseId: string): Promise<number> {
    return countOnCase(this.c.db, caseId);
  }

  async isBlobReferenced(sha256: string): Promise<boolean> {
    const row = await this.c.db
      .selectFrom('attachments')
      .select('id')
      .where('sha256', '=', sha256)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  async referencedBlobs(): Promise<Set<string>> {
    const rows = await this.c.db.selectFrom('attachments').select('sha256').distinct().execute();
    return new Set(rows.map((row) => row.sha256));
  }
}

/** Each attachment counted in full, even when its content is stored once for several. */
async function accountBytes(db: Db, accountId: string): Promise<number> {
  const { bytes } = await db
    .selectFrom('attachments')
    .innerJoin('cases', 'cases.id', 'attachments.case_id')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('attachments.size_bytes'), eb.val(0)).as('bytes'))
    .where('cases.account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return Number(bytes);
}

async function countOnCase(db: Db, caseId: string): Promise<number> {
  const { n } = await db
    .selectFrom('attachments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  return Number(n);
}
