import type { CaseFeedbackRepository, FeedbackListing } from '../repository.js';
import type { CaseFeedbackRow } from '../rows.js';
import { laterThanBefore, type SqliteConnection } from './connection.js';

/** Ratings of resolved cases and the cases each user has opened. */
export class SqliteCaseFeedback implements CaseFeedbackRepository {
  constructor(private readonly c: SqliteConnection) {}

  async rate(row: CaseFeedbackRow): Promise<void> {
    await this.c.casesTransaction(async (trx) => {
      await trx
        .insertInto('case_feedback')
        .values(row)
        .onConflict((oc) =>
          oc.column('case_id').doUpdateSet({
            user_id: row.user_id,
            rating: row.rating,
            comment: row.comment,
            created_at: row.created_at,
          }),
        )
        .execute();
      // A rating changes what the case's readers see: lists and conditional requests must notice.
      await trx
        .updateTable('cases')
        .set({ updated_at: laterThanBefore(row.created_at) })
        .where('id', '=', row.case_id)
        .execute();
    });
  }

  get(caseId: string): Promise<CaseFeedbackRow | undefined> {
    return this.c.db.selectFrom('case_feedback').selectAll().where('case_id', '=', caseId).executeTakeFirst();
  }

  latest(limit: number): Promise<FeedbackListing[]> {
    return this.c.db
      .selectFrom('case_feedback as f')
      .innerJoin('cases as c', 'c.id', 'f.case_id')
      .selectAll('f')
      .select(['c.seq', 'c.subject', 'c.status'])
      .orderBy('f.created_at', 'desc')
      .orderBy('c.seq', 'desc')
      .limit(limit)
      .execute();
  }

  async markRead(userId: string, caseId: string, at: number, lastAnswerAt: number): Promise<void> {
    const read = await this.c.db
      .selectFrom('case_reads')
      .select('read_at')
      .where('user_id', '=', userId)
      .where('case_id', '=', caseId)
      .executeTakeFirst();
    if (read && read.read_at >= lastAnswerAt) return;
    await this.c.db
      .insertInto('case_reads')
      .values({ user_id: userId, case_id: caseId, read_at: Math.max(at, lastAnswerAt) })
      .onConflict((oc) => oc.columns(['user_id', 'case_id']).doUpdateSet({ read_at: Math.max(at, lastAnswerAt) }))
      .execute();
  }

  async unread(userId: string, accountId: string): Promise<string[]> {
    const rows = await this.c.db
      .selectFrom('cases as c')
      .innerJoin('comments as m', 'm.case_id', 'c.id')
      .leftJoin('case_reads as r', (join) => join.onRef('r.case_id', '=', 'c.id').on('r.user_id', '=', userId))
      .select('c.id')
      .where('c.account_id', '=', accountId)
      .where('m.author_kind', '=', 'agent')
      .where((eb) => eb.or([eb('r.read_at', 'is', null), eb('m.created_at', '>', eb.ref('r.read_at'))]))
      .groupBy('c.id')
      .execute();
    return rows.map((row) => row.id);
  }
}
