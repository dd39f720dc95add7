import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiError, type SupportApiClient } from '../../../../client/api.js';
import { countdownText, formatDateTime } from '../../../../client/format.js';
import type { Case } from '../../../../core/api/schemas.js';
import { firstResponseCountdown } from '../../../../core/countdown.js';
import { ServerClockController } from '../../controllers/server-clock.js';
import { NetscoutElement } from '../../internal/netscout-element.js';
import { newIdempotencyKey } from '../../internal/outbox.js';
import { errorText, type Ui } from '../../internal/ui.js';
import { badges, shared } from '../../styles/shared.styles.js';
import { CaseAttachments } from './case-attachments.js';
import { CaseClosing } from './case-closing.js';
import { styles } from './case-detail.styles.js';
import { CaseRating } from './case-rating.js';
import { ReplyFiles } from './reply-files.js';

/**
 * One case: status, deadline, the countdown every surface shows (the one pure function in core, the one
 * sentence in the client catalog) recomputed each second on the server's clock, the conversation and a reply;
 * closing the case, and rating the answer once it is resolved.
 *
 * @event netscout-error - A reply could not be sent.
 */
export class NetscoutCaseDetail extends NetscoutElement {
  static override styles = [shared, badges, styles];

  @property({ attribute: false }) ui!: Ui;
  @property({ attribute: false }) case!: Case;
  /** The signed-in customer's name (their comments say "You"). */
  @property({ attribute: false }) userName = '';
  @property({ attribute: false }) api!: SupportApiClient;
  /** The server clock minus the browser clock (see `ServerClockController`). */
  @property({ type: Number }) skewMs = 0;

  @state() reply = '';
  @state() sending = false;
  @state() replyError: ApiError | undefined;
  private readonly clock = new ServerClockController(this, 1000);
  private readonly attachments = new CaseAttachments(this);
  private readonly replyFiles = new ReplyFiles(this);
  /** The reply being sent and its `Idempotency-Key`: a retry of the same text is posted once. */
  private replyKey: { body: string; key: string } | undefined;
  private readonly closing = new CaseClosing(this);
  private readonly rating = new CaseRating(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.clock.skewMs = this.skewMs;
    const previous = changed.get('case') as Case | undefined;
    if (changed.has('case') && previous?.id !== this.case.id) {
      this.reply = '';
      this.replyError = undefined;
      this.attachments.reset();
      this.replyFiles.reset();
      this.closing.reset();
      this.rating.reset();
    }
  }

  /** The case changed on the server (a reply, closing, a rating): the parent reads it again. */
  caseChanged(): void {
    this.tell('netscout-case-changed', { id: this.case.id });
  }

  protected override updated(changed: PropertyValues<this>): void {
    const previous = changed.get('case') as Case | undefined;
    if (changed.has('case') && previous?.id !== this.case.id) this.renderRoot.querySelector<HTMLElement>('h3')?.focus();
  }

  private async send(event: Event): Promise<void> {
    event.preventDefault();
    const body = this.reply.trim();
    if (!body || this.sending) return;
    this.sending = true;
    this.replyError = undefined;
    try {
      if (this.replyKey?.body !== body) this.replyKey = { body, key: newIdempotencyKey() };
      const posted = await this.api.comment(this.case.id, body, this.replyKey.key);
      this.replyKey = undefined;
      this.reply = '';
      await this.replyFiles.send(this.api, this.case.id, posted.id);
      this.caseChanged();
    } catch (error) {
      // What the customer wrote stays in the box, with the reason it was not sent.
      this.replyError = error instanceof ApiError ? error : new ApiError('network', String(error));
      this.emit('netscout-error', { code: this.replyError.code, message: this.replyError.message });
    } finally {
      this.sending = false;
    }
  }

  private renderSla(c: Case): TemplateResult {
    const state = c.sla.state;
    const countdown = c.firstResponseAt === null ? firstResponseCountdown(c, this.clock.now()) : null;
    const sentence = countdown && countdownText(countdown, this.ui.messages.client, this.ui.locale);
    const line = sentence
      ? html`<p data-testid=${countdown?.kind === 'paused' ? 'paused' : 'countdown'} aria-live="off">${sentence}</p>`
      : nothing;
    return html`<span class="badge ${state}" data-testid="sla" data-state=${state}>${this.ui.messages.cases.sla[state]}</span>${line}`;
  }

  protected override render(): TemplateResult {
    const { messages: m, locale, zone } = this.ui;
    const c = this.case;
    const author = (comment: NonNullable<Case['comments']>[number]) =>
      comment.author.kind === 'agent'
        ? `${m.cases.agent} (${comment.author.name})`
        : comment.author.name === this.userName
          ? m.cases.you
          : comment.author.name;
    return html`
      <div data-testid="case-detail">
        <h3 tabindex="-1">${c.number} — ${c.subject}</h3>
        <p>${m.cases.status[c.status]} · ${m.cases.receivedAt(formatDateTime(c.receivedAt, locale, zone))}</p>
        <p>${m.cases.dueAt(formatDateTime(c.dueAt, locale, zone))}</p>
        ${this.renderSla(c)}
        <p class="comment text">${c.description}</p>
        ${this.attachments.render(null)}
        <h3>${m.cases.comments}</h3>
        ${
          c.comments?.length
            ? html`<ul class="list" data-testid="comments">
                ${c.comments.map(
                  (comment) => html`<li class="comment">
                    <strong>${author(comment)}</strong>
                    <span class="muted">${formatDateTime(comment.createdAt, locale, zone)}</span><br /><span class="text">${comment.body}</span>
                    ${this.attachments.render(comment.id)}
                  </li>`,
                )}
              </ul>`
            : html`<p class="muted">${m.cases.noComments}</p>`
        }
        ${this.rating.render()} ${c.status === 'closed' ? this.renderBack() : this.renderReply()}
        ${this.closing.render()}
      </div>
    `;
  }

  private renderBack(): TemplateResult {
    return html`<div class="actions">
      <button class="secondary" type="button" @click=${() => this.tell('netscout-close-case', {})}>
        ${this.ui.messages.cases.back}
      </button>
    </div>`;
  }

  private renderReply(): TemplateResult {
    const m = this.ui.messages;
    return html`
        <form @submit=${(event: Event) => this.send(event)}>
          <label for="reply">${m.cases.reply}</label>
          <textarea
            id="reply"
            .value=${this.reply}
            @input=${(event: Event) => (this.reply = (event.target as HTMLTextAreaElement).value)}
          ></textarea>
          ${this.replyFiles.render(this.case.attachments.length)}
          ${this.replyError ? html`<p class="notice error" role="alert">${errorText(m, this.replyError)}</p>` : nothing}
          <div class="actions">
            <button class="primary" type="submit" ?disabled=${this.sending}>${m.cases.send}</button>
            <button class="secondary" type="button" @click=${() => this.tell('netscout-close-case', {})}>
              ${m.cases.back}
            </button>
          </div>
        </form>
    `;
  }
}
