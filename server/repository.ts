import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import { accountAttachmentBytes, caseAttachmentCount } from './db/attachment-usage.js';
import type { Database } from './db/schema.js';

export type AccountRow = Selectable<Database['accounts']>;
export type UserRow = Selectable<Database['users']>;
export type SubscriptionRow = Selectable<Database['subscriptions']>;
export type CaseRow = Selectable<Database['cases']>;
export type CommentRow = Selectable<Database['comments']>;
export type AttachmentRow = Selectable<Database['attachments']>;
export type IdempotencyRow = Selectable<Database['idempotency_keys']>;
export type KbArticleRow = Selectable<Database['kb_articles']>;
export type NewCase = Omit<CaseRow, 'seq'>;
/**
 * What a list reads on every request: the position of a case in the list and its version. Both are in the
 * `(account_id, updated_at, seq)` index, so a page is read from the index alone; everything else about a
 * case changes only with `updated_at` and is cached by the renderer.
 */
export type CaseHead = Pick<CaseRow, 'seq' | 'updated_at'>;
export type IncidentInsertOutcome = { inserted: true; seq: number } | { inserted: false; existing: IdempotencyRow };

/**
 * Every change moves a case's `updated_at` strictly forward (even twice in one millisecond, or with a
 * clock that went back): `updatedSince` polling never misses a change, and cached renderings never go stale.
 */
const laterThanBefore = (at: number) => sql<number>`max(${at}, "updated_at" + 1)`;

type ClaimInput = Omit<IdempotencyRow, 'status_code'>;
interface ListInput {
  accountId?: string;
  status?: CaseRow['status'];
  serviceId?: string;
  updatedSince?: number;
  afterUpdatedAt?: number;
  afterSeq?: number;
  limit?: number;
}
type Compiled = { sql: string; parameters: readonly unknown[] };

/**
 * A statement that Kysely builds once and that is then reused with new values. The builder is compiled
 * with a unique marker in every input field, which tells where each field's value goes in the parameter
 * list (other parameters are the builder's own constants). The first call checks the plan against a real
 * compilation of its input, so a builder whose SQL or parameters do not follow its input is refused.
 */
function reusable<T extends object>(build: (input: T) => { compile(): Compiled }): (input: T) => Compiled {
  let plan: { sql: string; slots: ({ field: keyof T } | { constant: unknown })[] } | undefined;
  const bind = (input: T): Compiled => {
    const slots = plan!.slots;
    const parameters = new Array(slots.length);
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i];
      parameters[i] = 'field' in slot ? input[slot.field] : slot.constant;
    }
    return { sql: plan!.sql, parameters };
  };
  return (input) => {
    if (plan) return bind(input);
    const keys = Object.keys(input) as (keyof T)[];
    const marker = (i: number) => `\u0000marker${i}\u0000`;
    const markers = Object.fromEntries(keys.map((key, i) => [key, marker(i)])) as T;
    const compiled = build(markers).compile();
    plan = {
      sql: compiled.sql,
      slots: compiled.parameters.map((p) => {
        const index = keys.findIndex((_, i) => p === marker(i));
        return index < 0 ? { constant: p } : { field: keys[index] };
      }),
    };
    const real = build(input).compile();
    const bound = bind(input);
    if (real.sql !== bound.sql || real.parameters.some((p, i) => !Object.is(p, bound.parameters[i]))) {
      throw new Error('this statement cannot be reused: its SQL or parameters do not follow its input');
    }
    return bound;
  };
}

/** Synchronous execution of compiled statements on the connection Kysely uses (SQLite only). */
export interface SyncExecutor {
  run(sql: string, parameters: readonly unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  get(sql: string, parameters: readonly unknown[]): unknown;
  /** Every row, as arrays of column values in the order of the select list. */
  rows(sql: string, parameters: readonly unknown[]): unknown[][];
  /** Runs `fn` inside BEGIN … COMMIT (or rolls back if it throws). */
  transaction<T>(fn: () => T): T;
}

export interface CaseQuery {
  /** `null` for the support engineers' view across every account. */
  accountId: string | null;
  status?: CaseRow['status'];
  serviceId?: string;
  updatedSince?: number;
  /** Keyset position: the `(updated_at, seq)` of the last row of the previous page. */
  after?: { updatedAt: number; seq: number };
  limit: number;
}

/**
 * Every SQL statement of the server, behind one small interface. Routes never see SQL or the dialect:
 * Kysely builds the queries, so a PostgreSQL dialect can replace SQLite here without touching them.
 * Every case query that a customer can reach takes the caller's account, so a case of another account
 * is simply not found.
 */
export class SupportRepository {
  /**
   * This process is the only writer of the store, so these read caches are exact: every write below
   * that changes what they hold clears the entry. Tokens are never changed once issued.
   */
  readonly #subscriptions = new Map<string, SubscriptionRow[]>();
  readonly #callers = new Map<string, { user: UserRow; account: AccountRow }>();
  /** List pages read lately; an account's pages are read again once its cases change. */
  readonly #lists = new ListCache();

  /**
   * @param db - the Kysely instance (any dialect).
   * @param sync - with SQLite, synchronous access to the same connection for the group-commit batch.
   */
  constructor(
    readonly db: Kysely<Database>,
    readonly sync?: SyncExecutor,
  ) {}

  async getMeta(key: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.db
      .insertInto('meta')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }

  async insertAccount(row: AccountRow): Promise<void> {
    await this.db.insertInto('accounts').values(row).execute();
  }

  async insertUser(row: UserRow): Promise<void> {
    await this.db.insertInto('users').values(row).execute();
  }

  async insertToken(tokenHash: string, userId: string, label: string, at: number): Promise<void> {
    await this.db
      .insertInto('tokens')
      .values({ token_hash: tokenHash, user_id: userId, label, created_at: at })
      .execute();
  }

  async findUserByTokenHash(tokenHash: string): Promise<{ user: UserRow; account: AccountRow } | undefined> {
    const cached = this.#callers.get(tokenHash);
    if (cached) return cached;
    const found = await this.#findUserByTokenHash(tokenHash);
    if (found) {
      if (this.#callers.size > 10_000) this.#callers.clear();
      this.#callers.set(tokenHash, found);
    }
    return found;
  }

  async #findUserByTokenHash(tokenHash: string): Promise<{ user: UserRow; account: AccountRow } | undefined> {
    const row = await this.db
      .selectFrom('tokens')
      .innerJoin('users', 'users.id', 'tokens.user_id')
      .innerJoin('accounts', 'accounts.id', 'users.account_id')
      .select([
        'users.id as user_id',
        'users.account_id',
        'users.name as user_name',
        'users.email',
        'users.role',
        'users.created_at as user_created_at',
        'accounts.name as account_name',
        'accounts.created_at as account_created_at',
      ])
      .where('tokens.token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      user: {
        id: row.user_id,
        account_id: row.account_id,
        name: row.user_name,
        email: row.email,
        role: row.role,
        created_at: row.user_created_at,
      },
      account: { id: row.account_id, name: row.account_name, created_at: row.account_created_at },
    };
  }

  async findUser(userId: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  }

  // Subscriptions

  async listSubscriptions(accountId: string): Promise<SubscriptionRow[]> {
    const cached = this.#subscriptions.get(accountId);
    if (cached) return cached.map((row) => ({ ...row }));
    const rows = await this.db
      .selectFrom('subscriptions')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('started_at')
      .orderBy('id')
      .execute();
    if (this.#subscriptions.size > 10_000) this.#subscriptions.clear();
    this.#subscriptions.set(accountId, rows);
    return rows.map((row) => ({ ...row }));
  }

  async getSubscription(accountId: string, id: string): Promise<SubscriptionRow | undefined> {
    return this.db
      .selectFrom('subscriptions')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /**
   * Records a purchase; an active free plan of the same service is replaced (that is not a cancellation).
   * `also` runs in the same transaction (the purchase's idempotency record).
   */
  async insertSubscription(row: SubscriptionRow, also?: (trx: Transaction<Database>) => Promise<void>): Promise<void> {
    this.#subscriptions.delete(row.account_id);
    await this.#transaction(async (trx) => {
      await trx
        .updateTable('subscriptions')
        .set({ status: 'cancelled', ended_reason: 'replaced', cancelled_at: row.started_at })
        .where('account_id', '=', row.account_id)
        .where('service_id', '=', row.service_id)
        .where('status', '=', 'active')
        .execute();
      await trx.insertInto('subscriptions').values(row).execute();
      await also?.(trx);
    });
    this.#subscriptions.delete(row.account_id);
  }

  async cancelSubscription(id: string, at: number, extraChargedCents: number): Promise<void> {
    this.#subscriptions.clear();
    await this.db
      .updateTable('subscriptions')
      .set((eb) => ({
        status: 'cancelled',
        ended_reason: 'cancelled',
        cancelled_at: at,
        charged_cents: eb('charged_cents', '+', extraChargedCents),
      }))
      .where('id', '=', id)
      .execute();
    this.#subscriptions.clear();
  }

  // Cases

  async findIdempotencyKey(accountId: string, key: string): Promise<IdempotencyRow | undefined> {
    const sync = this.sync;
    if (!sync) return this.#findKey(this.db, accountId, key).executeTakeFirst();
    this.#findKeyStatement ??= reusable((k: { account_id: string; key: string }) =>
      this.#findKey(this.db, k.account_id, k.key),
    );
    const { sql, parameters } = this.#findKeyStatement({ account_id: accountId, key });
    return this.#read(() => sync.get(sql, parameters) as IdempotencyRow | undefined);
  }

  #findKeyStatement?: (input: { account_id: string; key: string }) => Compiled;

  /**
   * Inserts several incidents in ONE transaction (group commit): one durable commit for every
   * submission that arrived together. A key already used (by an earlier batch) is reported, not inserted.
   *
   * This is the hot write path: Kysely builds each statement, and the batch runs as one synchronous
   * SQLite transaction while holding Kysely's connection, so no other transaction can interleave with it.
   */
  async insertIncidents(
    incidents: readonly { row: NewCase; key: string; requestHash: string }[],
  ): Promise<IncidentInsertOutcome[]> {
    const sync = this.sync;
    if (!sync) return this.#insertIncidentsAsync(incidents);
    this.#batchStatements ??= {
      claim: reusable((incident: ClaimInput) => this.#claimKey(this.db, incident)),
      find: reusable((k: { account_id: string; key: string }) => this.#findKey(this.db, k.account_id, k.key)),
      insert: reusable((row: NewCase) => this.db.insertInto('cases').values(row)),
    };
    const { claim, find, insert } = this.#batchStatements;
    const accounts = incidents.map((incident) => incident.row.account_id);
    return this.#read(() => {
      try {
        return sync.transaction(() =>
          incidents.map((incident): IncidentInsertOutcome => {
            const claimed = claim({
              account_id: incident.row.account_id,
              key: incident.key,
              request_hash: incident.requestHash,
              case_id: incident.row.id,
              created_at: incident.row.received_at,
            });
            if (Number(sync.run(claimed.sql, claimed.parameters).changes) === 0) {
              const lookup = find({ account_id: incident.row.account_id, key: incident.key });
              return { inserted: false, existing: sync.get(lookup.sql, lookup.parameters) as IdempotencyRow };
            }
            const inserted = insert(incident.row);
            return { inserted: true, seq: Number(sync.run(inserted.sql, inserted.parameters).lastInsertRowid) };
          }),
        );
      } finally {
        this.#lists.changed(accounts);
      }
    });
  }

  /** Multi-statement transactions through Kysely's (asynchronous) executor that are open right now. */
  #openTransactions = 0;

  #transaction<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    this.#openTransactions++;
    return this.db
      .transaction()
      .execute(work)
      .finally(() => {
        this.#openTransactions--;
      });
  }

  /** A transaction that changes cases: once it has ended, every cached list page is read again. */
  #casesTransaction<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.#transaction(work).finally(() => this.#lists.changed(null));
  }

  /**
   * Synchronous work on the shared connection (a read, or the group-commit transaction). It cannot
   * interleave with another statement, but it could land between two statements of an asynchronous
   * transaction (and see or join its uncommitted half): then it waits for Kysely's connection, which that
   * transaction holds until it ends.
   */
  #read<T>(read: () => T): Promise<T> {
    if (this.#openTransactions === 0) return Promise.resolve(read());
    return this.db.connection().execute(async () => read());
  }

  #batchStatements?: {
    claim: (input: ClaimInput) => Compiled;
    find: (input: { account_id: string; key: string }) => Compiled;
    insert: (row: NewCase) => Compiled;
  };

  #claimKey(db: Kysely<Database>, incident: ClaimInput) {
    // Claim the key first: a key already taken (by an earlier batch) inserts nothing.
    return db
      .insertInto('idempotency_keys')
      .values({ ...incident, status_code: 201 })
      .onConflict((oc) => oc.doNothing());
  }

  #findKey(db: Kysely<Database>, accountId: string, key: string) {
    return db.selectFrom('idempotency_keys').selectAll().where('account_id', '=', accountId).where('key', '=', key);
  }

  /** The same batch through Kysely's executor, for a dialect without a synchronous driver. */
  async #insertIncidentsAsync(
    incidents: readonly { row: NewCase; key: string; requestHash: string }[],
  ): Promise<IncidentInsertOutcome[]> {
    return this.#casesTransaction(async (trx) => {
      const outcomes: IncidentInsertOutcome[] = [];
      for (const incident of incidents) {
        const claimed = await this.#claimKey(trx, {
          account_id: incident.row.account_id,
          key: incident.key,
          request_hash: incident.requestHash,
          case_id: incident.row.id,
          created_at: incident.row.received_at,
        }).executeTakeFirst();
        if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) {
          const existing = await this.#findKey(trx, incident.row.account_id, incident.key).executeTakeFirstOrThrow();
          outcomes.push({ inserted: false, existing });
          continue;
        }
        const { insertId } = await trx.insertInto('cases').values(incident.row).executeTakeFirstOrThrow();
        outcomes.push({ inserted: true, seq: Number(insertId) });
      }
      return outcomes;
    });
  }

  async getCase(id: string, accountId: string | null): Promise<CaseRow | undefined> {
    let query = this.db.selectFrom('cases').selectAll().where('id', '=', id);
    if (accountId !== null) query = query.where('account_id', '=', accountId);
    return query.executeTakeFirst();
  }

  /**
   * Newest activity first; keyset pagination on `(updated_at, seq)`. Returns only each case's position and
   * version; {@link getCasesBySeq} loads the rest for the cases whose cached rendering is missing or stale.
   */
  async listCases(q: CaseQuery): Promise<CaseHead[]> {
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
    const cached = this.#lists.get(q.accountId, key);
    if (cached) return cached;
    const readAt = this.#lists.now();
    const heads = await this.#listCasesNow(input);
    this.#lists.set(q.accountId, key, readAt, heads);
    return heads;
  }

  async #listCasesNow(input: ListInput): Promise<CaseHead[]> {
    const sync = this.sync;
    if (!sync) return this.#listQuery(input).execute();
    const shape = Object.keys(input).join(',');
    let statement = this.#listStatements.get(shape);
    if (!statement) {
      statement = reusable((i: ListInput) => this.#listQuery(i));
      this.#listStatements.set(shape, statement);
    }
    const { sql, parameters } = statement(input);
    // The list's hot path: rows as arrays (cheaper than objects in the driver), read while holding Kysely's
    // connection so that no transaction is half-done.
    return this.#read(() =>
      sync.rows(sql, parameters).map(([seq, updated_at]) => ({ seq: seq as number, updated_at: updated_at as number })),
    );
  }

  readonly #listStatements = new Map<string, (input: ListInput) => Compiled>();

  #listQuery(i: ListInput) {
    let query = this.db.selectFrom('cases').select(['seq', 'updated_at']);
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

  async getCasesBySeq(seqs: readonly number[]): Promise<CaseRow[]> {
    if (seqs.length === 0) return [];
    return this.db.selectFrom('cases').selectAll().where('seq', 'in', seqs).execute();
  }

  async updateCase(
    id: string,
    changes: Partial<Pick<CaseRow, 'status' | 'updated_at' | 'first_response_at'>>,
    comment?: CommentRow,
  ): Promise<void> {
    const { updated_at: at, ...rest } = changes;
    await this.#casesTransaction(async (trx: Transaction<Database>) => {
      if (comment) await trx.insertInto('comments').values(comment).execute();
      await trx
        .updateTable('cases')
        .set({ ...rest, ...(at === undefined ? {} : { updated_at: laterThanBefore(at) }) })
        .where('id', '=', id)
        .execute();
    });
  }

  async listComments(caseId: string): Promise<CommentRow[]> {
    return this.db
      .selectFrom('comments')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  async listAttachments(caseIds: readonly string[]): Promise<AttachmentRow[]> {
    if (caseIds.length === 0) return [];
    return this.db
      .selectFrom('attachments')
      .selectAll()
      .where('case_id', 'in', caseIds)
      .orderBy('uploaded_at')
      .orderBy('id')
      .execute();
  }

  async getAttachment(caseId: string, attachmentId: string): Promise<AttachmentRow | undefined> {
    return this.db
      .selectFrom('attachments')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('id', '=', attachmentId)
      .executeTakeFirst();
  }

  /**
   * Records an attachment unless the case has `maxPerCase` already or the account's attachments would take
   * more than `quotaBytes`: checked and inserted in one transaction, so uploads sent together cannot both pass.
   */
  async insertAttachment(
    row: AttachmentRow,
    caseUpdatedAt: number,
    limits: { maxPerCase: number; accountId: string; quotaBytes: number },
  ): Promise<'inserted' | 'too-many' | 'over-quota'> {
    return this.#casesTransaction(async (trx) => {
      if ((await caseAttachmentCount(trx, row.case_id)) >= limits.maxPerCase) return 'too-many';
      if ((await accountAttachmentBytes(trx, limits.accountId)) + row.size_bytes > limits.quotaBytes) {
        return 'over-quota';
      }
      await trx.insertInto('attachments').values(row).execute();
      await trx
        .updateTable('cases')
        .set({ updated_at: laterThanBefore(caseUpdatedAt) })
        .where('id', '=', row.case_id)
        .execute();
      return 'inserted';
    });
  }

  // Knowledge base

  /** Replaces the knowledge base with the articles shipped with the server (they are content, not data). */
  async replaceKbArticles(rows: readonly KbArticleRow[]): Promise<void> {
    await this.#transaction(async (trx) => {
      await trx.deleteFrom('kb_articles').execute();
      await sql`delete from kb_fts`.execute(trx);
      for (const row of rows) {
        await trx.insertInto('kb_articles').values(row).execute();
        await sql`insert into kb_fts (slug, lang, title, summary, body, tags)
          values (${row.slug}, ${row.lang}, ${row.title}, ${row.summary}, ${JSON.parse(row.body).join('\n')},
                  ${JSON.parse(row.tags).join(' ')})`.execute(trx);
      }
    });
  }

  /**
   * Ranked full-text search. `match` is an FTS5 query built by the caller from sanitized terms. Ranking is
   * BM25 weighted toward the title, then tags and summary.
   */
  async searchKb(
    match: string,
    lang: 'en' | 'fr',
    limit: number,
  ): Promise<{ slug: string; lang: 'en' | 'fr'; title: string; summary: string; score: number }[]> {
    const { rows } = await sql<{ slug: string; lang: 'en' | 'fr'; title: string; summary: string; score: number }>`
      select slug, lang, title, summary, -bm25(kb_fts, 0, 0, 10.0, 4.0, 1.0, 6.0) as score
      from kb_fts where kb_fts match ${match} and lang = ${lang}
      order by score desc limit ${limit}`.execute(this.db);
    return rows;
  }

  async getKbArticle(slug: string, lang: 'en' | 'fr'): Promise<KbArticleRow | undefined> {
    return this.db
      .selectFrom('kb_articles')
      .selectAll()
      .where('slug', '=', slug)
      .where('lang', '=', lang)
      .executeTakeFirst();
  }
}

/**
 * The pages of case lists read lately, each with the instant (on a counter) its read began. A page is
 * served again only if none of its account's cases changed since that instant: a write marks the accounts
 * it touched once it has committed, so a read that overlapped the write is never reused. Exact because
 * this process is the only writer of the store.
 */
class ListCache {
  #clock = 0;
  /** When each account's cases last changed; `#allChanged` for changes whose account is not known. */
  readonly #changed = new Map<string, number>();
  #allChanged = 0;
  #anyChanged = 0;
  readonly #pages = new Map<string, { readAt: number; heads: CaseHead[] }>();

  /** 2,000 pages of 20 cases hold a few MiB; a full cache is emptied and fills again with what is asked. */
  constructor(private readonly maxEntries = 2_000) {}

  now(): number {
    return ++this.#clock;
  }

  get(accountId: string | null, key: string): CaseHead[] | undefined {
    const page = this.#pages.get(`${accountId}\u0000${key}`);
    if (!page) return undefined;
    const changedAt =
      accountId === null ? this.#anyChanged : Math.max(this.#allChanged, this.#changed.get(accountId) ?? 0);
    return page.readAt > changedAt ? page.heads : undefined;
  }

  set(accountId: string | null, key: string, readAt: number, heads: CaseHead[]): void {
    if (this.#pages.size >= this.maxEntries) this.#pages.clear();
    this.#pages.set(`${accountId}\u0000${key}`, { readAt, heads });
  }

  /** Cases of these accounts (`null`: of any account) changed, or may have. */
  changed(accountIds: readonly string[] | null): void {
    const at = ++this.#clock;
    this.#anyChanged = at;
    if (accountIds === null) {
      this.#allChanged = at;
      return;
    }
    if (this.#changed.size >= this.maxEntries) {
      // Forgetting when accounts changed would make their pages look fresh: forget the pages too.
      this.#changed.clear();
      this.#pages.clear();
    }
    for (const accountId of accountIds) this.#changed.set(accountId, at);
  }
}
