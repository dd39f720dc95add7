import { html, nothing, type TemplateResult } from 'lit';
import { ApiError } from '../../../../../client/api.js';
import type { KbArticle, KbSearchResults } from '../../../../../core/api/schemas.js';
import { SELF_HELP_RESOURCES } from '../../../../../core/targets.js';
import { formatDate, safeHref } from '../../../internal/format.js';
import type { NetscoutSupport } from '../netscout-support.js';

export interface SelfHelpState {
  query: string;
  results: KbSearchResults['items'] | undefined;
  searching: boolean;
  article?: KbArticle;
  error?: ApiError;
}

const searches = new WeakMap<NetscoutSupport, { timer?: ReturnType<typeof setTimeout>; abort?: AbortController }>();

/**
 * Searches the knowledge base as the customer types (debounced, the previous request cancelled), and
 * hands the results to `apply`.
 */
export function searchAsYouType(
  host: NetscoutSupport,
  query: string,
  apply: (items: KbSearchResults['items'] | undefined, error?: ApiError) => void,
  delayMs = 200,
): void {
  const pending = searches.get(host) ?? {};
  clearTimeout(pending.timer);
  pending.abort?.abort();
  searches.set(host, pending);
  if (query.trim().length < 2) {
    apply(undefined);
    return;
  }
  pending.timer = setTimeout(async () => {
    const abort = host.abortable();
    pending.abort = abort;
    try {
      const results = await host.api.kbSearch(query.trim(), host.resolvedLocale, abort.signal);
      apply(results.items);
    } catch (error) {
      if (!abort.signal.aborted) apply(undefined, error instanceof ApiError ? error : undefined);
    }
  }, delayMs);
}

async function openArticle(host: NetscoutSupport, slug: string, lang: 'en' | 'fr'): Promise<void> {
  try {
    const article = await host.api.kbArticle(slug, lang);
    host.selfHelp = { ...host.selfHelp, article };
    await host.updateComplete;
    host.shadowRoot?.querySelector<HTMLElement>('[data-testid="article"] h3')?.focus();
  } catch (error) {
    if (error instanceof ApiError) host.selfHelp = { ...host.selfHelp, error };
  }
}

/** Self-help: knowledge-base search with results as you type, article view, and the other resources. */
export function renderSelfHelp(host: NetscoutSupport): TemplateResult {
  const m = host.messages.selfHelp;
  const state = host.selfHelp;
  if (state.article) {
    const a = state.article;
    return html`
      <article data-testid="article" lang=${a.lang}>
        <h3 tabindex="-1">${a.title}</h3>
        <p class="muted">${m.updated(formatDate(a.updatedAt, host.intlLocale, host.zone))}</p>
        ${a.body.map((paragraph) => html`<p>${paragraph}</p>`)}
      </article>
      <button class="secondary" type="button" @click=${() => (host.selfHelp = { ...state, article: undefined })}>
        ${m.back}
      </button>
    `;
  }
  const onInput = (event: Event) => {
    const query = (event.target as HTMLInputElement).value;
    host.selfHelp = { ...host.selfHelp, query, searching: query.trim().length >= 2 };
    searchAsYouType(host, query, (results, error) => {
      host.selfHelp = { ...host.selfHelp, results, error, searching: false };
    });
  };
  const resources = host.subscription?.entitlement.selfHelp ?? SELF_HELP_RESOURCES;
  return html`
    <div data-testid="self-help">
      <label for="kb-search">${m.searchLabel}</label>
      <input id="kb-search" type="search" autocomplete="off" .value=${state.query} @input=${onInput} />
      <p class="visually-hidden" role="status">
        ${state.searching ? m.searching : state.results ? m.resultsCount(state.results.length) : ''}
      </p>
      ${state.error ? html`<p class="notice error" role="alert">${host.errorText(state.error)}</p>` : nothing}
      ${
        state.results && state.results.length === 0
          ? html`<p data-testid="no-results">${m.noResults(state.query)}</p>`
          : nothing
      }
      ${
        state.results?.length
          ? html`<ul class="list" data-testid="kb-results">
              ${state.results.map(
                (item) => html`<li>
                  <button type="button" @click=${() => openArticle(host, item.slug, item.lang)}>
                    <strong>${item.title}</strong><br /><span class="muted">${item.summary}</span>
                  </button>
                </li>`,
              )}
            </ul>`
          : nothing
      }
      <h3>${m.resourcesHeading}</h3>
      <ul data-testid="resources">
        ${resources
          .filter((r) => safeHref(r.url))
          .map(
            (r) => html`<li>
            <a href=${r.url} target="_blank" rel="noopener noreferrer"
              >${m.resource[r.kind as keyof typeof m.resource] ?? r.kind}</a
            >
          </li>`,
          )}
      </ul>
    </div>
  `;
}

export { openArticle };
