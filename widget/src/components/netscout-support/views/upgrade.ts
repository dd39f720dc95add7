import { html, nothing, type TemplateResult } from 'lit';
import { ApiError } from '../../../../../client/api.js';
import type { ClientToken } from '../../../../../core/api/schemas.js';
import { findService } from '../../../../../core/catalog.js';
import { formatPrice } from '../../../internal/format.js';
import { newIdempotencyKey } from '../../../internal/outbox.js';
import type { NetscoutSupport } from '../netscout-support.js';

export interface UpgradeState {
  planId?: string;
  /** The purchase attempt's `Idempotency-Key`: new when a plan is chosen, kept when paying is retried. */
  purchaseKey?: string;
  token?: ClientToken;
  /** The Drop-in instance, once its lazy chunk has loaded (real gateway only). */
  dropin?: { requestPaymentMethod(): Promise<{ nonce: string }>; teardown(): Promise<void> };
  busy?: boolean;
  done?: string;
  error?: string;
}

/** Braintree's documented sandbox nonce for a valid card: what the test gateway path pays with. */
export const TEST_NONCE = 'fake-valid-nonce';

async function choosePlan(host: NetscoutSupport, planId: string): Promise<void> {
  host.upgrade = { planId, purchaseKey: newIdempotencyKey(), busy: true };
  try {
    const token = await host.api.clientToken();
    host.upgrade = { ...host.upgrade, token, busy: false };
    if (token.testGateway) return;
    // The Drop-in (~130 KB gzip) loads only here, in its own chunk, and renders in light DOM (its CSS
    // is global), through the element's `payment` slot.
    const container = document.createElement('div');
    container.slot = 'payment';
    host.replaceChildren(container);
    const { createDropin } = await import('../../../internal/braintree.js');
    const instance = await createDropin({ authorization: token.clientToken, container });
    host.upgrade = { ...host.upgrade, dropin: instance };
  } catch (error) {
    const message = error instanceof ApiError ? host.errorText(error) : host.messages.upgrade.paymentUnavailable;
    host.upgrade = { ...host.upgrade, busy: false, error: message };
  }
}

async function pay(host: NetscoutSupport, planName: string): Promise<void> {
  const { planId, purchaseKey, token, dropin } = host.upgrade;
  if (!planId || !purchaseKey || !token) return;
  host.upgrade = { ...host.upgrade, busy: true, error: undefined };
  try {
    const nonce = token.testGateway ? TEST_NONCE : (await dropin!.requestPaymentMethod()).nonce;
    await host.api.purchase(
      { serviceId: host.subscription?.serviceId ?? host.service, planId, paymentMethodNonce: nonce },
      purchaseKey,
    );
    await dropin?.teardown();
    host.upgrade = { done: planName };
    await host.load(true);
  } catch (error) {
    const message = error instanceof ApiError ? host.errorText(error) : host.messages.upgrade.paymentUnavailable;
    host.upgrade = { ...host.upgrade, busy: false, error: message };
  }
}

/** Upgrade (free plan or plan without premium): plans, the one-month minimum, then payment. */
export function renderUpgrade(host: NetscoutSupport): TemplateResult {
  const m = host.messages.upgrade;
  const state = host.upgrade;
  if (state.done) return html`<p class="notice" role="status" data-testid="upgrade-done">${m.success(state.done)}</p>`;
  const service = findService(host.subscription?.serviceId ?? host.service);
  const plans = service?.plans.filter((p) => p.kind === 'paid' && p.premiumIncluded) ?? [];
  if (!plans.length) return html`<p>${m.noPlans}</p>`;
  const chosen = plans.find((p) => p.id === state.planId);
  return html`
    <div data-testid="upgrade">
      <p>${m.intro}</p>
      <p class="notice" data-testid="minimum"><strong>${m.minimum}</strong></p>
      <ul class="list">
        ${plans.map(
          (p) => html`<li>
            <p><strong>${p.name}</strong> — ${m.perMonth(formatPrice(p.monthlyPriceCents, p.currency, host.intlLocale))}</p>
            <button class="secondary" type="button" ?disabled=${state.busy} @click=${() => choosePlan(host, p.id)}>
              ${m.choose(p.name)}
            </button>
          </li>`,
        )}
      </ul>
      ${state.error ? html`<p class="notice error" role="alert">${state.error}</p>` : nothing}
      ${
        chosen && state.token?.testGateway
          ? html`<div class="test-mode" data-testid="test-mode">
              <p><strong>${m.testMode}</strong> — ${m.testModeExplain}</p>
              <button class="primary" type="button" ?disabled=${state.busy} @click=${() => pay(host, chosen.name)}>
                ${m.payTest}
              </button>
            </div>`
          : nothing
      }
      ${
        chosen && state.token && !state.token.testGateway
          ? state.dropin
            ? html`<button class="primary" type="button" ?disabled=${state.busy} @click=${() => pay(host, chosen.name)}>
                ${m.pay}
              </button>`
            : state.error
              ? nothing
              : html`<p role="status">${m.loadingPayment}</p>`
          : nothing
      }
    </div>
  `;
}
