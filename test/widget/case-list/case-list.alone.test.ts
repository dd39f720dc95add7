// The case list mounted alone: the cases the real API holds go in as a property; a click on a row comes
// back as `netscout-open-case`, an event that stays inside the widget.
import { expect } from '@open-wc/testing';
import type { CaseListPage } from '../../../core/api/schemas.js';
import { $, $$, apiGet, cleanUp, fileCase, settle, text, unique } from '../_helpers.js';
import { mountPart, told, ui } from '../_parts.js';

async function goldCases() {
  const subject = unique('<img src=x onerror="window.__pwned=1"> <b>Listed alone</b>');
  const filed = await fileCase('holiday', subject);
  const { items } = await apiGet<CaseListPage>('holiday', '/v1/cases?limit=50', 'gold');
  return { filed, subject, items };
}

describe('<netscout-case-list> alone', () => {
  afterEach(cleanUp);

  it('shows each case’s number, subject (as text), status and SLA badge', async () => {
    const { filed, subject, items } = await goldCases();
    const list = mountPart('netscout-case-list', { ui: ui(), cases: items });
    await settle(list);
    const row = $(list, `[data-case="${filed.id}"]`)!;
    expect(row.textContent!.replace(/\s+/g, ' ').trim()).to.equal(`${filed.number} ${subject} New Paused`);
    expect($$(list, '[data-case]')).to.have.length(items.length);
    expect($(list, '[data-testid="case-list"] img, [data-testid="case-list"] b')).to.equal(null);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
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
