import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { AuthorizationStore } from '../db/repository.js';

/**
 * oidc-provider's storage interface over the repository: every model (Session, Grant, AuthorizationCode,
 * RefreshToken, Interaction, the replay guard of assertions…) is a row of JSON, so a restart loses nothing and
 * another dialect of the repository stores it too. The provider's own clock (the real time) decides expiry.
 */
export function repositoryAdapter(store: AuthorizationStore, clock: () => number = Date.now) {
  return (model: string): Adapter => new StoredModel(model, store, clock);
}

class StoredModel implements Adapter {
  constructor(
    private readonly model: string,
    private readonly store: AuthorizationStore,
    private readonly clock: () => number,
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    await this.store.upsert({
      model: this.model,
      id,
      payload: JSON.stringify(payload),
      uid: payload.uid ?? null,
      grant_id: payload.grantId ?? null,
      user_code: payload.userCode ?? null,
      expires_at: expiresIn ? this.clock() + expiresIn * 1000 : null,
      consumed_at: payload.consumed ? this.clock() : null,
    });
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    return this.#payload(await this.store.find(this.model, id, this.clock()));
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return this.#payload(await this.store.findByUid(this.model, uid, this.clock()));
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return this.#payload(await this.store.findByUserCode(this.model, userCode, this.clock()));
  }

  async consume(id: string): Promise<void> {
    await this.store.consume(this.model, id, this.clock());
  }

  async destroy(id: string): Promise<void> {
    await this.store.destroy(this.model, id);
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.store.revokeByGrantId(grantId);
  }

  #payload(row: { payload: string; consumed_at: number | null } | undefined): AdapterPayload | undefined {
    if (!row) return undefined;
    const payload = JSON.parse(row.payload) as AdapterPayload;
    // The provider reads `consumed` to refuse a code or refresh token used twice (and revoke its grant).
    if (row.consumed_at !== null) payload.consumed = Math.floor(row.consumed_at / 1000);
    return payload;
  }
}
