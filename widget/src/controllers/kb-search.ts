import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiError, type SupportApiClient } from '../../../client/api.js';
import type { KbSearchResults } from '../../../core/api/schemas.js';

/**
 * Knowledge-base search as the customer types: debounced, the previous request cancelled, nothing sent
 * under two characters, and everything cancelled when the host leaves the page. The host re-renders with
 * `results`, `searching` and `error`.
 */
export class KbSearchController implements ReactiveController {
  results: KbSearchResults['items'] | undefined;
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

  /** Searches `query` in `lang` after the debounce delay; an empty or one-letter query clears the results. */
  search(api: SupportApiClient, query: string, lang: 'en' | 'fr'): void {
    this.cancel();
    const text = query.trim();
    this.error = undefined;
    if (text.length < 2) {
      this.results = undefined;
      this.searching = false;
      this.host.requestUpdate();
      return;
    }
    this.searching = true;
    this.host.requestUpdate();
    this.timer = setTimeout(async () => {
      const abort = new AbortController();
      this.abort = abort;
      try {
        const found = await api.kbSearch(text, lang, abort.signal);
        if (abort.signal.aborted) return;
        this.results = found.items;
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
    this.searching = false;
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
