import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiError, type SupportApiClient } from '../../../../client/api.js';
import type { ClientToken } from '../../../../core/api/schemas.js';
import { findService } from '../../../../core/catalog.js';
import { formatPrice } from '../../internal/format.js';
import { NetscoutElement } from '../../internal/netscout-element.js';
import { newIdempotencyKey } from '../../internal/outbox.js';
import { errorText, type Ui } from '../../internal/ui.js';
import { shared } from '../../styles/shared.styles.js';
import { styles } from './upgrade.styles.js';

/** Braintree's documented sandbox nonce for a valid card: what the test gateway path pays with. */
export const TEST_NONCE = 'fake-valid-nonce';

interface Dropin {
  requestPaymentMethod(): Promise<{ nonce: string }>;
  teardown(): Promise<void>;
}

/** Upgrade (free plan or plan without premium): plans, the one-month minimum, then payment. */
export class NetscoutUpgrade extends NetscoutElement {
  static override styles = [shared, styles];

  @property({ attribute: false }) ui!: Ui;
  @property({ attribute: false }) api!: SupportApiClient;
  /** The service whose plans are offered. */
  @property() service = '';
  /**
   * Makes the Drop-in's container in the page's light DOM (its CSS is global), slotted into the widget:
   * the root element owns its light DOM, so it makes it.
   */
  @property({ attribute: false }) paymentContainer!: () => HTMLElement;

  @state() planId: string | undefined;
  /** The purchase attempt's `Idempotency-Key`: new when a plan is chosen, kept when paying is retried. */
  @state() purchaseKey: string | undefined;
  @state() token: ClientToken | undefined;
  @state() dropin: Dropin | undefined;
  @state() busy = false;
  @state() done: string | undefined;
  @state() error: string | undefined;

  private failure(error: unknown): string {
    return error instanceof ApiError ? errorText(this.ui.messages, error) : this.ui.messages.upgrade.paymentUnavailable;
  }

  private async choose(planId: string): Promise<void> {
    this.planId = planId;
    this.purchaseKey = newIdempotencyKey();
    this.token = this.dropin = this.error = undefined;
    this.busy = true;
    try {
      const token = await this.api.clientToken();
      this.token = token;
      this.busy = false;
      if (token.testGateway) return;
      // The Drop-in (~130 KB gzip) loads only here, in its own chunk.
      const container = this.paymentContainer();
      const { createDropin } = await import('../../internal/braintree.js');
      this.dropin = await createDropin({ authorization: token.clientToken, container });
    } catch (error) {
      this.busy = false;
      this.error = this.failure(error);
    }
  }

  private async pay(planName: string): Promise<void> {
    const { planId, purchaseKey, token, dropin } = this;
    if (!planId || !purchaseKey || !token) return;
    this.busy = true;
    this.error = undefined;
    try {
      const nonce = token.testGateway ? TEST_NONCE : (await dropin!.requestPaymentMethod()).nonce;
      await this.api.purchase({ serviceId: this.service, planId, paymentMethodNonce: nonce }, purchaseKey);
      await dropin?.teardown();
      this.done = planName;
      this.tell('netscout-plan-purchased', { planName });
    } catch (error) {
      this.error = this.failure(error);
    } finally {
      this.busy = false;
    }
  }

  private renderPayment(planName: string): TemplateResult | typeof nothing {
    const m = this.ui.messages.upgrade;
    if (!this.token) return nothing;
    if (this.token.testGateway) {
      return html`<div class="test-mode" data-testid="test-mode">
        <p><strong>${m.testMode}</strong> — ${m.testModeExplain}</p>
        <button class="primary" type="button" ?disabled=${this.busy} @click=${() => this.pay(planName)}>
          ${m.payTest}
        </button>
      </div>`;
    }
    if (this.dropin) {
      return html`<button class="primary" type="button" ?disabled=${this.busy} @click=${() => this.pay(planName)}>
        ${m.pay}
      </button>`;
    }
    return this.error ? nothing : html`<p role="status">${m.loadingPayment}</p>`;
  }

  protected override render(): TemplateResult {
    const m = this.ui.messages.upgrade;
    if (this.done) return html`<p class="notice" role="status" data-testid="upgrade-done">${m.success(this.done)}</p>`;
    const plans = findService(this.service)?.plans.filter((p) => p.kind === 'paid' && p.premiumIncluded) ?? [];
    if (!plans.length) return html`<p>${m.noPlans}</p>`;
    const chosen = plans.find((p) => p.id === this.planId);
    return html`
      <div data-testid="upgrade">
        <p>${m.intro}</p>
        <p class="notice" data-testid="minimum"><strong>${m.minimum}</strong></p>
        <ul class="list">
          ${plans.map(
            (p) => html`<li>
              <p><strong>${p.name}</strong> — ${m.perMonth(formatPrice(p.monthlyPriceCents, p.currency, this.ui.locale))}</p>
              <button class="secondary" type="button" ?disabled=${this.busy} @click=${() => this.choose(p.id)}>
                ${m.choose(p.name)}
              </button>
            </li>`,
          )}
        </ul>
        ${this.error ? html`<p class="notice error" role="alert">${this.error}</p>` : nothing}
        ${chosen ? this.renderPayment(chosen.name) : nothing}
      </div>
    `;
  }
}
