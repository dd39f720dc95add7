import type { Kysely } from 'kysely';
import type { CaseQuery, CaseRepository, IncidentInsertOutcome } from '../repository.js';
import type { CaseHead, CaseRow, CommentRow, IdempotencyRow, NewCase, NewMail } from '../rows.js';
import type { Database } from '../schema.js';
import { laterThanBefore, type SqliteConnection } from './connection.js';
import { insertIncidentsAsync } from './incidents-async.js';
import { type Compiled, reusable } from './reusable.js';

type ClaimInput = Omit<IdempotencyRow, 'status_code'>;
type KeyInput = { account_id: string; key: string };
interface ListInput {
  accountId?: string;
  status?: CaseRow['status'];
  serviceId?: string;
  updatedSince?: number;
  afterUpdatedAt?: number;
  afterSeq?: number;
  limit?: number;
}

/**
 * Cases and comments. The submission batch, the key lookup and the list read run synchronously on the
 * shared connection with statements compiled once: they are the benchmark's hot routes (`db/README.md`).
 */
export class SqliteCases implements CaseRepository {
  readonly #findKey = reusable((k: KeyInput) => findKey(this.c.db, k));
  readonly #claimKey = reusable((incident: ClaimInput) =>
    // Claim the key first: a key already taken (by an earlier batch) inserts nothing.
    this.c.db
      .insertInto('idempotency_keys')
      .values({ ...incident, status_code: 201 })
      .onConflict((oc) => oc.doNothing()),
  );
  readonly #insertCase = reusable((row: NewCase) => this.c.db.insertInto('cases').values(row));
  readonly #insertMail = reusable((mail: NewMail) => insertMail(this.c.db, mail));
  /** One statement per combination of filters in use. */
  readonly #listStatements = new Map<string, (input: ListInput) => Compiled>();

  constructor(private readonly c: SqliteConnection) {}

  findIdempotencyKey(accountId: string, key: string): Promise<IdempotencyRow | undefined> {
    const { sync } = this.c;
    if (!sync) return findKey(this.c.db, { account_id: accountId, key }).executeTakeFirst();
    const { sql, parameters } = this.#findKey({ account_id: accountId, key });
    return this.c.exclusive(() => sync.get(sql, parameters) as IdempotencyRow | undefined);
  }

  /** The batch runs as one synchronous SQLite transaction: no other transaction can interleave with it. */
  insertIncidents(
    incidents: readonly { row: NewCase; key: string; requestHash: string; mail?: NewMail | undefined }[],
  ): Promise<IncidentInsertOutcome[]> {
    const { sync, lists } = this.c;
    if (!sync) return insertIncidentsAsync(this.c, incidents);
    const accounts = incidents.map((incident) => incident.row.account_id);
    return this.c.exclusive(() => {
      try {
        return sync.transaction(() =>
          incidents.map((incident): IncidentInsertOutcome => {
            const claimed = this.#claimKey({
              account_id: incident.row.account_id,
              key: incident.key,
              request_hash: incident.requestHash,
              case_id: incident.row.id,
              created_at: incident.row.received_at,
            });
            if (Number(sync.run(claimed.sql, claimed.parameters).changes) === 0) {
              const lookup = this.#findKey({ account_id: incident.row.account_id, key: incident.key });
              return { inserted: false, existing: sync.get(lookup.sql, lookup.parameters) as IdempotencyRow };
            }
            const inserted = this.#insertCase(incident.row);
            const seq = Number(sync.run(inserted.sql, inserted.parameters).lastInsertRowid);
            if (incident.mail) {
              const mail = this.#insertMail(incident.mail);
              sync.run(mail.sql, mail.parameters);
            }
            return { inserted: true, seq };
          }),
        );
      } finally {
        lists.changed(accounts);
      }
    });
  }

  async get(id: string, accountId: string | null): Promise<CaseRow | undefined> {
    let query = this.c.db.selectFrom('cases').selectAll().where('id', '=', id);
    if (accountId !== null) query = query.where('account_id', '=', accountId);
    return query.executeTakeFirst();
  }

  async list(q: CaseQuery): Promise<CaseHead[]> {
    // Only the filters in use are fields: each combination is one statement shape, built once.
    const input: ListInput = {};
    if (q.accountId !== null) input.accountId = q.accountId;
    if (q.status) input.status = q.status;
    if (q.serviceId) input.serviceId = q.serviceId;
    if (q.updatedSince !== undefined) input.updatedSince = q.updatedSince;
    if (q.after) {
      input.afterUpdatedAt = q.after.updatedAt;
      input.afterSeq = q.after.seq;
    }
    input.limit = q.limit;
    const key = JSON.stringify(input);
    const cached = this.c.lists.get(q.accountId, key);
    if (cached) return cached;
    const readAt = this.c.lists.now();
    const heads = await this.#listNow(input);
    this.c.lists.set(q.accountId, key, readAt, heads);
    return heads;
  }

  #listNow(input: ListInput): Promise<CaseHead[]> {
    const shape = Object.keys(input).join(',');
    let statement = this.#listStatements.get(shape);
    if (!statement) {
      statement = reusable((i: ListInput) => this.#listQuery(i));
      this.#listStatements.set(shape, statement);
    }
    const { sync } = this.c;
    if (!sync) return this.#listQuery(input).execute();
    const { sql, parameters } = statement(input);
    // Rows as arrays: cheaper than objects in the driver.
    return this.c.exclusive(() =>
      sync.rows(sql, parameters).map(([seq, updated_at]) => ({ seq: seq as number, updated_at: updated_at as number })),
    );
  }

  #listQuery(i: ListInput) {
    let query = this.c.db.selectFrom('cases').select(['seq', 'updated_at']);
    if (i.accountId !== undefined) query = query.where('account_id', '=', i.accountId);
    if (i.status !== undefined) query = query.where('status', '=', i.status);
    if (i.serviceId !== undefined) query = query.where('service_id', '=', i.serviceId);
    if (i.updatedSince !== undefined) query = query.where('updated_at', '>', i.updatedSince);
    const { afterUpdatedAt, afterSeq } = i;
    if (afterUpdatedAt !== undefined && afterSeq !== undefined) {
      query = query.where((eb) =>
        eb.or([
          eb('updated_at', '<', afterUpdatedAt),
          eb.and([eb('updated_at', '=', afterUpdatedAt), eb('seq', '<', afterSeq)]),
        ]),
      );
    }
    return query
      .orderBy('updated_at', 'desc')
      .orderBy('seq', 'desc')
      .limit(i.limit ?? 20);
  }

  async getBySeq(seqs: readonly number[]): Promise<CaseRow[]> {
    if (seqs.length === 0) return [];
    return this.c.db.selectFrom('cases').selectAll().where('seq', 'in', seqs).execute();
  }

  async update(
    id: string,
    changes: Partial<Pick<CaseRow, 'status' | 'updated_at' | 'first_response_at'>>,
    comment?: CommentRow,
    mail?: NewMail,
  ): Promise<void> {
    const { updated_at: at, ...rest } = changes;
    await this.c.casesTransaction(async (trx) => {
      if (comment) await trx.insertInto('comments').values(comment).execute();
      if (mail) await insertMail(trx, mail).execute();
      await trx
        .updateTable('cases')
        .set({ ...rest, ...(at === undefined ? {} : { updated_at: laterThanBefore(at) }) })
        .where('id', '=', id)
        .execute();
    });
  }

  async listComments(caseId: string): Promise<CommentRow[]> {
    return this.c.db
      .selectFrom('comments')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }
}

/** A new outbox row is due at once. */
export function insertMail(db: Pick<Kysely<Database>, 'insertInto'>, mail: NewMail) {
  return db.insertInto('mail_outbox').values({ ...mail, attempts: 0, next_attempt_at: mail.created_at });
}

/** The idempotency key `k`, on the store or in a transaction. */
export function findKey(db: Pick<Kysely<Database>, 'selectFrom'>, k: KeyInput) {
  return db.selectFrom('idempotency_keys').selectAll().where('account_id', '=', k.account_id).where('key', '=', k.key);
}
