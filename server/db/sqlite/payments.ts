import type { Transaction } from 'kysely';
import type { PaymentRepository } from '../repository.js';
import type { ChargeRow, PurchaseRow, SubscriptionRow } from '../rows.js';
import type { Database } from '../schema.js';
import type { SqliteConnection } from './connection.js';

/**
 * Subscriptions and purchase claims (table `purchases`: the `Idempotency-Key` is the primary key, and a
 * partial unique index allows one `charging` row per account and service).
 */
export class SqlitePayments implements PaymentRepository {
  /**
   * Every incident submission reads its account's subscriptions (the entitlement): cached, exactly, because
   * this process is the only writer and every write below clears what it changes (off on PostgreSQL).
   */
  readonly #subscriptions = new Map<string, SubscriptionRow[]>();

  constructor(private readonly c: SqliteConnection) {}

  async listSubscriptions(accountId: string): Promise<SubscriptionRow[]> {
    const cached = this.#subscriptions.get(accountId);
    if (cached) return cached.map((row) => ({ ...row }));
    const rows = await this.c.db
      .selectFrom('subscriptions')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('started_at')
      .orderBy('id')
      .execute();
    if (!this.c.soleWriter) return rows;
    if (this.#subscriptions.size > 10_000) this.#subscriptions.clear();
    this.#subscriptions.set(accountId, rows);
    return rows.map((row) => ({ ...row }));
  }

  async getSubscription(accountId: string, id: string): Promise<SubscriptionRow | undefined> {
    return this.c.db
      .selectFrom('subscriptions')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  insertSubscription(row: SubscriptionRow): Promise<void> {
    return this.#insertSubscription(row);
  }

  async insertCharge(row: ChargeRow): Promise<void> {
    await this.c.db.insertInto('charges').values(row).execute();
  }

  recordPurchase(
    row: SubscriptionRow,
    claim: { accountId: string; key: string; response: string },
    charge: ChargeRow,
  ): Promise<void> {
    return this.#insertSubscription(row, async (trx) => {
      await trx.insertInto('charges').values(charge).execute();
      await trx
        .updateTable('purchases')
        .set({ state: 'done', response: claim.response })
        .where('account_id', '=', claim.accountId)
        .where('key', '=', claim.key)
        .execute();
    });
  }

  async #insertSubscription(row: SubscriptionRow, also?: (trx: Transaction<Database>) => Promise<void>) {
    this.#subscriptions.delete(row.account_id);
    await this.c.transaction(async (trx) => {
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

  async cancelSubscription(
    id: string,
    at: number,
    settlement: { owedCents: number; premiumEndsAt: number | null },
  ): Promise<boolean> {
    this.#subscriptions.clear();
    // Only an active row changes: of two cancellations sent together, one cancels and the other replays it.
    const result = await this.c.db
      .updateTable('subscriptions')
      .set((eb) => ({
        status: 'cancelled',
        ended_reason: 'cancelled',
        cancelled_at: at,
        charged_cents: eb('charged_cents', '+', settlement.owedCents),
        premium_ends_at: settlement.premiumEndsAt,
        cancellation_owed_cents: settlement.owedCents,
      }))
      .where('id', '=', id)
      .where('status', '=', 'active')
      .executeTakeFirst();
    this.#subscriptions.clear();
    return Number(result.numUpdatedRows) === 1;
  }

  listCharges(accountId: string): Promise<ChargeRow[]> {
    return this.c.db
      .selectFrom('charges')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('charged_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
  }

  async claimPurchase(row: Pick<PurchaseRow, 'account_id' | 'key' | 'request_hash' | 'service_id' | 'created_at'>) {
    const result = await this.c.db
      .insertInto('purchases')
      .values({ ...row, state: 'charging', response: null, owner: this.c.instance })
      // No conflict target: both the key and the one-charging-purchase index refuse the row.
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) === 1) return { claimed: true as const };
    return { claimed: false as const, existing: await this.findPurchase(row.account_id, row.key) };
  }

  findPurchase(accountId: string, key: string): Promise<PurchaseRow | undefined> {
    return this.c.db
      .selectFrom('purchases')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('key', '=', key)
      .executeTakeFirst();
  }

  async releasePurchase(accountId: string, key: string): Promise<void> {
    await this.c.db
      .deleteFrom('purchases')
      .where('account_id', '=', accountId)
      .where('key', '=', key)
      .where('state', '=', 'charging')
      .execute();
  }

  async interruptPurchase(accountId: string, key: string): Promise<void> {
    await this.c.db
      .updateTable('purchases')
      .set({ state: 'interrupted' })
      .where('account_id', '=', accountId)
      .where('key', '=', key)
      .where('state', '=', 'charging')
      .execute();
  }

  async interruptPurchases(isGone: (owner: string | null) => Promise<boolean>): Promise<PurchaseRow[]> {
    const owners = await this.c.db
      .selectFrom('purchases')
      .select('owner')
      .distinct()
      .where('state', '=', 'charging')
      .execute();
    const gone: (string | null)[] = [];
    for (const { owner } of owners) if (await isGone(owner)) gone.push(owner);
    if (gone.length === 0) return [];
    const named = gone.filter((owner) => owner !== null);
    return this.c.db
      .updateTable('purchases')
      .set({ state: 'interrupted' })
      .where('state', '=', 'charging')
      .where((eb) =>
        eb.or([
          ...(named.length > 0 ? [eb('owner', 'in', named)] : []),
          ...(gone.includes(null) ? [eb('owner', 'is', null)] : []),
        ]),
      )
      .returningAll()
      .execute();
  }
}
