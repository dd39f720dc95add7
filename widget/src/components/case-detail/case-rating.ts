import { html, nothing, type TemplateResult } from 'lit';
import { ApiError } from '../../../../client/api.js';
import { errorText } from '../../internal/ui.js';
import type { CaseClosingHost } from './case-closing.js';

type Rating = 'good' | 'bad';

/**
 * The one-click rating of a resolved (or closed) case: "good" or "bad" is stored at the click; a comment may
 * follow. The rating shown is the server's (`case.feedback`), so it is the same on every device.
 */
export class CaseRating {
  private busy = false;
  private error: ApiError | undefined;
  private comment = '';
  private commentSent = false;

  constructor(private readonly host: CaseClosingHost) {}

  /** Another case is shown. */
  reset(): void {
    this.error = undefined;
    this.comment = '';
    this.commentSent = false;
  }

  private async send(rating: Rating, comment?: string): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = undefined;
    this.host.requestUpdate();
    try {
      await this.host.api.rateCase(this.host.case.id, comment ? { rating, comment } : { rating });
      if (comment) {
        this.comment = '';
        this.commentSent = true;
      }
      this.host.caseChanged();
    } catch (error) {
      // A comment that was not sent stays in its box.
      this.error = error instanceof ApiError ? error : new ApiError('network', String(error));
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  private sendComment(event: Event, rating: Rating): void {
    event.preventDefault();
    const comment = this.comment.trim();
    if (comment) void this.send(rating, comment);
  }

  render(): TemplateResult | typeof nothing {
    const { case: c, ui } = this.host;
    if (c.status !== 'resolved' && c.status !== 'closed') return nothing;
    const m = ui.messages.cases;
    const rated = c.feedback?.rating;
    const choice = (rating: Rating) =>
      html`<button class="secondary" type="button" data-rating=${rating} aria-pressed=${rated === rating ? 'true' : 'false'}
        ?disabled=${this.busy} @click=${() => this.send(rating)}>${m.rate[rating]}</button>`;
    return html`<div data-testid="rating">
      <p id="rate-question">${m.rateQuestion}</p>
      <div class="actions" role="group" aria-labelledby="rate-question">${choice('good')} ${choice('bad')}</div>
      ${this.error ? html`<p class="notice error" role="alert">${errorText(ui.messages, this.error)}</p>` : nothing}
      ${rated ? html`<p role="status" data-testid="rated">${m.rated(rated)}</p>` : nothing}
      ${
        rated && this.commentSent
          ? html`<p data-testid="rate-thanks">${m.rateThanks}</p>`
          : rated
            ? html`<form @submit=${(event: Event) => this.sendComment(event, rated)}>
                <label for="rate-comment">${m.rateComment}</label>
                <textarea id="rate-comment" .value=${this.comment}
                  @input=${(event: Event) => (this.comment = (event.target as HTMLTextAreaElement).value)}></textarea>
                <div class="actions"><button class="secondary" type="submit" ?disabled=${this.busy}>${m.rateSend}</button></div>
              </form>`
            : nothing
      }
    </div>`;
  }
}
