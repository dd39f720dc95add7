import type { AccountRepository, CallerRecord, MetaRepository, NewTokenRow } from '../repository.js';
import type { AccountRow, TokenRow, UserRow } from '../rows.js';
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

  async putIfAbsent(key: string, value: string): Promise<string> {
    await this.c.db
      .insertInto('meta')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    return (await this.get(key)) ?? value;
  }

  async replace(key: string, expected: string, value: string): Promise<boolean> {
    const result = await this.c.db
      .updateTable('meta')
      .set({ value })
      .where('key', '=', key)
      .where('value', '=', expected)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}

/**
 * How long a looked-up caller is reused. Every authenticated request looks its caller up; a token revoked by
 * this process is dropped at once, and one revoked by another process serving the same store is refused
 * within this time (the promise is 2 seconds).
 */
export const CALLER_CACHE_MS = 1000;

const callerColumns = [
  'users.id as user_id',
  'users.account_id',
  'users.name as user_name',
  'users.email',
  'users.role',
  'users.created_at as user_created_at',
  'accounts.name as account_name',
  'accounts.created_at as account_created_at',
] as const;

type CallerJoin = {
  user_id: string;
  account_id: string;
  user_name: string;
  email: string;
  role: UserRow['role'];
  user_created_at: number;
  account_name: string;
  account_created_at: number;
};

function toCaller(row: CallerJoin): Omit<CallerRecord, 'token'> {
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

/** A small map of lookups, each reused for {@link CALLER_CACHE_MS} (monotonic time, not the injected clock). */
class ShortCache<T> {
  readonly #entries = new Map<string, { value: T; at: number }>();
  get(key: string): T | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (performance.now() - entry.at > CALLER_CACHE_MS) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }
  set(key: string, value: T): void {
    if (this.#entries.size > 10_000) this.#entries.clear();
    this.#entries.set(key, { value, at: performance.now() });
  }
  delete(key: string): void {
    this.#entries.delete(key);
  }
}

export class SqliteAccounts implements AccountRepository {
  readonly #callers = new ShortCache<CallerRecord>();
  readonly #users = new ShortCache<Omit<CallerRecord, 'token'>>();

  constructor(private readonly c: SqliteConnection) {}

  async insertAccount(row: AccountRow): Promise<void> {
    await this.c.db.insertInto('accounts').values(row).execute();
  }

  async insertUser(row: UserRow): Promise<void> {
    await this.c.db.insertInto('users').values(row).execute();
  }

  async insertToken(row: NewTokenRow): Promise<void> {
    await this.c.db.insertInto('tokens').values(row).execute();
  }

  async listTokens(userId: string): Promise<TokenRow[]> {
    return this.c.db
      .selectFrom('tokens')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
  }

  async deleteToken(userId: string, id: string): Promise<boolean> {
    const row = await this.c.db
      .deleteFrom('tokens')
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .returning('token_hash')
      .executeTakeFirst();
    if (row) this.#callers.delete(row.token_hash);
    return row !== undefined;
  }

  async findCaller(tokenHash: string): Promise<CallerRecord | undefined> {
    const cached = this.#callers.get(tokenHash);
    if (cached) return cached;
    const row = await this.c.db
      .selectFrom('tokens')
      .innerJoin('users', 'users.id', 'tokens.user_id')
      .innerJoin('accounts', 'accounts.id', 'users.account_id')
      .select([...callerColumns, 'tokens.id as token_id', 'tokens.expires_at'])
      .where('tokens.token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!row) return undefined;
    const found = { ...toCaller(row), token: { id: row.token_id, expiresAt: row.expires_at } };
    this.#callers.set(tokenHash, found);
    return found;
  }

  async findUser(userId: string): Promise<Omit<CallerRecord, 'token'> | undefined> {
    const cached = this.#users.get(userId);
    if (cached) return cached;
    const row = await this.c.db
      .selectFrom('users')
      .innerJoin('accounts', 'accounts.id', 'users.account_id')
      .select(callerColumns)
      .where('users.id', '=', userId)
      .executeTakeFirst();
    if (!row) return undefined;
    const found = toCaller(row);
    this.#users.set(userId, found);
    return found;
  }

  async findUserByEmail(email: string): Promise<UserRow | undefined> {
    return this.c.db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
  }

  async getPasswordHash(userId: string): Promise<string | undefined> {
    const row = await this.c.db
      .selectFrom('password_credentials')
      .select('hash')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row?.hash;
  }

  async setPasswordHash(userId: string, hash: string, at: number): Promise<void> {
    await this.c.db
      .insertInto('password_credentials')
      .values({ user_id: userId, hash, updated_at: at })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ hash, updated_at: at }))
      .execute();
  }
}
