import { expect } from '@open-wc/testing';
import {
  $,
  agentUpdate,
  apiOutage,
  cleanUp,
  fileCase,
  mount,
  ready,
  settle,
  showView,
  unique,
  waitFor,
} from '../_helpers.js';

const row = (el: HTMLElement, id: string) => $(el, `[data-case="${id}"]`)?.textContent?.replace(/\s+/g, ' ') ?? '';

describe('my cases', () => {
  afterEach(cleanUp);

  it('lists the customer’s cases with their service, status, deadline and SLA badge, and links to My Account for Gold', async () => {
    const subject = unique('Listed case');
    const filed = await fileCase('holiday', subject);
    const el = mount({ account: 'gold' });
    await ready(el);
    await showView(el, 'cases');
    await waitFor(() => $(el, `[data-case="${filed.id}"]`), 'the case in the list');
    expect(row(el, filed.id)).to.contain(`${filed.number} ${subject} OneTouchAT.com · New · Updated`);
    expect(row(el, filed.id)).to.contain('Due by Sat, Nov 28, 2:00 AM EST · Clock paused for Thanksgiving');
    expect(($(el, 'a[href^="https://myaccount"]') as HTMLAnchorElement).textContent).to.contain('My Account');
  });

  it('shows an engineer’s answer as it happens, marked "New answer" until the customer opens the case', async () => {
    const filed = await fileCase('holiday', unique('Live list'));
    const el = mount({ account: 'gold', refreshMs: 200 });
    await ready(el);
    await showView(el, 'cases');
    await waitFor(() => row(el, filed.id).includes('New'), 'the new case');
    expect($(el, `[data-case="${filed.id}"] [data-testid="unread"]`)).to.equal(null);
    await agentUpdate('holiday', filed.id, { response: 'Which port?', status: 'waiting-on-customer' });
    await waitFor(() => row(el, filed.id).includes('Waiting for you'), 'the new status, without any click');
    expect($(el, `[data-case="${filed.id}"] [data-testid="unread"]`)?.textContent).to.equal('New answer');
    $(el, `[data-case="${filed.id}"]`)!.click();
    await waitFor(() => $(el, '[data-testid="case-detail"]'), 'the case');
    (await waitFor(() => $(el, 'form button[type="button"]'), 'the back button')).click();
    await settle(el);
    await waitFor(
      () => row(el, filed.id) && !$(el, `[data-case="${filed.id}"] [data-testid="unread"]`),
      'the mark gone',
    );
  });

  it('reads the list again when the launcher is opened again', async () => {
    const filed = await fileCase('holiday', unique('Reopened'));
    const el = mount({ account: 'gold', mode: 'launcher', refreshMs: 3_600_000 });
    el.open();
    await ready(el);
    await showView(el, 'cases');
    await waitFor(() => row(el, filed.id).includes('New'), 'the new case');
    el.close();
    await agentUpdate('holiday', filed.id, { status: 'resolved' });
    el.open();
    await waitFor(() => row(el, filed.id).includes('Resolved'), 'the list read again on opening');
  });

  it('keeps the list on screen and tells the page once, not at every read, while the API is unreachable', async () => {
    const filed = await fileCase('holiday', unique('Offline list'));
    const el = mount({ api: 'flaky', account: 'gold', refreshMs: 50 });
    await ready(el);
    await showView(el, 'cases');
    await waitFor(() => row(el, filed.id), 'the case in the list');
    const errors: string[] = [];
    el.addEventListener('netscout-error', (event) => errors.push(event.detail.code));
    await apiOutage('down');
    try {
      const asked = el.casesAsked;
      await waitFor(() => el.casesAsked >= asked + 4, 'several reads while the API is down');
      expect(errors).to.deep.equal(['network']);
      expect(row(el, filed.id)).to.contain(filed.number);
    } finally {
      await apiOutage('up');
    }
  });
});
