// The element's public methods, as a host page or the extension's frame calls them, and who the answers
// it shows belong to.
import { expect } from '@open-wc/testing';
import { $, cleanUp, env, fileCase, mount, ready, settle, text, unique, waitFor } from '../_helpers.js';

const currentView = (el: HTMLElement) => $(el, 'nav [aria-current="page"]')?.dataset.view;

describe('the public API of <netscout-support>', () => {
  afterEach(cleanUp);

  it('openCase(id) opens the launcher’s dialog on that case', async () => {
    const subject = unique('Opened by id');
    const filed = await fileCase('holiday', subject);
    const el = mount({ mode: 'launcher' });
    await el.updateComplete;
    expect(($(el, 'dialog') as HTMLDialogElement).open).to.equal(false);
    el.openCase(filed.id);
    await waitFor(() => $(el, '[data-testid="case-detail"]'), 'the case');
    await settle(el);
    expect(($(el, 'dialog') as HTMLDialogElement).open).to.equal(true);
    expect(el.hasAttribute('open')).to.equal(true);
    expect(currentView(el)).to.equal('cases');
    expect(text(el, '[data-testid="case-detail"] h3')).to.equal(`${filed.number} — ${subject}`);
  });

  it('openCase(id) of a case the customer cannot see says it was not found', async () => {
    const el = mount({ mode: 'launcher' });
    el.openCase('case_does_not_exist');
    const alert = await waitFor(() => $(el, '.body [role="alert"]'), 'the error');
    expect(alert.textContent).to.equal('This item was not found.');
    expect($(el, '[data-testid="case-detail"]')).to.equal(null);
  });

  it('showView("incident") opens the dialog on the form, and showView("cases") on the list', async () => {
    await fileCase('holiday', unique('Listed for showView'));
    const el = mount({ mode: 'launcher' });
    await el.updateComplete;
    el.showView('incident');
    await waitFor(() => $(el, '#f-subject'), 'the form');
    expect(($(el, 'dialog') as HTMLDialogElement).open).to.equal(true);
    expect(currentView(el)).to.equal('incident');
    el.showView('cases');
    await waitFor(() => $(el, '[data-testid="case-list"]'), 'the case list');
    expect(currentView(el)).to.equal('cases');
    expect($(el, '#f-subject')).to.equal(null);
  });

  it('never shows the answer for earlier credentials, even when it arrives last', async () => {
    const alice = env.holiday.demo.gold.token;
    const realFetch = window.fetch;
    let aliceOnTheWire!: () => void;
    const asked = new Promise<void>((resolve) => (aliceOnTheWire = resolve));
    let aliceRead = false;
    let el!: ReturnType<typeof mount>;
    window.fetch = (input, init) => {
      const forAlice = new Headers(init?.headers).get('authorization') === `Bearer ${alice}`;
      if (!String(input).endsWith('/v1/me') || !forAlice) return realFetch(input, init);
      aliceOnTheWire();
      // Alice's real answer, received before the switch could cancel it (hence no signal), and handed to
      // the widget once David's is on screen (or, should his never come, after a while: then it is hers).
      return realFetch(input, { ...init, signal: null }).then(async (response) => {
        await waitFor(() => el.me?.user.email === 'david@delta.example', 'David’s overview', 3000).catch(() => {});
        const json = response.json.bind(response);
        response.json = () => json().finally(() => (aliceRead = true));
        return response;
      });
    };
    try {
      el = mount({ account: 'gold' });
      el.removeAttribute('service'); // the overview then shows the customer's own subscription
      await asked;
      el.token = env.holiday.demo.standalonePaid.token;
      await ready(el);
      await waitFor(() => aliceRead, 'Alice’s late answer to be read');
      await settle(el);
      expect(el.me?.user.email).to.equal('david@delta.example');
      expect(text(el)).to.contain('NETSCOUT Insights: Team plan');
      expect(text(el)).to.not.contain('OneTouchAT');
      expect(text(el)).to.not.contain('Gold');
    } finally {
      window.fetch = realFetch;
    }
  });
});
