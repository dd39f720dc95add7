import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { Case } from '../../../../core/api/schemas.js';
import { safeHref } from '../../internal/format.js';
import { NetscoutElement } from '../../internal/netscout-element.js';
import type { Ui } from '../../internal/ui.js';
import { badges, shared } from '../../styles/shared.styles.js';
import { styles } from './case-list.styles.js';

/** The customer's cases: number, subject, status and SLA badge; a row opens the case. */
export class NetscoutCaseList extends NetscoutElement {
  static override styles = [shared, badges, styles];

  @property({ attribute: false }) ui!: Ui;
  /** The cases, newest first; `undefined` while they load. */
  @property({ attribute: false }) cases: Case[] | undefined;
  /** Where the customer manages the subscription (shown under the list). */
  @property({ attribute: false }) myAccountUrl: string | null | undefined;

  protected override render(): TemplateResult {
    const m = this.ui.messages;
    const list = this.cases;
    if (!list) return html`<p role="status">${m.loading}</p>`;
    if (list.length === 0) return html`<p data-testid="no-cases">${m.cases.empty}</p>`;
    const myAccount = safeHref(this.myAccountUrl);
    return html`
      <ul class="list" data-testid="case-list">
        ${list.map(
          (c) => html`<li>
            <button type="button" data-case=${c.id} @click=${() => this.tell('netscout-open-case', { id: c.id })}>
              <strong>${c.number}</strong> ${c.subject}<br />
              <span class="muted">${m.cases.status[c.status]}</span>
              <span class="badge ${c.sla.state}">${m.cases.sla[c.sla.state]}</span>
            </button>
          </li>`,
        )}
      </ul>
      ${
        myAccount
          ? html`<p><a href=${myAccount} target="_blank" rel="noopener noreferrer">${m.overview.myAccount}</a></p>`
          : nothing
      }
    `;
  }
}
