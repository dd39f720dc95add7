// The upgrade step mounted alone: the plans of a service, payment through the server's test gateway, and
// what the customer reads when the payment form cannot start.
import { expect } from '@open-wc/testing';
import { SupportApiClient } from '../../../client/api.js';
import type { Me } from '../../../core/api/schemas.js';
import { $, $$, apiGet, cleanUp, env, settle, text, waitFor } from '../_helpers.js';
import { mountPart, told, UNREACHABLE, ui } from '../_parts.js';

/** A client of `base` as `account` that counts the client-token requests and may rewrite their answers. */
function paymentsClient(base: string, account: 'goldLapsed' | 'free', rewrite?: (body: object) => object) {
  const counted = { clientTokens: 0 };
  const token = env.regular.demo[account].token;
  const api = new SupportApiClient(base, async () => token, {
    fetch: async (input, init) => {
      const isClientToken = String(input).endsWith('/v1/payments/client-token');
      if (isClientToken) counted.clientTokens++;
      const response = await fetch(input, init);
      return isClientToken && rewrite ? Response.json(rewrite(await response.json())) : response;
    },
  });
  return { api, counted };
}

function mountUpgrade(api: SupportApiClient, lang: 'en' | 'fr' = 'en') {
  return mountPart('netscout-upgrade', {
    ui: ui(lang),
    api,
    service: 'linksprinter',
    paymentContainer: () => document.body.appendChild(document.createElement('div')),
  });
}

const planButtons = (part: HTMLElement) => $$(part, '[data-testid="upgrade"] li button') as HTMLButtonElement[];

describe('<netscout-upgrade> alone', () => {
  afterEach(cleanUp);

  it('says the payment form cannot load when the payment service does not start, and the plans stay usable', async () => {
    // The server answers as it does with a Braintree account (testGateway false). The Drop-in cannot start
    // with it here: its chunk does not load in this dev server, and Braintree would refuse this token anyway.
    // Whatever stops the payment form, the customer reads one sentence and can choose again.
    const { api, counted } = paymentsClient(env.regular.url, 'free', (body) => ({ ...body, testGateway: false }));
    const part = mountUpgrade(api);
    const purchased = told(part, 'netscout-plan-purchased');
    await settle(part);
    planButtons(part)[0]!.click();
    const alert = await waitFor(() => $(part, '[role="alert"]'), 'the payment form’s failure');
    await settle(part);
    expect(alert.textContent).to.equal('The payment form cannot load right now.');
    expect($(part, '[role="status"]')).to.equal(null);
    expect(planButtons(part).map((b) => b.disabled)).to.deep.equal([false]);

    planButtons(part)[0]!.click();
    await waitFor(() => counted.clientTokens === 2 && $(part, '[role="alert"]'), 'a second attempt');
    expect(purchased).to.deep.equal([]);
  });

  it('says the support service cannot be reached when the API is down, and the plans stay usable', async () => {
    const { api, counted } = paymentsClient(UNREACHABLE, 'free');
    const part = mountUpgrade(api, 'fr');
    await settle(part);
    planButtons(part)[0]!.click();
    const alert = await waitFor(() => $(part, '[role="alert"]'), 'the error');
    await settle(part);
    expect(alert.textContent).to.equal(
      'Le service d’assistance est injoignable. Vérifiez votre connexion puis réessayez.',
    );
    expect(planButtons(part).map((b) => b.disabled)).to.deep.equal([false]);
    planButtons(part)[0]!.click();
    await waitFor(() => counted.clientTokens === 2 && $(part, '[role="alert"]'), 'a second attempt');
  });

  it('pays through the test gateway, tells its parent the plan was bought, and the server has it', async () => {
    const { api } = paymentsClient(env.regular.url, 'goldLapsed');
    const part = mountUpgrade(api);
    const purchased = told(part, 'netscout-plan-purchased');
    await settle(part);
    expect(text(part, '[data-testid="upgrade"]')).to.contain('Pro $29.00 per month');
    expect(planButtons(part).map((b) => b.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
      'Pro $29.00 per month Choose Pro',
    ]);
    planButtons(part)[0]!.click();
    const pay = await waitFor(() => $(part, '[data-testid="test-mode"] button:not([disabled])'), 'the test gateway');
    pay.click();
    await waitFor(() => purchased.length > 0, 'netscout-plan-purchased');
    expect(purchased).to.deep.equal([{ detail: { planName: 'Pro' }, composed: false, bubbles: false }]);
    await settle(part);
    expect(text(part, '[data-testid="upgrade-done"]')).to.equal('You are now on the Pro plan.');
    const me = await apiGet<Me>('regular', '/v1/me', 'goldLapsed');
    const linksprinter = me.subscriptions.find((s) => s.serviceId === 'linksprinter' && s.status === 'active');
    expect(linksprinter?.planId).to.equal('pro');
    expect(linksprinter?.entitlement.level).to.equal('premium');
  });
});
