import type { AccountRepository, MetaRepository } from '../repository.js';
import type { AccountRow, UserRow } from '../rows.js';
import type { SqliteConnection } from './connection.js';

export class SqliteMeta implements MetaRepository {
  constructor(private readonly c: SqliteConnection) {}

  async get(key: string): Promise<string | undefined> {
    const row = await this.c.db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value;
  }

  async set(key: string, value: string): Promise<void> {
    await this.c.db
      .insertInto('meta')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }
}

type Caller = { user: UserRow; account: AccountRow };

export class SqliteAccounts implements AccountRepository {
  /**
   * Every authenticated request looks its caller up: cached, exactly, because this process is the only
   * writer of the store and tokens, users and accounts are never changed once written.
   */
  readonly #callers = new Map<string, Caller>();

  constructor(private readonly c: SqliteConnection) {}

  async insertAccount(row: AccountRow): Promise<void> {
    await this.c.db.insertInto('accounts').values(row).execute();
  }

  async insertUser(row: UserRow): Promise<void> {
    await this.c.db.insertInto('users').values(row).execute();
  }

  async insertToken(tokenHash: string, userId: string, label: string, at: number): Promise<void> {
    await this.c.db
      .insertInto('tokens')
      .values({ token_hash: tokenHash, user_id: userId, label, created_at: at })
      .execute();
  }

  async findCaller(tokenHash: string): Promise<Caller | undefined> {
    const cached = this.#callers.get(tokenHash);
    if (cached) return cached;
    const found = await this.#findCaller(tokenHash);
    if (found) {
      if (this.#callers.size > 10_000) this.#callers.clear();
      this.#callers.set(tokenHash, found);
    }
    return found;
  }

  async #findCaller(tokenHash: string): Promise<Caller | undefined> {
    const row = await this.c.db
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
}
