import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiError, type SupportApiClient } from '../../../../client/api.js';
import type { KbArticle } from '../../../../core/api/schemas.js';
import { SELF_HELP_RESOURCES } from '../../../../core/targets.js';
import { KbSearchController } from '../../controllers/kb-search.js';
import { formatDate, safeHref } from '../../internal/format.js';
import { NetscoutElement } from '../../internal/netscout-element.js';
import { errorText, type Ui } from '../../internal/ui.js';
import { shared } from '../../styles/shared.styles.js';
import { ArticleFeedbackController } from './article-feedback.js';
import { articleParagraph } from './article-text.js';
import { styles } from './self-help.styles.js';

/** A self-help link (the entitlement's `selfHelp` items). */
export interface SelfHelpLink {
  kind: string;
  url: string;
}

/** An article the root asks this view to show (from a suggestion under the incident form). */
export interface ArticleRequest {
  slug: string;
  lang: 'en' | 'fr';
}

/**
 * Self-help: knowledge-base search with results as you type (the service's own articles first, the other
 * language when the customer's finds nothing), the article view with its links and "was this helpful?",
 * and the other resources.
 */
export class NetscoutSelfHelp extends NetscoutElement {
  static override styles = [shared, styles];

  @property({ attribute: false }) ui!: Ui;
  @property({ attribute: false }) api!: SupportApiClient;
  /** The customer's self-help resources (their entitlement's), or every resource for a visitor. */
  @property({ attribute: false }) resources: readonly SelfHelpLink[] = SELF_HELP_RESOURCES;
  @property({ attribute: false }) requestedArticle: ArticleRequest | undefined;
  /** The service whose page shows the widget: its articles come first. */
  @property() service = '';

  @state() query = '';
  @state() article: KbArticle | undefined;
  @state() articleError: ApiError | undefined;
  readonly search = new KbSearchController(this);
  readonly feedback = new ArticleFeedbackController(this);
  private articleAbort: AbortController | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('requestedArticle') && this.requestedArticle) {
      void this.openArticle(this.requestedArticle.slug, this.requestedArticle.lang);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.articleAbort?.abort();
  }

  /** Shows one article (the previous request, if any, is cancelled). */
  async openArticle(slug: string, lang: 'en' | 'fr'): Promise<void> {
    this.articleAbort?.abort();
    const abort = new AbortController();
    this.articleAbort = abort;
    this.articleError = undefined;
    try {
      this.article = await this.api.kbArticle(slug, lang, abort.signal);
      void this.feedback.load(this.api, slug);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[data-testid="article"] h3')?.focus();
    } catch (error) {
      if (!abort.signal.aborted && error instanceof ApiError) this.articleError = error;
    }
  }

  private renderArticle(a: KbArticle): TemplateResult {
    const m = this.ui.messages.selfHelp;
    return html`
      <article data-testid="article" lang=${a.lang}>
        <h3 tabindex="-1">${a.title}</h3>
        <p class="muted">${m.updated(formatDate(a.updatedAt, this.ui.locale, this.ui.zone))}</p>
        ${a.body.map(articleParagraph)}
      </article>
      ${this.feedback.render(this.ui, this.api)}
      <button class="secondary" type="button" data-testid="article-back" @click=${() => (this.article = undefined)}>
        ${m.back}
      </button>
    `;
  }

  protected override render(): TemplateResult {
    if (this.article) return this.renderArticle(this.article);
    const m = this.ui.messages.selfHelp;
    const { results, searching, fallback } = this.search;
    const error = this.search.error ?? this.articleError;
    const onInput = (event: Event) => {
      this.query = (event.target as HTMLInputElement).value;
      this.search.search(this.api, this.query, this.ui.lang, this.service || undefined);
    };
    return html`
      <div data-testid="self-help">
        <label for="kb-search">${m.searchLabel}</label>
        <input id="kb-search" type="search" autocomplete="off" .value=${this.query} @input=${onInput} />
        <p class="visually-hidden" role="status">
          ${searching ? m.searching : results ? m.resultsCount(results.length) : ''}
        </p>
        ${error ? html`<p class="notice error" role="alert">${errorText(this.ui.messages, error)}</p>` : nothing}
        ${results && results.length === 0 ? html`<p data-testid="no-results">${m.noResults(this.query)}</p>` : nothing}
        ${results?.length && fallback ? html`<p class="hint" data-testid="kb-fallback">${m.fallback}</p>` : nothing}
        ${
          results?.length
            ? html`<ul class="list" data-testid="kb-results">
                ${results.map(
                  (item) => html`<li lang=${item.lang}>
                    <button type="button" @click=${() => this.openArticle(item.slug, item.lang)}>
                      <strong>${item.title}</strong><br /><span class="muted">${item.summary}</span>
                    </button>
                  </li>`,
                )}
              </ul>`
            : nothing
        }
        <h3>${m.resourcesHeading}</h3>
        <ul data-testid="resources">
          ${this.resources
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
}
