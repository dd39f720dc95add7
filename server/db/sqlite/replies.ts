import type { Kysely } from 'kysely';
import type { ReplyOutcome, ReplyRepository } from '../repository.js';
import type { CaseRow, CommentRow } from '../rows.js';
import type { Database } from '../schema.js';
import { laterThanBefore, type SqliteConnection } from './connection.js';

/** Customer replies: posted once per `Idempotency-Key`, and looked up for the files that come with them. */
export class SqliteReplies implements ReplyRepository {
  constructor(private readonly c: SqliteConnection) {}

  async getComment(caseId: string, commentId: string): Promise<CommentRow | undefined> {
    return this.c.db
      .selectFrom('comments')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('id', '=', commentId)
      .executeTakeFirst();
  }

  async find(caseId: string, key: string | undefined): Promise<ReplyOutcome | undefined> {
    if (key === undefined) return undefined;
    return replayOf(await keyed(this.c.db, caseId, key).executeTakeFirst());
  }

  async post(
    comment: CommentRow,
    status: CaseRow['status'],
    key: { key: string; requestHash: string } | null,
  ): Promise<ReplyOutcome> {
    return this.c.casesTransaction(async (trx) => {
      if (key) {
        await this.c.lockRow(trx, 'cases', comment.case_id);
        // Checked inside the transaction: two retries sent together post one comment.
        const existing = replayOf(await keyed(trx, comment.case_id, key.key).executeTakeFirst());
        if (existing) return existing;
        await trx
          .insertInto('comment_keys')
          .values({ case_id: comment.case_id, key: key.key, request_hash: key.requestHash, comment_id: comment.id })
          .execute();
      }
      await trx.insertInto('comments').values(comment).execute();
      await trx
        .updateTable('cases')
        .set({ status, updated_at: laterThanBefore(comment.created_at) })
        .where('id', '=', comment.case_id)
        .execute();
      return { posted: true };
    });
  }
}

/** The comment first posted on `caseId` with `key`, and the hash of its body. */
function keyed(db: Pick<Kysely<Database>, 'selectFrom'>, caseId: string, key: string) {
  return db
    .selectFrom('comment_keys')
    .innerJoin('comments', 'comments.id', 'comment_keys.comment_id')
    .selectAll('comments')
    .select('comment_keys.request_hash')
    .where('comment_keys.case_id', '=', caseId)
    .where('comment_keys.key', '=', key);
}

function replayOf(row: (CommentRow & { request_hash: string }) | undefined): ReplyOutcome | undefined {
  if (!row) return undefined;
  const { request_hash, ...existing } = row;
  return { posted: false, existing, requestHash: request_hash };
}
