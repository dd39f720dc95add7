import type { CaseHead } from '../rows.js';

/**
 * The pages of case lists read lately, each with the instant (on a counter) its read began. A page is
 * served again only if none of its account's cases changed since that instant: a write marks the accounts
 * it touched once it has committed, so a read that overlapped the write is never reused. Exact because
 * this process is the only writer of the store.
 */
export class ListCache {
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

  /** With `maxEntries` 0 nothing is kept (a store other processes write to). */
  set(accountId: string | null, key: string, readAt: number, heads: CaseHead[]): void {
    if (this.maxEntries === 0) return;
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
