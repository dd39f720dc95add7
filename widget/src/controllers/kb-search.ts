import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiError, type SupportApiClient } from '../../../client/api.js';
import type { KbSearchResults } from '../../../core/api/schemas.js';

/**
 * Knowledge-base search as the customer types: debounced, the previous request cancelled, nothing sent
 * under two characters, and everything cancelled when the host leaves the page: an emptied query clears
 * the results at once, and a late answer to an earlier query is dropped. The host re-renders with
 * `results`, `fallback`, `searching` and `error`.
 */
export class KbSearchController implements ReactiveController {
  results: KbSearchResults['items'] | undefined;
  /** The results are in the other language: nothing matched in the one asked for. */
  fallback = false;
  searching = false;
  error: ApiError | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private abort: AbortController | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly delayMs = 200,
  ) {
    host.addController(this);
  }

  /**
   * Searches `query` in `lang` after the debounce delay (`service`'s own articles first); an empty or
   * one-letter query clears the results.
   */
  search(api: SupportApiClient, query: string, lang: 'en' | 'fr', service?: string): void {
    this.cancel();
    const text = query.trim();
    this.error = undefined;
    if (text.length < 2) {
      this.results = undefined;
      this.fallback = this.searching = false;
      this.host.requestUpdate();
      return;
    }
    this.searching = true;
    this.host.requestUpdate();
    this.timer = setTimeout(async () => {
      const abort = new AbortController();
      this.abort = abort;
      try {
        const found = await api.kbSearch(text, lang, abort.signal, service);
        if (abort.signal.aborted) return;
        this.results = found.items;
        this.fallback = found.fallback;
      } catch (error) {
        if (abort.signal.aborted) return;
        this.results = undefined;
        this.error = error instanceof ApiError ? error : new ApiError('network', String(error));
      }
      this.searching = false;
      this.host.requestUpdate();
    }, this.delayMs);
  }

  /** Forgets the results (and any search on its way). */
  clear(): void {
    this.cancel();
    this.results = undefined;
    this.fallback = this.searching = false;
    this.error = undefined;
    this.host.requestUpdate();
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.cancel();
    this.searching = false;
  }

  private cancel(): void {
    clearTimeout(this.timer);
    this.abort?.abort();
    this.abort = undefined;
  }
}
