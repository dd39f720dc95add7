import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ApiError, type SupportApiClient } from '../../../../client/api.js';
import { errorText, type Ui } from '../../internal/ui.js';

/**
 * "Was this helpful?" under an article: the signed-in reader's earlier answer, a yes or a no they can change,
 * and thanks once they answered. Nothing is shown to a visitor without a token (the answer is per user).
 */
export class ArticleFeedbackController implements ReactiveController {
  slug: string | undefined;
  /** The reader's answer: `null` when they have not given one. */
  helpful: boolean | null = null;
  thanked = false;
  error: ApiError | undefined;
  private abort: AbortController | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Shows the question for `slug` (a signed-in reader only), with their earlier answer. */
  async load(api: SupportApiClient, slug: string): Promise<void> {
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    this.slug = undefined;
    this.helpful = null;
    this.thanked = false;
    this.error = undefined;
    this.host.requestUpdate();
    if (!(await api.token())) return;
    try {
      const vote = await api.kbVote(slug, undefined, abort.signal);
      if (abort.signal.aborted) return;
      this.helpful = vote.helpful;
    } catch {
      // The question still stands without the earlier answer.
      if (abort.signal.aborted) return;
    }
    this.slug = slug;
    this.host.requestUpdate();
  }

  /** Records the reader's answer; thanks them, or says why it failed (their choice is kept on screen). */
  async answer(api: SupportApiClient, helpful: boolean): Promise<void> {
    const slug = this.slug;
    if (!slug) return;
    this.helpful = helpful;
    this.error = undefined;
    this.host.requestUpdate();
    try {
      const vote = await api.kbVote(slug, helpful);
      if (slug !== this.slug) return;
      this.helpful = vote.helpful;
      this.thanked = true;
    } catch (error) {
      if (slug !== this.slug) return;
      this.thanked = false;
      this.error = error instanceof ApiError ? error : new ApiError('network', String(error));
    }
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.abort?.abort();
  }

  /** The question, its two answers (pressed when chosen) and the thanks, or nothing for a visitor. */
  render(ui: Ui, api: SupportApiClient): TemplateResult | typeof nothing {
    if (!this.slug) return nothing;
    const m = ui.messages.selfHelp;
    const choice = (helpful: boolean, label: string) =>
      html`<button
        type="button"
        class="secondary"
        aria-pressed=${this.helpful === helpful ? 'true' : 'false'}
        @click=${() => this.answer(api, helpful)}
      >
        ${label}
      </button>`;
    return html`<div data-testid="helpful" role="group" aria-labelledby="helpful-question">
      <p id="helpful-question">${m.helpfulQuestion}</p>
      ${choice(true, m.helpfulYes)} ${choice(false, m.helpfulNo)}
      <p role="status" data-testid="helpful-thanks">${this.thanked ? m.helpfulThanks : ''}</p>
      ${this.error ? html`<p class="notice error" role="alert">${errorText(ui.messages, this.error)}</p>` : nothing}
    </div>`;
  }
}
