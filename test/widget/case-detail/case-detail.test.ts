import { expect } from '@open-wc/testing';
import { $, $$, cleanUp, env, fileCase, mount, ready, showView, text, type, unique, waitFor } from '../_helpers.js';

type Api = 'holiday' | 'regular';

async function openCase(api: Api, subject: string) {
  const filed = await fileCase(api, subject);
  const el = mount({ api, account: 'gold' });
  await ready(el);
  await showView(el, 'cases');
  const item = await waitFor(() => $(el, `[data-case="${filed.id}"]`), 'the case in the list');
  expect(item.textContent).to.contain(filed.number);
  expect(item.textContent).to.contain(subject);
  item.click();
  await waitFor(() => $(el, '[data-testid="case-detail"]'), 'the case detail');
  return { el, filed };
}

describe('a case, opened from my cases', () => {
  afterEach(cleanUp);

  it('shows a case received on Thanksgiving as paused, with the holidays and the time to its deadline', async () => {
    const { el } = await openCase('holiday', unique('Paused case'));
    expect($(el, '[data-testid="sla"]')!.dataset.state).to.equal('paused');
    expect(text(el, '[data-testid="paused"]')).to.match(
      /^Clock paused for Thanksgiving and the day after Thanksgiving; first response due in 1 d \d+ h$/,
    );
  });

  it('counts down to the first-response deadline on an ordinary day', async () => {
    const { el } = await openCase('regular', unique('Counting down'));
    expect(text(el, '[data-testid="sla"]')).to.equal('On track');
    const first = text(el, '[data-testid="countdown"]');
    expect(first).to.match(/^First response due in (1 h \d\d min|\d{1,2} min)$/);
  });

  it('sends the customer’s reply and shows the engineer’s answer, after which the SLA is met', async () => {
    const { el, filed } = await openCase('regular', unique('Conversation'));
    await type(el, '#reply', 'The access point is an AP-300 on firmware 2.1.');
    ($(el, '[data-testid="case-detail"] button[type="submit"]') as HTMLButtonElement).click();
    await waitFor(() => $(el, '[data-testid="comments"]'), 'the comment list');
    expect(text(el, '[data-testid="comments"]')).to.contain('You');
    expect(text(el, '[data-testid="comments"]')).to.contain('The access point is an AP-300 on firmware 2.1.');

    const patch = await fetch(`${env.regular.url}/v1/agent/cases/${filed.id}`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${env.regular.demo.agent.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ response: 'Please send the AP logs.', status: 'waiting-on-customer' }),
    });
    expect(patch.status).to.equal(200);
    await showView(el, 'cases');
    (await waitFor(() => $(el, `[data-case="${filed.id}"]`), 'the case again')).click();
    await waitFor(() => text(el, '[data-testid="comments"]').includes('Please send the AP logs.'), 'the answer');
    expect(text(el, '[data-testid="comments"]')).to.contain('Support engineer');
    expect($(el, '[data-testid="sla"]')!.dataset.state).to.equal('met');
    expect($(el, '[data-testid="countdown"]')).to.equal(null);
    expect(text(el, '[data-testid="case-detail"] p')).to.contain('Waiting for you');
    expect($$(el, '[data-testid="comments"] li')).to.have.length(2);
    // The author starts the item's first line, not indented under a blank line.
    const item = $$(el, '[data-testid="comments"] li')[0]!.getBoundingClientRect();
    const who = $$(el, '[data-testid="comments"] li strong')[0]!.getBoundingClientRect();
    expect(who.left - item.left).to.be.below(2);
    expect(who.top - item.top).to.be.below(who.height);
  });
});
