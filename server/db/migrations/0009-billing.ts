import { type Kysely, type Migration, sql } from 'kysely';
import { billedPeriodEnd } from '../../../core/premium-after-cancellation.js';
import { newId } from '../../domain/ids.js';
import { dialectOf } from '../dialect.js';

interface BackfillRow {
  account_id: string;
  subscription_id: string;
  service_id: string;
  plan_id: string;
  started_at: number;
  amount_cents: number;
  currency: string;
  transaction_id: string;
  status: string;
  test_gateway: number;
}

/**
 * Billing (issue 16): each charge as a row of its own, for receipts and the billing history, and what a
 * cancellation decided (premium support until the end of the billed period, what it owed) kept on the
 * subscription, so that a repeated cancellation answers the same.
 */
export const billingMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('subscriptions').addColumn('premium_ends_at', 'integer').execute();
    await db.schema.alterTable('subscriptions').addColumn('cancellation_owed_cents', 'integer').execute();
    await db.schema
      .createTable('charges')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('subscription_id', 'text', (c) => c.notNull())
      .addColumn('service_id', 'text', (c) => c.notNull())
      .addColumn('plan_id', 'text', (c) => c.notNull())
      .addColumn('amount_cents', 'integer', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('transaction_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('test_gateway', 'integer', (c) => c.notNull())
      .addColumn('charged_at', 'integer', (c) => c.notNull())
      .addColumn('period_starts_at', 'integer', (c) => c.notNull())
      .addColumn('period_ends_at', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('charges_account').on('charges').columns(['account_id', 'charged_at']).execute();
    // Purchases made before this migration: their recorded answers hold the transaction. Their period is the
    // first month in the default support zone (a migration does not know the configured one).
    // JSON is read with each dialect's own functions.
    const { rows } = await (dialectOf(db) === 'postgres' ? backfillPostgres : backfillSqlite)(db);
    for (const row of rows) {
      const { started_at, ...charge } = row;
      await sql`insert into charges ${sql.raw('(id, account_id, subscription_id, service_id, plan_id, amount_cents, currency, transaction_id, status, test_gateway, charged_at, period_starts_at, period_ends_at)')}
        values (${newId('chg', started_at)}, ${charge.account_id}, ${charge.subscription_id}, ${charge.service_id}, ${charge.plan_id},
          ${charge.amount_cents}, ${charge.currency}, ${charge.transaction_id}, ${charge.status}, ${charge.test_gateway},
          ${started_at}, ${started_at}, ${billedPeriodEnd(new Date(started_at), new Date(started_at)).getTime()})`.execute(
        db,
      );
    }
  },
};

const backfillSqlite = (db: Kysely<unknown>) =>
  sql<BackfillRow>`select p.account_id, s.id as subscription_id, s.service_id, s.plan_id,
        s.started_at, json_extract(p.response, '$.transaction.amountCents') as amount_cents,
        json_extract(p.response, '$.transaction.currency') as currency,
        json_extract(p.response, '$.transaction.id') as transaction_id,
        json_extract(p.response, '$.transaction.status') as status,
        coalesce(json_extract(p.response, '$.transaction.testGateway'), 0) as test_gateway
      from purchases p join subscriptions s on s.id = json_extract(p.response, '$.subscription.id')
      where p.state = 'done' and p.response is not null`.execute(db);

const backfillPostgres = (db: Kysely<unknown>) =>
  sql<BackfillRow>`select p.account_id, s.id as subscription_id, s.service_id, s.plan_id, s.started_at,
      (p.response::jsonb #>> '{transaction,amountCents}')::bigint as amount_cents,
      p.response::jsonb #>> '{transaction,currency}' as currency,
      p.response::jsonb #>> '{transaction,id}' as transaction_id,
      p.response::jsonb #>> '{transaction,status}' as status,
      case when p.response::jsonb #> '{transaction,testGateway}' = 'true'::jsonb then 1 else 0 end as test_gateway
    from purchases p join subscriptions s on s.id = p.response::jsonb #>> '{subscription,id}'
    where p.state = 'done' and p.response is not null`.execute(db);
