import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiError, type SupportApiClient } from '../../../../client/api.js';
import { formatDateTime, holidayName } from '../../../../client/format.js';
import type { Cancellation, Charge, Subscription } from '../../../../core/api/schemas.js';
import { findPlan, findService } from '../../../../core/catalog.js';
import { formatPrice } from '../../internal/format.js';
import { NetscoutElement } from '../../internal/netscout-element.js';
import { errorText, type Ui } from '../../internal/ui.js';
import { shared } from '../../styles/shared.styles.js';
import { billingMessages } from './billing.messages.js';
import { styles } from './billing.styles.js';
import { renderReceipt } from './receipt.js';

/**
 * A paid plan's billing (Type 1 and 3): what is billed, the charges so far, and cancelling — with the
 * one-month rule and the date premium support ends stated before the customer confirms (spec §7).
 *
 * @event netscout-plan-cancelled - the subscription was cancelled (told to the parent, never composed).
 */
export class NetscoutBilling extends NetscoutElement {
  static override styles = [shared, styles];

  @property({ attribute: false }) ui!: Ui;
  @property({ attribute: false }) api!: SupportApiClient;
  @property({ attribute: false }) subscription!: Subscription;

  @state() charges: Charge[] | undefined;
  @state() historyError: string | undefined;
  @state() confirming = false;
  @state() busy = false;
  @state() cancellation: Cancellation | undefined;
  @state() error: string | undefined;
  #loading: AbortController | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#loading?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') || changed.has('subscription')) void this.loadHistory();
  }

  private async loadHistory(): Promise<void> {
    this.#loading?.abort();
    const loading = new AbortController();
    this.#loading = loading;
    try {
      const history = await this.api.billingHistory(loading.signal);
      if (loading.signal.aborted) return;
      this.charges = history.items;
      this.historyError = undefined;
    } catch (error) {
      if (loading.signal.aborted) return;
      this.historyError = error instanceof ApiError ? errorText(this.ui.messages, error) : String(error);
    }
  }

  private async cancel(): Promise<void> {
    this.busy = true;
    this.error = undefined;
    try {
      this.cancellation = await this.api.cancelSubscription(this.subscription.id);
      this.confirming = false;
      this.tell('netscout-plan-cancelled', { subscriptionId: this.subscription.id });
    } catch (error) {
      this.error = error instanceof ApiError ? errorText(this.ui.messages, error) : String(error);
    } finally {
      this.busy = false;
    }
  }

  private when(iso: string): string {
    return formatDateTime(iso, this.ui.locale, this.ui.zone);
  }

  private renderStatus(): TemplateResult {
    const m = billingMessages(this.ui.lang);
    const s = this.subscription;
    const service = findService(s.serviceId);
    const plan = service && findPlan(service, s.planId);
    const price = plan ? formatPrice(plan.monthlyPriceCents, plan.currency, this.ui.locale) : '';
    const paidThrough = s.paidThrough;
    let state: string;
    if (s.status === 'active') state = paidThrough ? m.renewsOn(this.when(paidThrough)) : '';
    else
      state =
        s.entitlement.level === 'premium' && paidThrough ? m.cancelledUntil(this.when(paidThrough)) : m.cancelledEnded;
    return html`<div data-testid="billing-status">
      <p>${m.planLine(plan?.name ?? s.planId, s.serviceName, price)}</p>
      ${state ? html`<p>${state}</p>` : nothing}
    </div>`;
  }

  private renderCancel(): TemplateResult | typeof nothing {
    const m = billingMessages(this.ui.lang);
    const done = this.cancellation;
    if (done) {
      const ends = done.notice.premiumEndsAt;
      const holiday = done.notice.endsOnHoliday;
      return html`<div class="notice" role="status" data-testid="cancelled">
        <p>${ends ? m.cancelledNotice(this.when(ends)) : m.cancelledEnded}</p>
        ${holiday ? html`<p>${m.endsOnHoliday(holidayName(this.ui.messages.client, holiday.id, holiday.name))}</p>` : nothing}
      </div>`;
    }
    if (this.subscription.status !== 'active' || !this.subscription.paidThrough) return nothing;
    if (!this.confirming) {
      return html`<button class="danger" type="button" data-testid="cancel" @click=${() => (this.confirming = true)}>
        ${m.cancel}
      </button>`;
    }
    return html`<div class="notice" data-testid="cancel-confirm">
      <p data-testid="cancel-rule">${m.cancelRule(this.when(this.subscription.paidThrough))}</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <div class="actions">
        <button class="danger" type="button" ?disabled=${this.busy} @click=${() => this.cancel()}>${m.confirmCancel}</button>
        <button class="secondary" type="button" ?disabled=${this.busy} @click=${() => (this.confirming = false)}>
          ${m.keep}
        </button>
      </div>
    </div>`;
  }

  private renderHistory(): TemplateResult {
    const m = billingMessages(this.ui.lang);
    let body: TemplateResult;
    if (this.historyError) body = html`<p class="notice error" role="alert">${this.historyError}</p>`;
    else if (!this.charges) body = html`<p role="status">${this.ui.messages.loading}</p>`;
    else if (!this.charges.length) body = html`<p class="muted">${m.historyEmpty}</p>`;
    else {
      body = html`<ul class="history">
        ${this.charges.map((charge) => html`<li class="charge">${renderReceipt(charge, this.ui, 'none')}</li>`)}
      </ul>`;
    }
    return html`<section data-testid="billing-history" aria-labelledby="history-heading">
      <h3 id="history-heading">${m.historyHeading}</h3>
      ${body}
    </section>`;
  }

  protected override render(): TemplateResult {
    return html`<div data-testid="billing">${this.renderStatus()} ${this.renderCancel()} ${this.renderHistory()}</div>`;
  }
}

/** Registers `<netscout-billing>` once (the upgrade part renders it, and may be loaded twice). */
export function defineBilling(registry: CustomElementRegistry = customElements): void {
  if (!registry.get('netscout-billing')) registry.define('netscout-billing', NetscoutBilling);
}

declare global {
  interface HTMLElementTagNameMap {
    'netscout-billing': NetscoutBilling;
  }
}
