// The case list mounted alone: the cases the real API holds go in as a property; a click on a row comes
// back as `netscout-open-case`, an event that stays inside the widget.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CaseListPage, SupportCalendar } from '../../../core/api/schemas.js';
import { $, $$, agentUpdate, apiGet, cleanUp, env, fileCase, settle, text, unique } from '../_helpers.js';
import { mountPart, told, ui } from '../_parts.js';

async function goldCases() {
  const subject = unique('<img src=x onerror="window.__pwned=1"> <b>Listed alone</b>');
  const filed = await fileCase('holiday', subject);
  const page = await apiGet<CaseListPage>('holiday', '/v1/cases?limit=50', 'gold');
  return { filed, subject, items: page.items, page };
}

/** The holiday server's clock minus this browser's (as the root measures it from the calendar). */
async function holidaySkew(): Promise<number> {
  const calendar = (await (await fetch(`${env.holiday.url}/v1/calendar`)).json()) as SupportCalendar;
  return Date.parse(calendar.now) - Date.now();
}

const rowText = (list: HTMLElement, id: string) =>
  $(list, `[data-case="${id}"]`)!.textContent!.replace(/\s+/g, ' ').trim();

describe('<netscout-case-list> alone', () => {
  afterEach(cleanUp);

  it('shows each case’s number, subject (as text), service, status, last update, deadline, countdown and SLA badge', async () => {
    const { filed, subject, items } = await goldCases();
    const list = mountPart('netscout-case-list', { ui: ui(), cases: items, skewMs: await holidaySkew() });
    await settle(list);
    // Filed on Thanksgiving 2026 (server clock), 2-hour target: due Saturday 02:00 New York, clock paused now.
    expect(rowText(list, filed.id)).to.match(
      new RegExp(
        `^${filed.number} ${subject.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} OneTouchAT\\.com · New · Updated Thu, Nov 26, \\d+:\\d\\d [AP]M EST ` +
          'Due by Sat, Nov 28, 2:00 AM EST · Clock paused for Thanksgiving and the day after Thanksgiving; first response due in 1 d \\d+ h Paused$',
      ),
    );
    expect($$(list, '[data-case]')).to.have.length(items.length);
    expect($(list, '[data-testid="case-list"] img, [data-testid="case-list"] b')).to.equal(null);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('marks the cases whose latest answer the customer has not opened as "New answer"', async () => {
    const first = await fileCase('holiday', unique('Answered'));
    await fileCase('holiday', unique('Not answered'));
    await agentUpdate('holiday', first.id, { response: 'Try the other port.' });
    const page = await apiGet<CaseListPage>('holiday', '/v1/cases?limit=50', 'gold');
    const list = mountPart('netscout-case-list', { ui: ui('fr'), cases: page.items, unread: page.unread });
    await settle(list);
    const marked = $$(list, '[data-testid="unread"]').map((badge) =>
      badge.closest('[data-case]')!.getAttribute('data-case'),
    );
    expect(marked).to.include(first.id);
    expect(marked.sort()).to.deep.equal([...(page.unread ?? [])].sort());
    expect(text(list, `[data-case="${first.id}"] [data-testid="unread"]`)).to.equal('Nouvelle réponse');
  });

  it('filters by status from the keyboard: open, waiting for you, resolved, all', async () => {
    const waiting = await fileCase('holiday', unique('Waiting'));
    const resolved = await fileCase('holiday', unique('Resolved'));
    const open = await fileCase('holiday', unique('Open'));
    await agentUpdate('holiday', waiting.id, { response: 'Which port?', status: 'waiting-on-customer' });
    await agentUpdate('holiday', resolved.id, { status: 'resolved' });
    const { items } = await apiGet<CaseListPage>('holiday', '/v1/cases?limit=50', 'gold');
    const list = mountPart('netscout-case-list', { ui: ui(), cases: items });
    await settle(list);
    const shown = () => $$(list, '[data-case]').map((row) => row.getAttribute('data-case'));
    const select = $(list, '#filter') as HTMLSelectElement;
    expect(text(list, 'label[for="filter"]')).to.equal('Show');
    select.focus();
    await sendKeys({ press: 'ArrowDown' }); // Open
    await settle(list);
    expect(shown()).to.include.members([waiting.id, open.id]).and.not.include(resolved.id);
    await sendKeys({ press: 'ArrowDown' }); // Waiting for you
    await settle(list);
    expect(shown()).to.include(waiting.id).and.not.include.members([open.id, resolved.id]);
    await sendKeys({ press: 'ArrowDown' }); // Resolved or closed
    await settle(list);
    expect(shown()).to.include(resolved.id).and.not.include.members([open.id, waiting.id]);
    expect(shown().every((id) => ['resolved', 'closed'].includes(items.find((c) => c.id === id)!.status))).to.equal(
      true,
    );
    await sendKeys({ press: 'Home' }); // All
    await settle(list);
    expect(shown()).to.have.length(items.length);
  });

  it('tells its parent which case was clicked, with an event that does not leave the widget', async () => {
    const { filed, items } = await goldCases();
    const list = mountPart('netscout-case-list', { ui: ui(), cases: items });
    const opened = told(list, 'netscout-open-case');
    await settle(list);
    $(list, `[data-case="${filed.id}"]`)!.click();
    expect(opened).to.deep.equal([{ detail: { id: filed.id }, composed: false, bubbles: false }]);
  });

  it('says it is loading before the cases arrive, and that there are none when the list is empty', async () => {
    const list = mountPart('netscout-case-list', { ui: ui('fr'), cases: undefined });
    await settle(list);
    expect(text(list, '[role="status"]')).to.equal('Chargement…');
    list.cases = [];
    await settle(list);
    expect(text(list, '[data-testid="no-cases"]')).to.equal('Vous n’avez encore aucun dossier.');
    expect($(list, '[data-case]')).to.equal(null);
  });

  it('links to My Account only when the address is http(s)', async () => {
    const { items } = await goldCases();
    const list = mountPart('netscout-case-list', {
      ui: ui(),
      cases: items,
      myAccountUrl: 'https://myaccount.flukenetworks.com/',
    });
    await settle(list);
    expect(($(list, 'a') as HTMLAnchorElement).href).to.equal('https://myaccount.flukenetworks.com/');
    list.myAccountUrl = 'javascript:alert(1)';
    await settle(list);
    expect($(list, 'a')).to.equal(null);
  });
});
