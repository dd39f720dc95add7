// The open case follows the server without the customer doing anything: an engineer's answer and resolve,
// the status after the customer's own reply, closing the case and rating the answer.
import { expect } from '@open-wc/testing';
import type { AgentFeedbackList, Case } from '../../../core/api/schemas.js';
import {
  $,
  agentUpdate,
  apiGet,
  cleanUp,
  fileCase,
  focused,
  mount,
  ready,
  settle,
  showView,
  text,
  type,
  unique,
  waitFor,
} from '../_helpers.js';

/** The Gold customer's widget showing a case just filed; the view is read again every `refreshMs`. */
async function openCase(subject: string, refreshMs = 200) {
  const filed = await fileCase('regular', subject);
  const el = mount({ api: 'regular', account: 'gold', refreshMs });
  await ready(el);
  await showView(el, 'cases');
  (await waitFor(() => $(el, `[data-case="${filed.id}"]`), 'the case in the list')).click();
  await waitFor(() => $(el, '[data-testid="case-detail"]'), 'the case detail');
  return { el, filed };
}

const status = (el: HTMLElement) => text(el, '[data-testid="case-detail"] p');

describe('the open case, live', () => {
  afterEach(cleanUp);

  it('shows an engineer’s answer and the resolution without the customer doing anything', async () => {
    const { el, filed } = await openCase(unique('Live answer'));
    expect(status(el)).to.contain('New');
    await agentUpdate('regular', filed.id, { response: 'Fixed by firmware 6.5.2.', status: 'resolved' });
    await waitFor(() => text(el, '[data-testid="comments"]').includes('Fixed by firmware 6.5.2.'), 'the answer');
    expect(status(el)).to.contain('Resolved');
    expect($(el, '[data-testid="rating"]')).not.to.equal(null);
    // The customer answers back: the status shown is the server's (in progress), not the one before.
    await type(el, '#reply', 'It came back this morning.');
    ($(el, '[data-testid="case-detail"] button[type="submit"]') as HTMLButtonElement).click();
    await waitFor(() => status(el).includes('In progress'), 'the status after the reply');
    expect((await apiGet<Case>('regular', `/v1/cases/${filed.id}`, 'gold')).status).to.equal('in-progress');
  });

  it('reads the case again when the page comes back into view', async () => {
    const { el, filed } = await openCase(unique('Back in view'), 3_600_000);
    await agentUpdate('regular', filed.id, { response: 'Seen while you were away.' });
    try {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
      document.dispatchEvent(new Event('visibilitychange'));
      await waitFor(() => text(el, '[data-testid="comments"]').includes('Seen while you were away.'), 'the answer');
    } finally {
      delete (document as { visibilityState?: unknown }).visibilityState; // the prototype's getter again
    }
  });

  it('closes the case after a confirmation that keeps the focus on the safe choice', async () => {
    const { el, filed } = await openCase(unique('To close'));
    $(el, '[data-testid="close"]')!.click();
    await settle(el);
    expect(text(el, '[data-testid="close-confirm"]')).to.contain('You will no longer be able to reply');
    expect(focused(el)?.getAttribute('data-testid')).to.equal('close-no');
    (focused(el) as HTMLElement).click();
    await settle(el);
    expect($(el, '[data-testid="close-confirm"]')).to.equal(null);
    expect((await apiGet<Case>('regular', `/v1/cases/${filed.id}`, 'gold')).status).to.equal('new');

    $(el, '[data-testid="close"]')!.click();
    await settle(el);
    $(el, '[data-testid="close-yes"]')!.click();
    await waitFor(() => $(el, '[data-testid="closed-note"]'), 'the closed case');
    expect(focused(el)?.localName).to.equal('h3');
    expect(status(el)).to.contain('Closed');
    expect($(el, '#reply')).to.equal(null);
    expect((await apiGet<Case>('regular', `/v1/cases/${filed.id}`, 'gold')).status).to.equal('closed');
  });

  it('takes a one-click rating after resolution, then an optional comment, both stored for the engineers', async () => {
    const { el, filed } = await openCase(unique('To rate'));
    expect($(el, '[data-testid="rating"]')).to.equal(null);
    await agentUpdate('regular', filed.id, { response: 'Replace the cable.', status: 'resolved' });
    const good = await waitFor(() => $(el, '[data-rating="good"]'), 'the rating buttons');
    good.click();
    await waitFor(() => $(el, '[data-testid="rated"]'), 'the stored rating');
    expect(text(el, '[data-testid="rated"]')).to.equal('You said this answer helped.');
    expect($(el, '[data-rating="good"]')!.getAttribute('aria-pressed')).to.equal('true');
    await type(el, '#rate-comment', 'Quick and clear.');
    ($(el, '[data-testid="rating"] button[type="submit"]') as HTMLButtonElement).click();
    await waitFor(() => $(el, '[data-testid="rate-thanks"]'), 'the thanks');
    const ratings = await apiGet<AgentFeedbackList>('regular', '/v1/agent/feedback', 'agent');
    const mine = ratings.items.find((item) => item.caseId === filed.id);
    expect(mine?.feedback).to.include({ rating: 'good', comment: 'Quick and clear.' });
  });
});
