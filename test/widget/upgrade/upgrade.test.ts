import { expect } from '@open-wc/testing';
import { $, $$, cleanUp, mount, ready, showView, text, waitFor } from '../_helpers.js';

describe('upgrade', () => {
  afterEach(cleanUp);

  it('sends one Idempotency-Key per purchase attempt, the same when paying is retried after a network error', async () => {
    const keys: (string | null)[] = [];
    const realFetch = window.fetch;
    // The purchase never reaches the server: the network is down for it (nothing is bought).
    window.fetch = (input, init) => {
      if (String(input).endsWith('/v1/subscriptions')) {
        keys.push(new Headers(init?.headers).get('idempotency-key'));
        return Promise.reject(new TypeError('Failed to fetch'));
      }
      return realFetch(input, init);
    };
    try {
      const el = mount({ account: 'free', service: 'linksprinter' });
      await ready(el);
      await showView(el, 'upgrade');
      const choosePro = () =>
        ($$(el, '[data-testid="upgrade"] button') as HTMLButtonElement[])
          .find((b) => b.textContent!.includes('Choose Pro'))!
          .click();
      const pay = async (attempt: number) => {
        const button = await waitFor(
          () => $(el, '[data-testid="test-mode"] button:not([disabled])') as HTMLButtonElement | null,
          'the pay button',
        );
        button.click();
        await waitFor(() => keys.length === attempt && $(el, '[role="alert"]'), 'the network error');
      };
      choosePro();
      await pay(1);
      await pay(2);
      choosePro();
      await waitFor(() => !$(el, '[role="alert"]'), 'a fresh attempt');
      await pay(3);
      expect(keys[0]).to.match(/^[0-9a-f-]{36}$/);
      expect(keys[1]).to.equal(keys[0]);
      expect(keys[2]).to.match(/^[0-9a-f-]{36}$/);
      expect(keys[2]).to.not.equal(keys[0]);
    } finally {
      window.fetch = realFetch;
    }
  });

  it('states the one-month minimum, pays through the clearly marked test gateway and turns premium on', async () => {
    const el = mount({ api: 'regular', account: 'free', service: 'linksprinter' });
    await ready(el);
    await showView(el, 'upgrade');
    expect(text(el, '[data-testid="minimum"]')).to.contain('billed for at least one month');
    expect(text(el, '[data-testid="upgrade"]')).to.contain('Pro $29.00 per month');
    expect(text(el, '[data-testid="upgrade"]')).to.not.contain('Basic');
    const choose = ($$(el, '[data-testid="upgrade"] button') as HTMLButtonElement[]).find((b) =>
      b.textContent!.includes('Choose Pro'),
    )!;
    choose.click();
    const testMode = await waitFor(() => $(el, '[data-testid="test-mode"]'), 'the test-mode path');
    expect(text(el, '[data-testid="test-mode"]')).to.contain('TEST MODE');
    expect(text(el, '[data-testid="test-mode"]')).to.contain('no card is charged');
    (testMode.querySelector('button') as HTMLButtonElement).click();
    await waitFor(() => $(el, '[data-testid="upgrade-done"]'), 'the confirmation');
    expect(text(el, '[data-testid="upgrade-done"]')).to.equal('You are now on the Pro plan.');
    await waitFor(() => el.subscription?.entitlement.level === 'premium', 'premium support');
    await showView(el, 'overview');
    expect(text(el)).to.contain('within 24 hours');
  });
});
