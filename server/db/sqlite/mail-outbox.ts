import type { DueMail, MailAttempt, MailOutboxRepository } from '../repository.js';
import type { MailRow } from '../rows.js';
import type { SqliteConnection } from './connection.js';

/** The mail outbox on SQLite. Rows are inserted by `SqliteCases`, in the transaction of their case. */
export class SqliteMailOutbox implements MailOutboxRepository {
  constructor(private readonly c: SqliteConnection) {}

  async due(at: number, limit: number): Promise<DueMail[]> {
    return this.c.db
      .selectFrom('mail_outbox as m')
      .innerJoin('cases as k', 'k.id', 'm.case_id')
      .leftJoin('comments as a', 'a.id', 'm.comment_id')
      .selectAll('m')
      .select([
        'k.seq as case_seq',
        'k.subject as case_subject',
        'k.received_at as case_received_at',
        'k.due_at as case_due_at',
        'k.service_id as case_service_id',
        'k.service_type as case_service_type',
        'a.body as answer_body',
      ])
      .where('m.next_attempt_at', 'is not', null)
      .where('m.next_attempt_at', '<=', at)
      .orderBy('m.next_attempt_at')
      .orderBy('m.id')
      .limit(limit)
      .execute();
  }

  async nextDueAt(): Promise<number | undefined> {
    const row = await this.c.db
      .selectFrom('mail_outbox')
      .select((eb) => eb.fn.min('next_attempt_at').as('at'))
      .where('next_attempt_at', 'is not', null)
      .executeTakeFirst();
    return row?.at ?? undefined;
  }

  /**
   * One synchronous transaction, like the incidents' group commit: it holds the shared connection for the
   * statements only, never across an `await` (which would make submissions arriving meanwhile wait for it).
   */
  async record(attempts: readonly { id: string; attempt: MailAttempt }[]): Promise<void> {
    if (attempts.length === 0) return;
    const statements = attempts.map(({ id, attempt }) =>
      this.c.db
        .updateTable('mail_outbox')
        .set({ next_attempt_at: null, ...attempt })
        .where('id', '=', id)
        .compile(),
    );
    const { sync } = this.c;
    if (!sync) {
      await this.c.transaction(async (trx) => {
        for (const { id, attempt } of attempts) {
          await trx
            .updateTable('mail_outbox')
            .set({ next_attempt_at: null, ...attempt })
            .where('id', '=', id)
            .execute();
        }
      });
      return;
    }
    await this.c.exclusive(() =>
      sync.transaction(() => {
        for (const { sql, parameters } of statements) sync.run(sql, parameters);
      }),
    );
  }

  async mailbox(limit: number): Promise<MailRow[]> {
    return (
      this.c.db
        .selectFrom('mail_outbox')
        .selectAll()
        .where('delivered_via', '=', 'mailbox')
        // Identifiers begin with their creation time: the primary key gives the newest first.
        .orderBy('id', 'desc')
        .limit(limit)
        .execute()
    );
  }
}
