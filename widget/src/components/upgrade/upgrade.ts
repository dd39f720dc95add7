import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiError, type SupportApiClient } from '../../../../client/api.js';
import type { Charge, ClientToken, Subscription } from '../../../../core/api/schemas.js';
import { findService } from '../../../../core/catalog.js';
import { formatPrice } from '../../internal/format.js';
import { NetscoutElement } from '../../internal/netscout-element.js';
import { newIdempotencyKey } from '../../internal/outbox.js';
import { errorText, type Ui } from '../../internal/ui.js';
import { shared } from '../../styles/shared.styles.js';
import { defineBilling } from '../billing/billing.js';
import { billingMessages } from '../billing/billing.messages.js';
import { styles as billingStyles } from '../billing/billing.styles.js';
import { renderReceipt } from '../billing/receipt.js';
import { styles } from './upgrade.styles.js';

/** Braintree's documented sandbox nonce for a valid card: what the test gateway path pays with. */
export const TEST_NONCE = 'fake-valid-nonce';

interface Dropin {
  requestPaymentMethod(): Promise<{ nonce: string }>;
  teardown(): Promise<void>;
}

/** The server's answer when the payment gateway cannot be reached (503 `payment-unavailable`). */
function gatewayUnavailable(error: unknown): boolean {
  return error instanceof ApiError && error.status === 503 && !!error.problem?.type.endsWith('/payment-unavailable');
}

/**
 * Upgrade (free plan or plan without premium): plans, the one-month minimum, payment, then the receipt. For a
 * paid plan (Type 1 or 3) it shows the plan's billing instead (`<netscout-billing>`).
 */
export class NetscoutUpgrade extends NetscoutElement {
  static override styles = [shared, billingStyles, styles];

  @property({ attribute: false }) ui!: Ui;
  @property({ attribute: false }) api!: SupportApiClient;
  /** The service whose plans are offered. */
  @property() service = '';
  /** The customer's subscription to the service, when the root knows it. */
  @property({ attribute: false }) subscription: Subscription | undefined;
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
  @state() receipt: Charge | undefined;
  @state() error: string | undefined;
  /** What "Try again" does after the payment service could not be reached: the step that failed, as it was. */
  @state() retry: (() => void) | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    defineBilling();
  }

  private fail(error: unknown, again: () => void): void {
    this.retry = gatewayUnavailable(error) ? again : undefined;
    if (this.retry) this.error = billingMessages(this.ui.lang).gatewayUnavailable;
    else
      this.error =
        error instanceof ApiError ? errorText(this.ui.messages, error) : this.ui.messages.upgrade.paymentUnavailable;
  }

  private async choose(planId: string, fresh = true): Promise<void> {
    this.planId = planId;
    if (fresh || !this.purchaseKey) this.purchaseKey = newIdempotencyKey();
    this.token = this.dropin = this.error = this.retry = undefined;
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
      this.fail(error, () => void this.choose(planId, false));
    }
  }

  private async pay(planName: string): Promise<void> {
    const { planId, purchaseKey, token, dropin } = this;
    if (!planId || !purchaseKey || !token) return;
    this.busy = true;
    this.error = this.retry = undefined;
    try {
      const nonce = token.testGateway ? TEST_NONCE : (await dropin!.requestPaymentMethod()).nonce;
      const purchase = await this.api.purchase(
        { serviceId: this.service, planId, paymentMethodNonce: nonce },
        purchaseKey,
      );
      await dropin?.teardown();
      this.done = planName;
      this.receipt = purchase.receipt;
      this.tell('netscout-plan-purchased', { planName });
    } catch (error) {
      // The same key on retry: the server charges a purchase once.
      this.fail(error, () => void this.pay(planName));
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

  private renderError(): TemplateResult | typeof nothing {
    if (!this.error) return nothing;
    const retry = this.retry;
    return html`<div class="notice error" data-testid="upgrade-error">
      <p role="alert">${this.error}</p>
      ${
        retry
          ? html`<button class="secondary" type="button" ?disabled=${this.busy} @click=${() => retry()}>
              ${billingMessages(this.ui.lang).retry}
            </button>`
          : nothing
      }
    </div>`;
  }

  protected override render(): TemplateResult {
    const m = this.ui.messages.upgrade;
    if (this.done) {
      return html`<p class="notice" role="status" data-testid="upgrade-done">${m.success(this.done)}</p>
        ${this.receipt ? renderReceipt(this.receipt, this.ui) : nothing}
        ${
          this.subscription?.paidThrough
            ? html`<button class="secondary" type="button" @click=${() => (this.done = this.receipt = undefined)}>
                ${billingMessages(this.ui.lang).toBilling}
              </button>`
            : nothing
        }`;
    }
    if (this.subscription?.paidThrough && this.subscription.entitlement.level === 'premium') {
      return html`<netscout-billing
        .ui=${this.ui}
        .api=${this.api}
        .subscription=${this.subscription}
        @netscout-plan-cancelled=${(event: CustomEvent<{ subscriptionId: string }>) =>
          this.tell('netscout-plan-cancelled', event.detail)}
      ></netscout-billing>`;
    }
    const plans = findService(this.service)?.plans.filter((p) => p.kind === 'paid' && p.premiumIncluded) ?? [];
    if (!plans.length) return html`<p>${m.noPlans}</p>`;
    const chosen = plans.find((p) => p.id === this.planId);
    return html`
      <div data-testid="upgrade">
        <p>${m.intro}</p>
        <p class="notice" data-testid="minimum"><strong>${m.minimum}</strong></p>
        <ul class="plans" aria-label=${billingMessages(this.ui.lang).plansLabel}>
          ${plans.map(
            (p) => html`<li>
              <button
                class="plan-card"
                type="button"
                aria-pressed=${p.id === this.planId ? 'true' : 'false'}
                ?disabled=${this.busy}
                @click=${() => this.choose(p.id)}
              >
                <strong class="plan-name">${p.name}</strong>
                <span class="plan-price">${m.perMonth(formatPrice(p.monthlyPriceCents, p.currency, this.ui.locale))}</span>
                <span class="plan-action">${m.choose(p.name)}</span>
              </button>
            </li>`,
          )}
        </ul>
        ${this.renderError()} ${chosen ? this.renderPayment(chosen.name) : nothing}
      </div>
    `;
  }
}
