import { html, nothing, type TemplateResult } from 'lit';
import { formatDateTime } from '../../../../client/format.js';
import type { Charge } from '../../../../core/api/schemas.js';
import { formatPrice } from '../../internal/format.js';
import type { Ui } from '../../internal/ui.js';
import { billingMessages } from './billing.messages.js';

/** A charge as the customer keeps it: amount in their locale's currency format, dates in their zone. */
export function renderReceipt(charge: Charge, ui: Ui, heading: 'h3' | 'none' = 'h3'): TemplateResult {
  const m = billingMessages(ui.lang);
  const when = (iso: string) => formatDateTime(iso, ui.locale, ui.zone);
  return html`<section class="receipt" data-testid="receipt" aria-label=${m.receiptHeading}>
    ${heading === 'h3' ? html`<h3>${m.receiptHeading}</h3>` : nothing}
    <dl>
      <dt>${m.receipt.plan}</dt>
      <dd>${charge.planName} — ${charge.serviceName}</dd>
      <dt>${m.receipt.amount}</dt>
      <dd data-testid="receipt-amount">${formatPrice(charge.amountCents, charge.currency, ui.locale)}</dd>
      <dt>${m.receipt.date}</dt>
      <dd data-testid="receipt-date">${when(charge.chargedAt)}</dd>
      <dt>${m.receipt.transaction}</dt>
      <dd data-testid="receipt-transaction"><code>${charge.transactionId}</code></dd>
      <dt>${m.receipt.period}</dt>
      <dd>${m.period(when(charge.periodStartsAt), when(charge.periodEndsAt))}</dd>
    </dl>
    ${charge.testGateway ? html`<p class="muted">${m.testCharge}</p>` : nothing}
  </section>`;
}
