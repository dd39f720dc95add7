import { expect } from '@open-wc/testing';
import { $, cleanUp, fileCase, mount, ready, showView, unique, waitFor } from '../_helpers.js';

describe('my cases', () => {
  afterEach(cleanUp);

  it('lists the customer’s cases with their status and SLA badge, and links to My Account for Gold', async () => {
    const subject = unique('Listed case');
    const filed = await fileCase('holiday', subject);
    const el = mount({ account: 'gold' });
    await ready(el);
    await showView(el, 'cases');
    const item = await waitFor(() => $(el, `[data-case="${filed.id}"]`), 'the case in the list');
    expect(item.textContent!.replace(/\s+/g, ' ')).to.contain(`${filed.number} ${subject} New Paused`);
    expect(($(el, 'a[href^="https://myaccount"]') as HTMLAnchorElement).textContent).to.contain('My Account');
  });
});
