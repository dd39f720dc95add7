import { sql } from 'kysely';
import type { DueMail, MailAttempt, MailOutboxRepository } from '../repository.js';
import type { MailRow } from '../rows.js';
import type { SqliteConnection } from './connection.js';

/** How long a process may take to send the mail it claimed before another process may try it. */
export const MAIL_LEASE_MS = 5 * 60_000;

/** The mail outbox (SQLite and PostgreSQL). Rows are inserted by `SqliteCases`, in the transaction of their case. */
export class SqliteMailOutbox implements MailOutboxRepository {
  constructor(private readonly c: SqliteConnection) {}

  async due(at: number, limit: number): Promise<DueMail[]> {
    if (!this.c.soleWriter) return this.#claimDue(at, limit);
    return this.#withCase()
      .where('m.next_attempt_at', 'is not', null)
      .where('m.next_attempt_at', '<=', at)
      .orderBy('m.next_attempt_at')
      .orderBy('m.id')
      .limit(limit)
      .execute();
  }

  /**
   * With other processes reading the same outbox (PostgreSQL), the due rows are claimed: their next attempt
   * moves {@link MAIL_LEASE_MS} ahead, rows another process is claiming are skipped, so one mail is sent by
   * one process. A process that dies before recording leaves its rows due again once the lease ends.
   */
  async #claimDue(at: number, limit: number): Promise<DueMail[]> {
    const { rows } = await sql<{ id: string }>`update mail_outbox set next_attempt_at = ${at + MAIL_LEASE_MS}
      where id in (select id from mail_outbox where next_attempt_at is not null and next_attempt_at <= ${at}
        order by next_attempt_at, id limit ${limit} for update skip locked)
      returning id`.execute(this.c.db);
    if (rows.length === 0) return [];
    // Identifiers begin with their creation time: oldest first.
    return this.#withCase()
      .where(
        'm.id',
        'in',
        rows.map((row) => row.id),
      )
      .orderBy('m.id')
      .execute();
  }

  #withCase() {
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
      ]);
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
