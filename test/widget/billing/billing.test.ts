// Billing in the whole widget, against the real test API: a receipt after buying, the billing history, and
// cancelling with the one-month rule stated before the customer confirms; the plans as cards; and what the
// customer reads when the payment service cannot be reached.
import { expect } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { formatDateTime } from '../../../client/format.js';
import type { BillingHistory, Me } from '../../../core/api/schemas.js';
import type { NetscoutSupport } from '../../../widget/src/index.js';
import {
  $,
  $$,
  apiGet,
  axeViolations,
  cleanUp,
  mount,
  ready,
  screenshot,
  settle,
  showView,
  text,
  waitFor,
} from '../_helpers.js';

const gateway = async (state: 'down' | 'up') => {
  await executeServerCommand('netscout-gateway', { api: 'regular', state });
};
const ny = (iso: string) => formatDateTime(iso, 'en-US', 'America/New_York');
/** David has no LinkSprinter plan (and no test buys him one): the public method shows its plans. */
async function openPlans(el: NetscoutSupport): Promise<void> {
  el.showView('upgrade');
  await waitFor(() => planCards(el).length > 0, 'the plan cards');
  await settle(el);
}
const planCards = (el: HTMLElement) => $$(el, '[data-testid="upgrade"] .plan-card') as HTMLButtonElement[];

describe('billing in the widget', () => {
  afterEach(async () => {
    await cleanUp();
    await gateway('up');
  });

  it('shows the plans as cards a keyboard can choose', async () => {
    const el = mount({ api: 'regular', account: 'standalonePaid', service: 'linksprinter' });
    await ready(el);
    await openPlans(el);
    const [pro] = planCards(el);
    expect(pro, 'a plan card').to.exist;
    const style = getComputedStyle(pro!);
    expect(Number.parseFloat(style.borderTopWidth)).to.be.greaterThan(0);
    expect(style.cursor).to.equal('pointer');
    expect(text(el, '.plan-card')).to.contain('Pro').and.contain('$29.00 per month').and.contain('Choose Pro');
    expect(pro!.getAttribute('aria-pressed')).to.equal('false');
    pro!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => $(el, '[data-testid="test-mode"]'), 'the plan chosen with the keyboard');
    expect(planCards(el)[0]!.getAttribute('aria-pressed')).to.equal('true');
    expect(await axeViolations(el)).to.deep.equal([]);
    await screenshot('billing-plan-cards');
  });

  it('says the payment form is unavailable when the payment service cannot be reached, keeps the choice, and retries', async () => {
    const el = mount({ api: 'regular', account: 'standalonePaid', service: 'linksprinter' });
    await ready(el);
    await openPlans(el);
    await gateway('down');
    planCards(el)[0]!.click();
    const alert = await waitFor(() => $(el, '[data-testid="upgrade-error"]'), 'the unavailable payment form');
    expect(alert.textContent).to.contain('The payment form is unavailable right now. Please try again later');
    expect(alert.textContent).to.not.match(/request id/i);
    expect(planCards(el)[0]!.getAttribute('aria-pressed')).to.equal('true');
    await gateway('up');
    ($(el, '[data-testid="upgrade-error"] button') as HTMLButtonElement).click();
    await waitFor(() => $(el, '[data-testid="test-mode"] button:not([disabled])'), 'the payment form, back');
    expect($(el, '[data-testid="upgrade-error"]')).to.equal(null);
  });

  it('says it in French too', async () => {
    const el = mount({ api: 'regular', account: 'standalonePaid', service: 'linksprinter', locale: 'fr' });
    await ready(el);
    await openPlans(el);
    await gateway('down');
    planCards(el)[0]!.click();
    const alert = await waitFor(() => $(el, '[data-testid="upgrade-error"]'), 'le formulaire indisponible');
    expect(alert.textContent).to.contain('Le formulaire de paiement est indisponible pour le moment');
    expect(alert.querySelector('button')!.textContent!.trim()).to.equal('Réessayer');
  });

  it('gives a receipt after buying, lists the charge, and states the one-month rule before cancelling', async () => {
    const el = mount({ api: 'regular', account: 'gold', service: 'netscout-insights' });
    await ready(el);
    // Alice has no subscription to this service yet.
    await openPlans(el);
    planCards(el)[0]!.click();
    (await waitFor(() => $(el, '[data-testid="test-mode"] button:not([disabled])'), 'the test gateway')).click();
    await waitFor(() => $(el, '[data-testid="receipt"]'), 'the receipt');
    const history = await apiGet<BillingHistory>('regular', '/v1/billing/history', 'gold');
    const charge = history.items[0]!;
    expect(text(el, '[data-testid="receipt-amount"]')).to.equal('$19.00');
    expect(text(el, '[data-testid="receipt-transaction"]')).to.equal(charge.transactionId);
    expect(text(el, '[data-testid="receipt-date"]')).to.equal(ny(charge.chargedAt));
    expect(text(el, '[data-testid="receipt-date"]')).to.match(/EST$/);
    expect(text(el, '[data-testid="receipt"]')).to.contain(ny(charge.periodEndsAt));
    await screenshot('billing-receipt');

    // The plan's billing: what is billed, the history, and the cancel button.
    await waitFor(() => el.subscription?.paidThrough, 'the new subscription');
    ($$(el, 'button') as HTMLButtonElement[]).find((b) => b.textContent!.includes('See my plan and billing'))!.click();
    await waitFor(() => $(el, '[data-testid="billing-history"] .charge'), 'the billing history');
    expect(text(el, '[data-testid="billing-history"]')).to.contain(charge.transactionId).and.contain('$19.00');
    expect(text(el, 'nav')).to.contain('Plan and billing');

    ($(el, '[data-testid="cancel"]') as HTMLButtonElement).click();
    const rule = await waitFor(() => $(el, '[data-testid="cancel-rule"]'), 'the rule before confirming');
    const paidThrough = el.subscription!.paidThrough!;
    expect(rule.textContent).to.contain('billed for at least one month');
    expect(rule.textContent).to.contain(`you keep premium support until ${ny(paidThrough)}`);
    // Nothing is cancelled before the customer confirms.
    const before = await apiGet<Me>('regular', '/v1/me', 'gold');
    expect(before.subscriptions.find((s) => s.serviceId === 'netscout-insights')?.status).to.equal('active');
    expect(await axeViolations(el)).to.deep.equal([]);
    await screenshot('billing-cancel-rule');

    ($$(el, '[data-testid="cancel-confirm"] button') as HTMLButtonElement[])[0]!.click();
    const notice = await waitFor(() => $(el, '[data-testid="cancelled"]'), 'the cancellation');
    expect(notice.textContent).to.contain(`Premium support continues until ${ny(paidThrough)}`);
    const after = await apiGet<Me>('regular', '/v1/me', 'gold');
    const insights = after.subscriptions.find((s) => s.serviceId === 'netscout-insights');
    expect(insights?.status).to.equal('cancelled');
    expect(insights?.entitlement.level).to.equal('premium');
    await waitFor(() => el.subscription?.status === 'cancelled', 'the widget to know');
    await showView(el, 'overview');
    expect(text(el)).to.contain('within 24 hours');
  });

  it('shows the history and a cancelled plan in French, amounts and dates in the French way', async () => {
    const el = mount({ api: 'regular', account: 'gold', service: 'netscout-insights', locale: 'fr' });
    await ready(el);
    await showView(el, 'upgrade');
    await waitFor(() => $(el, '[data-testid="billing-history"] .charge'), 'l’historique');
    const me = await apiGet<Me>('regular', '/v1/me', 'gold');
    const paidThrough = me.subscriptions.find((s) => s.serviceId === 'netscout-insights')!.paidThrough!;
    expect(text(el, '[data-testid="billing-status"]')).to.contain(
      `Résilié. Le support premium reste assuré jusqu’au ${formatDateTime(paidThrough, 'fr', 'America/New_York')}`,
    );
    expect(text(el, '[data-testid="billing-history"]')).to.match(/19,00\s\$/);
    expect(text(el, 'nav')).to.contain('Offre et facturation');
    expect(await axeViolations(el)).to.deep.equal([]);
    // Without motion, as the a11y suite checks it: colours are measured after, not during, a transition.
    await emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
    try {
      expect(await axeViolations(el), 'in the dark scheme').to.deep.equal([]);
      await screenshot('billing-history-fr-dark');
    } finally {
      await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
    }
  });
});
