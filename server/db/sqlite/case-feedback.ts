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
    // Only answered cases can hold a new answer (the first answer sets `first_response_at`): the partial index
    // `cases_answered` reads those alone, however many cases the account has.
    const rows = await this.c.db
      .selectFrom('cases as c')
      .leftJoin('case_reads as r', (join) => join.onRef('r.case_id', '=', 'c.id').on('r.user_id', '=', userId))
      .select('c.id')
      .where('c.account_id', '=', accountId)
      .where('c.first_response_at', 'is not', null)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('comments as m')
            .select('m.id')
            .whereRef('m.case_id', '=', 'c.id')
            .where('m.author_kind', '=', 'agent')
            .where((inner) =>
              inner.or([inner('r.read_at', 'is', null), inner('m.created_at', '>', inner.ref('r.read_at'))]),
            ),
        ),
      )
      .execute();
    return rows.map((row) => row.id);
  }
}
