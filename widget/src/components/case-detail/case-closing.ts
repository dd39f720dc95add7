import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ApiError, type SupportApiClient } from '../../../../client/api.js';
import type { Case } from '../../../../core/api/schemas.js';
import { errorText, type Ui } from '../../internal/ui.js';

/** What closing a case needs from the case view. */
export interface CaseClosingHost extends ReactiveControllerHost {
  ui: Ui;
  case: Case;
  api: SupportApiClient;
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** The case changed on the server: the parent reads it again. */
  caseChanged(): void;
}

/**
 * "Close this case", asked twice: the first click shows what closing means and puts the focus on "Keep it
 * open", the second closes it on the server (closing is idempotent, so a retry is harmless).
 */
export class CaseClosing {
  private confirming = false;
  private busy = false;
  private error: ApiError | undefined;

  constructor(private readonly host: CaseClosingHost) {}

  /** Another case is shown: nothing of the previous one's question stays. */
  reset(): void {
    this.confirming = false;
    this.error = undefined;
  }

  private async ask(): Promise<void> {
    this.confirming = true;
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>('[data-testid="close-no"]')?.focus();
  }

  private cancel(): void {
    this.confirming = false;
    this.host.requestUpdate();
    void this.host.updateComplete.then(() =>
      this.host.renderRoot.querySelector<HTMLElement>('[data-testid="close"]')?.focus(),
    );
  }

  private async confirm(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = undefined;
    this.host.requestUpdate();
    try {
      await this.host.api.closeCase(this.host.case.id);
      this.confirming = false;
      this.host.caseChanged();
      // The buttons that held the focus go away: it moves to the case's title rather than to the page.
      this.host.renderRoot.querySelector<HTMLElement>('h3')?.focus();
    } catch (error) {
      this.error = error instanceof ApiError ? error : new ApiError('network', String(error));
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  render(): TemplateResult | typeof nothing {
    const m = this.host.ui.messages.cases;
    if (this.host.case.status === 'closed') return html`<p class="muted" data-testid="closed-note">${m.closedNote}</p>`;
    const alert = this.error
      ? html`<p class="notice error" role="alert">${errorText(this.host.ui.messages, this.error)}</p>`
      : nothing;
    if (!this.confirming) {
      return html`<p><button class="secondary" type="button" data-testid="close" @click=${() => this.ask()}>${m.close}</button></p>`;
    }
    return html`<div class="notice" role="group" aria-labelledby="close-question" data-testid="close-confirm">
      <p id="close-question">${m.closeConfirm}</p>
      ${alert}
      <div class="actions">
        <button class="primary" type="button" data-testid="close-yes" ?disabled=${this.busy} @click=${() => this.confirm()}>
          ${m.closeYes}
        </button>
        <button class="secondary" type="button" data-testid="close-no" @click=${() => this.cancel()}>${m.closeNo}</button>
      </div>
    </div>`;
  }
}
