import { expect } from '@open-wc/testing';
import { $, $$, cleanUp, mount, ready, settle, showView, text, type, waitFor } from './_helpers.js';

describe('self-help', () => {
  afterEach(cleanUp);

  it('searches the knowledge base as the customer types and opens an article as plain text', async () => {
    const el = mount({ account: 'free', service: 'linksprinter' });
    await ready(el);
    await showView(el, 'self-help');
    await type(el, '#kb-search', 'first answer');
    const first = await waitFor(() => $(el, '[data-testid="kb-results"] button'), 'search results');
    const title = first.querySelector('strong')!.textContent!;
    first.click();
    await waitFor(() => $(el, '[data-testid="article"]'), 'the article');
    expect(text(el, '[data-testid="article"] h3')).to.equal(title);
    expect($$(el, '[data-testid="article"] p').length).to.be.greaterThan(1);
    ($(el, '[data-testid="article"] + button') as HTMLButtonElement).click();
    await settle(el);
    expect($(el, '[data-testid="kb-results"]')).to.not.equal(null);
  });

  it('links forums, documentation, white papers and best-practice guides for everyone, even without a session', async () => {
    const el = mount({ account: null });
    await ready(el);
    await showView(el, 'self-help');
    expect(text(el, '[data-testid="resources"]')).to.equal(
      'Knowledge base Support forums Documentation White papers Best-practice guides',
    );
  });

  it('says so when nothing matches', async () => {
    const el = mount({ account: 'free', service: 'linksprinter' });
    await ready(el);
    await showView(el, 'self-help');
    await type(el, '#kb-search', 'zzqqxxy');
    await waitFor(() => $(el, '[data-testid="no-results"]'), 'the no-results message');
    expect(text(el, '[data-testid="no-results"]')).to.equal('No article matches “zzqqxxy”.');
  });
});

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
    expect(text(el, '[data-testid="upgrade"]')).to.contain('Pro — $29.00 per month');
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
