import crypto from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Purchase } from '../../core/index.js';
import type { Database } from '../db/schema.js';
import type { SubscriptionRow } from '../repository.js';

export type PurchaseRow = Selectable<Database['purchases']>;

/**
 * What "the same purchase" means for a key: the service and the plan. The nonce is left out on purpose: it
 * is single-use, and the Drop-in hands out a new one each time it is asked, so the retry of a purchase whose
 * answer was lost carries a new nonce and must replay the first answer, not be refused.
 */
export function purchaseHash(serviceId: string, planId: string): string {
  return crypto.hash('sha256', JSON.stringify([serviceId, planId]));
}

/** A purchase the gateway charged: the subscription to record and the answer to give. */
export interface Charged {
  row: SubscriptionRow;
  body: Purchase;
}

/** What claiming a purchase found: the claim is ours, the key was used before, or the service is being bought. */
export type ClaimOutcome =
  | { claimed: true }
  | { claimed: false; existing: PurchaseRow }
  | { claimed: false; existing: undefined };

/**
 * The purchase claims (table `purchases`). A purchase is claimed in the database before the gateway is
 * called: its `Idempotency-Key` is the primary key, and a partial unique index allows one `charging` row per
 * account and service, so two purchases sent at once cannot both reach the gateway.
 */
export class PurchaseClaims {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Claims `key` for a purchase of `serviceId`, in one statement (atomic without a transaction). When nothing
   * was inserted, either the key exists (returned) or another key is charging for the same service.
   */
  async claim(row: Pick<PurchaseRow, 'account_id' | 'key' | 'request_hash' | 'service_id' | 'created_at'>) {
    const result = await this.db
      .insertInto('purchases')
      .values({ ...row, state: 'charging', response: null })
      // No conflict target: both the key and the one-charging-purchase index refuse the row.
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) === 1) return { claimed: true } as ClaimOutcome;
    return { claimed: false, existing: await this.find(row.account_id, row.key) } as ClaimOutcome;
  }

  find(accountId: string, key: string): Promise<PurchaseRow | undefined> {
    return this.db
      .selectFrom('purchases')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('key', '=', key)
      .executeTakeFirst();
  }

  /** Gives the claim up (the purchase was refused or declined): the key and the service are free again. */
  async release(accountId: string, key: string): Promise<void> {
    await this.db
      .deleteFrom('purchases')
      .where('account_id', '=', accountId)
      .where('key', '=', key)
      .where('state', '=', 'charging')
      .execute();
  }

  /** Records the answer to replay, in the transaction that records the subscription. */
  async complete(trx: Transaction<Database>, accountId: string, key: string, response: string): Promise<void> {
    await trx
      .updateTable('purchases')
      .set({ state: 'done', response })
      .where('account_id', '=', accountId)
      .where('key', '=', key)
      .execute();
  }

  /** The charge's outcome is unknown: keep the key (a retry must not charge again) but free the service. */
  async interrupt(accountId: string, key: string): Promise<void> {
    await this.db
      .updateTable('purchases')
      .set({ state: 'interrupted' })
      .where('account_id', '=', accountId)
      .where('key', '=', key)
      .where('state', '=', 'charging')
      .execute();
  }

  /**
   * At start: every purchase still `charging` was cut off by a stop during its gateway call. Marks them
   * interrupted and returns them, for the log (someone must check them against the gateway).
   */
  async interruptAll(): Promise<PurchaseRow[]> {
    return this.db
      .updateTable('purchases')
      .set({ state: 'interrupted' })
      .where('state', '=', 'charging')
      .returningAll()
      .execute();
  }
}
