import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { countdownText, formatDateTime } from '../../../../client/format.js';
import type { Case } from '../../../../core/api/schemas.js';
import { findService } from '../../../../core/catalog.js';
import { firstResponseCountdown } from '../../../../core/countdown.js';
import { ServerClockController } from '../../controllers/server-clock.js';
import { safeHref } from '../../internal/format.js';
import { NetscoutElement } from '../../internal/netscout-element.js';
import type { Ui } from '../../internal/ui.js';
import { badges, shared } from '../../styles/shared.styles.js';
import { styles } from './case-list.styles.js';

/** Which cases the list shows. */
export type CaseFilter = 'all' | 'open' | 'waiting' | 'resolved';

const SHOWN: Record<CaseFilter, (c: Case) => boolean> = {
  all: () => true,
  open: (c) => c.status !== 'resolved' && c.status !== 'closed',
  waiting: (c) => c.status === 'waiting-on-customer',
  resolved: (c) => c.status === 'resolved' || c.status === 'closed',
};

/**
 * The customer's cases: number, subject, a "new answer" marker, service, status, last update, deadline with
 * the countdown every surface shows (recomputed each second on the server's clock) and the SLA badge; a
 * status filter; a row opens the case.
 */
export class NetscoutCaseList extends NetscoutElement {
  static override styles = [shared, badges, styles];

  @property({ attribute: false }) ui!: Ui;
  /** The cases, newest first; `undefined` while they load. */
  @property({ attribute: false }) cases: Case[] | undefined;
  /** Ids of the cases with an engineer's answer the customer has not opened. */
  @property({ attribute: false }) unread: string[] | undefined;
  /** Where the customer manages the subscription (shown under the list). */
  @property({ attribute: false }) myAccountUrl: string | null | undefined;
  /** The server clock minus the browser clock (see `ServerClockController`). */
  @property({ type: Number }) skewMs = 0;

  @state() filter: CaseFilter = 'all';
  private readonly clock = new ServerClockController(this, 1000);

  protected override willUpdate(_changed: PropertyValues<this>): void {
    this.clock.skewMs = this.skewMs;
  }

  private renderCase(c: Case): TemplateResult {
    const { messages: m, locale, zone } = this.ui;
    const countdown = countdownText(firstResponseCountdown(c, this.clock.now()), m.client, locale);
    const service = findService(c.serviceId)?.name ?? c.serviceId;
    return html`<li>
      <button type="button" data-case=${c.id} @click=${() => this.tell('netscout-open-case', { id: c.id })}>
        <strong>${c.number}</strong> ${c.subject}
        ${this.unread?.includes(c.id) ? html`<span class="badge unread" data-testid="unread">${m.cases.newAnswer}</span>` : nothing}<br />
        <span class="muted" data-testid="facts">${service} · ${m.cases.status[c.status]} ·
          ${m.cases.updatedAt(formatDateTime(c.updatedAt, locale, zone))}</span><br />
        ${
          countdown
            ? html`<span data-testid="due">${m.cases.dueAt(formatDateTime(c.dueAt, locale, zone))} · ${countdown}</span>`
            : nothing
        }
        <span class="badge ${c.sla.state}">${m.cases.sla[c.sla.state]}</span>
      </button>
    </li>`;
  }

  protected override render(): TemplateResult {
    const m = this.ui.messages;
    const list = this.cases;
    if (!list) return html`<p role="status">${m.loading}</p>`;
    if (list.length === 0) return html`<p data-testid="no-cases">${m.cases.empty}</p>`;
    const myAccount = safeHref(this.myAccountUrl);
    const shown = list.filter(SHOWN[this.filter]);
    const choices = Object.keys(SHOWN) as CaseFilter[];
    return html`
      <label for="filter">${m.cases.filterLabel}</label>
      <select id="filter" @change=${(e: Event) => (this.filter = (e.target as HTMLSelectElement).value as CaseFilter)}>
        ${choices.map((f) => html`<option value=${f} ?selected=${f === this.filter}>${m.cases.filter[f]}</option>`)}
      </select>
      ${
        shown.length
          ? html`<ul class="list" data-testid="case-list">${shown.map((c) => this.renderCase(c))}</ul>`
          : html`<p data-testid="none-shown">${m.cases.noneShown}</p>`
      }
      ${
        myAccount
          ? html`<p><a href=${myAccount} target="_blank" rel="noopener noreferrer">${m.overview.myAccount}</a></p>`
          : nothing
      }
    `;
  }
}
