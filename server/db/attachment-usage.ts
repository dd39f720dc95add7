import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

type Db = Pick<Kysely<Database>, 'selectFrom'>;

/**
 * What the attachments of one account take: the sum of their sizes, each attachment counted in full even
 * when its content is stored once for several (the quota a customer can predict from their own files).
 */
export async function accountAttachmentBytes(db: Db, accountId: string): Promise<number> {
  const { bytes } = await db
    .selectFrom('attachments')
    .innerJoin('cases', 'cases.id', 'attachments.case_id')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('attachments.size_bytes'), eb.val(0)).as('bytes'))
    .where('cases.account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return Number(bytes);
}

/** How many attachments a case has. */
export async function caseAttachmentCount(db: Db, caseId: string): Promise<number> {
  const { n } = await db
    .selectFrom('attachments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Whether any attachment refers to the stored content `sha256` (content is stored once for all of them). */
export async function isBlobReferenced(db: Db, sha256: string): Promise<boolean> {
  const row = await db.selectFrom('attachments').select('id').where('sha256', '=', sha256).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Every stored content some attachment refers to. */
export async function referencedBlobs(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('attachments').select('sha256').distinct().execute();
  return new Set(rows.map((row) => row.sha256));
}
