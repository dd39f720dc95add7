import type { AuthorizationStore } from '../repository.js';
import type { OidcObjectRow } from '../rows.js';
import type { SqliteConnection } from './connection.js';

/** oidc-provider's objects in the `oidc_objects` table. An expired row is never returned. */
export class SqliteAuthorization implements AuthorizationStore {
  constructor(private readonly c: SqliteConnection) {}

  async upsert(row: OidcObjectRow): Promise<void> {
    const { model, id, ...rest } = row;
    await this.c.db
      .insertInto('oidc_objects')
      .values(row)
      .onConflict((oc) => oc.columns(['model', 'id']).doUpdateSet(rest))
      .execute();
  }

  async find(model: string, id: string, at: number): Promise<OidcObjectRow | undefined> {
    return live(
      await this.c.db
        .selectFrom('oidc_objects')
        .selectAll()
        .where('model', '=', model)
        .where('id', '=', id)
        .executeTakeFirst(),
      at,
    );
  }

  async findByUid(model: string, uid: string, at: number): Promise<OidcObjectRow | undefined> {
    return live(
      await this.c.db
        .selectFrom('oidc_objects')
        .selectAll()
        .where('model', '=', model)
        .where('uid', '=', uid)
        .executeTakeFirst(),
      at,
    );
  }

  async findByUserCode(model: string, userCode: string, at: number): Promise<OidcObjectRow | undefined> {
    return live(
      await this.c.db
        .selectFrom('oidc_objects')
        .selectAll()
        .where('model', '=', model)
        .where('user_code', '=', userCode)
        .executeTakeFirst(),
      at,
    );
  }

  async consume(model: string, id: string, at: number): Promise<void> {
    await this.c.db
      .updateTable('oidc_objects')
      .set({ consumed_at: at })
      .where('model', '=', model)
      .where('id', '=', id)
      .execute();
  }

  async destroy(model: string, id: string): Promise<void> {
    await this.c.db.deleteFrom('oidc_objects').where('model', '=', model).where('id', '=', id).execute();
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.c.db.deleteFrom('oidc_objects').where('grant_id', '=', grantId).execute();
  }

  async removeExpired(at: number): Promise<number> {
    const result = await this.c.db.deleteFrom('oidc_objects').where('expires_at', '<', at).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

function live(row: OidcObjectRow | undefined, at: number): OidcObjectRow | undefined {
  if (!row || (row.expires_at !== null && row.expires_at <= at)) return undefined;
  return row;
}
