// The case detail mounted alone, with a case the real API holds: the countdown on the server's clock, a
// reply posted to the real server, and what it tells its parent.
import { expect } from '@open-wc/testing';
import type { Case, Comment, SupportCalendar } from '../../../core/api/schemas.js';
import { $, apiGet, cleanUp, env, fileCase, settle, text, type, unique, waitFor } from '../_helpers.js';
import { client, mountPart, told, UNREACHABLE, ui } from '../_parts.js';

/** The server's clock minus this browser's, measured as the root does it (from the calendar's `now`). */
async function serverSkew(): Promise<number> {
  const calendar = (await (await fetch(`${env.regular.url}/v1/calendar`)).json()) as SupportCalendar;
  return Date.parse(calendar.now) - Date.now();
}

/** A Gold case filed just now on an ordinary day (Wednesday 2 December, support open): due 2 hours later. */
async function freshCase(): Promise<Case> {
  const filed = await fileCase('regular', unique('Detail alone'));
  return apiGet<Case>('regular', `/v1/cases/${filed.id}`, 'gold');
}

function send(detail: HTMLElement): void {
  ($(detail, 'form button[type="submit"]') as HTMLButtonElement).click();
}

describe('<netscout-case-detail> alone', () => {
  afterEach(cleanUp);

  it('counts down to the deadline on the server’s clock, corrected by skewMs', async () => {
    const item = await freshCase();
    const skewMs = await serverSkew();
    const detail = mountPart('netscout-case-detail', {
      ui: ui(),
      case: item,
      userName: 'Alice Martin',
      api: client('regular', 'gold'),
      skewMs,
    });
    await settle(detail);
    expect(text(detail, 'h3')).to.equal(`${item.number} — ${item.subject}`);
    expect(text(detail, '[data-testid="countdown"]')).to.match(/^First response due in (1 h 5\d min|2 h 00 min)$/);
    // The same case 90 minutes later on the server's clock.
    detail.skewMs = skewMs + 90 * 60_000;
    await settle(detail);
    expect(text(detail, '[data-testid="countdown"]')).to.match(/^First response due in (29|30) min$/);
  });

  it('posts the reply to the server, empties the box, then tells its parent the case changed', async () => {
    const item = await freshCase();
    const detail = mountPart('netscout-case-detail', {
      ui: ui(),
      case: item,
      userName: 'Alice Martin',
      api: client('regular', 'gold'),
    });
    const changed = told(detail, 'netscout-case-changed');
    // What the server holds at the moment the parent is told (the parent reads the case again then).
    let heldThen: Promise<Case> | undefined;
    detail.addEventListener('netscout-case-changed', () => {
      heldThen = apiGet<Case>('regular', `/v1/cases/${item.id}`, 'gold');
    });
    await settle(detail);
    await type(detail, '#reply', 'The access point is an AP-300 on firmware 2.1.');
    send(detail);
    await waitFor(() => changed.length > 0, 'netscout-case-changed');
    expect(changed).to.deep.equal([{ detail: { id: item.id }, composed: false, bubbles: false }]);
    const comments: Comment[] = (await heldThen!).comments ?? [];
    expect(comments.map((c) => c.body)).to.deep.equal(['The access point is an AP-300 on firmware 2.1.']);
    await settle(detail);
    expect(($(detail, '#reply') as HTMLTextAreaElement).value).to.equal('');
    expect($(detail, '[role="alert"]')).to.equal(null);
  });

  it('keeps the typed reply and says why when the API cannot be reached, and tells the page', async () => {
    const item = await freshCase();
    const detail = mountPart('netscout-case-detail', {
      ui: ui(),
      case: item,
      userName: 'Alice Martin',
      api: client('regular', 'gold', UNREACHABLE),
    });
    const changed = told(detail, 'netscout-case-changed');
    const errors: { code: string; composed: boolean }[] = [];
    detail.addEventListener('netscout-error', (e) => errors.push({ code: e.detail.code, composed: e.composed }));
    await settle(detail);
    await type(detail, '#reply', 'Typed while the network was down.');
    send(detail);
    const alert = await waitFor(() => $(detail, '[role="alert"]'), 'the inline error');
    await settle(detail);
    expect(alert.textContent).to.equal('The support service cannot be reached. Check your connection and try again.');
    expect(($(detail, '#reply') as HTMLTextAreaElement).value).to.equal('Typed while the network was down.');
    expect(($(detail, 'form button[type="submit"]') as HTMLButtonElement).disabled).to.equal(false);
    expect(errors).to.deep.equal([{ code: 'network', composed: true }]);
    expect(changed).to.deep.equal([]);
    const held = await apiGet<Case>('regular', `/v1/cases/${item.id}`, 'gold');
    expect(held.comments ?? []).to.deep.equal([]);
  });

  it('tells its parent to go back to the list', async () => {
    const item = await freshCase();
    const detail = mountPart('netscout-case-detail', { ui: ui(), case: item, api: client('regular', 'gold') });
    const back = told(detail, 'netscout-close-case');
    await settle(detail);
    ($(detail, 'form button[type="button"]') as HTMLButtonElement).click();
    expect(back).to.deep.equal([{ detail: {}, composed: false, bubbles: false }]);
  });
});
