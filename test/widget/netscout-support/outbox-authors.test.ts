// Incidents in the outbox belong to the customer who wrote them: several customers may use one browser
// profile, and each incident is sent only with its author's credentials, or kept and explained.
import { expect } from '@open-wc/testing';
import { openDB } from 'idb';
import type { CaseListPage, IncidentDraft, Me } from '../../../core/api/schemas.js';
import type { OutboxEntry } from '../../../widget/src/internal/outbox.js';
import { Outbox } from '../../../widget/src/internal/outbox.js';
import {
  $,
  apiGet,
  apiOutage,
  axeViolations,
  cleanUp,
  env,
  fileWhileDown,
  mount,
  ready,
  text,
  unique,
  waitFor,
} from '../_helpers.js';

type Customer = 'linksprinterPaid' | 'goldLapsed' | 'gold' | 'free';

async function casesWithSubject(subject: string, account: Customer): Promise<number> {
  const list = await apiGet<CaseListPage>('holiday', '/v1/cases?limit=100', account);
  return list.items.filter((c) => c.subject === subject).length;
}

/** The entry as IndexedDB holds it (read directly, not through the widget's code). */
async function stored(key: string): Promise<OutboxEntry | undefined> {
  const db = await openDB('netscout-support');
  try {
    return db.objectStoreNames.contains('outbox') ? await db.get('outbox', key) : undefined;
  } finally {
    db.close();
  }
}

function draftFor(serviceId: string, subject: string, contactEmail: string): IncidentDraft {
  return {
    serviceId,
    subject,
    description: 'The link light blinks amber.\nIt started after the firmware update.',
    deviceSerial: 'OTAT-12345',
    firmwareVersion: '6.5.1',
    contactEmail,
  };
}

/** Puts an entry in the outbox as an earlier page load would have left it; `author` null: an older version. */
async function leave(draft: IncidentDraft, author: Customer | null, api: 'holiday' | 'flaky' = 'holiday') {
  const me = author ? await apiGet<Me>('holiday', '/v1/me', author) : undefined;
  const key = crypto.randomUUID();
  const now = Date.now();
  const entry: OutboxEntry = {
    idempotencyKey: key,
    apiBase: env[api].url,
    draft,
    files: [],
    createdAt: now,
    attempts: 0,
    nextAttemptAt: now,
    uploaded: 0,
  };
  if (me) entry.author = { userId: me.user.id, accountId: me.account.id, email: me.user.email };
  await new Outbox().put(entry);
  return key;
}

describe('the outbox with several customers on one browser', () => {
  before(async () => {
    // A second customer entitled to LinkSprinter incidents too: Borealis buys the Pro plan (test gateway).
    const response = await fetch(`${env.holiday.url}/v1/subscriptions`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${env.holiday.demo.goldLapsed.token}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': crypto.randomUUID(),
      },
      body: JSON.stringify({ serviceId: 'linksprinter', planId: 'pro', paymentMethodNonce: 'fake-valid-nonce' }),
    });
    expect([201, 409]).to.include(response.status);
  });

  afterEach(async () => {
    await apiOutage('up');
    await cleanUp();
  });

  it('never sends an incident with the next customer’s credentials, and sends it once when its author signs in again', async () => {
    const subject = unique('Written by Chloé');
    const { el, key } = await fileWhileDown(subject, 'Queued by Chloé while the support API was unreachable.');
    await apiOutage('up');
    // Bruno signs in on this browser; the network comes back while he is signed in.
    el.setAttribute('token', env.flaky.demo.goldLapsed.token);
    await waitFor(() => el.me?.user.email === 'bruno@borealis.example', 'the second customer');
    await el.outbox.flush(true);
    expect(await casesWithSubject(subject, 'goldLapsed')).to.equal(0);
    expect(await casesWithSubject(subject, 'linksprinterPaid')).to.equal(0);
    expect((await stored(key))?.draft.subject).to.equal(subject);
    await waitFor(() => $(el, '[data-testid="waiting-for-author"]'), 'the notice for the second customer');
    expect(text(el, '[data-testid="waiting-for-author"]')).to.equal(
      '1 incident written on this browser by chloe@cobalt.example waits for that account to sign in; it will be sent then.',
    );
    expect(text(el)).not.to.contain(subject);

    const submitted: string[] = [];
    el.addEventListener('netscout-incident-submitted', (e) => submitted.push(e.detail.idempotencyKey));
    el.setAttribute('token', env.flaky.demo.linksprinterPaid.token);
    await waitFor(() => submitted.length === 1, 'the delivery under its author');
    await el.outbox.flush(true);
    expect(submitted).to.deep.equal([key]);
    expect(await casesWithSubject(subject, 'linksprinterPaid')).to.equal(1);
    expect(await casesWithSubject(subject, 'goldLapsed')).to.equal(0);
    expect(await stored(key)).to.equal(undefined);
  });

  it('keeps an incident while nobody is signed in, and says whose it is', async () => {
    const subject = unique('Waiting for Chloé');
    const key = await leave(draftFor('linksprinter', subject, 'chloe@cobalt.example'), 'linksprinterPaid');
    const el = mount({ account: null, service: 'linksprinter' });
    await ready(el);
    await el.outbox.flush(true);
    await waitFor(() => $(el, '[data-testid="waiting-for-author"]'), 'the notice');
    expect(text(el, '[data-testid="waiting-for-author"]')).to.contain('by chloe@cobalt.example waits');
    expect((await stored(key))?.attempts).to.equal(0);
    expect(await casesWithSubject(subject, 'linksprinterPaid')).to.equal(0);
  });

  it('keeps an incident the server refuses (403), shows its author the text and the reason, and discards it only when asked', async () => {
    const subject = unique('Refused for Emma');
    const key = await leave(draftFor('linksprinter', subject, 'emma@echo.example'), 'free');
    const el = mount({ account: 'free', service: 'linksprinter' });
    await waitFor(() => $(el, '[data-testid="refused"]'), 'the refused incident');
    expect((await stored(key))?.refused?.status).to.equal(403);
    expect(text(el, '[data-testid="refused-reason"]')).to.contain('A free plan includes self-help only.');
    expect(text(el, '[data-testid="outbox-subject"]')).to.equal(subject);
    expect(($(el, '[data-testid="outbox-description"]') as HTMLElement).textContent).to.equal(
      'The link light blinks amber.\nIt started after the firmware update.',
    );
    // A free plan has no form to put it back into: copy or discard only.
    expect($(el, '[data-testid="refused"] [data-action="edit"]')).to.equal(null);
    expect(await axeViolations(el)).to.deep.equal([]);
    el.remove();

    // Still there on the next page load, and still not sent.
    const again = mount({ account: 'free', service: 'linksprinter' });
    await waitFor(() => $(again, '[data-testid="refused"] [data-action="discard"]'), 'the refused incident again');
    expect(await casesWithSubject(subject, 'free')).to.equal(0);
    $(again, '[data-testid="refused"] [data-action="discard"]')!.click();
    await waitFor(() => !$(again, '[data-testid="refused"]'), 'the discarded incident to go');
    expect(await stored(key)).to.equal(undefined);
  });

  it('puts a refused incident back in its author’s form, and the corrected one replaces it', async () => {
    const subject = unique('Wrong service');
    // Alice has no LinkSprinter plan: the server refuses it; she files it for OneTouchAT instead.
    const key = await leave(draftFor('linksprinter', subject, 'alice@acme.example'), 'gold');
    const el = mount({ account: 'gold', service: 'onetouchat' });
    await waitFor(() => $(el, '[data-testid="refused"] [data-action="edit"]'), 'the refused incident');
    $(el, '[data-testid="refused"] [data-action="edit"]')!.click();
    await waitFor(() => ($(el, '#f-subject') as HTMLInputElement | null)?.value === subject, 'the text in the form');
    let caseId = '';
    el.addEventListener('netscout-incident-submitted', (e) => (caseId = e.detail.caseId));
    ($(el, 'button[type="submit"]') as HTMLButtonElement).click();
    await waitFor(() => caseId, 'the corrected submission');
    expect(await casesWithSubject(subject, 'gold')).to.equal(1);
    expect(await stored(key)).to.equal(undefined);
  });

  it('never sends an incident of the earlier version on its own: the customer it names confirms it first', async () => {
    const subject = unique('From the old widget');
    const key = await leave(draftFor('linksprinter', subject, 'chloe@cobalt.example'), null);
    const other = mount({ account: 'goldLapsed', service: 'linksprinter', locale: 'fr' });
    await ready(other);
    await other.outbox.flush(true);
    await waitFor(() => $(other, '[data-testid="waiting-for-author"]'), 'the notice for another customer');
    expect(text(other, '[data-testid="waiting-for-author"]')).to.equal(
      '1 incident rédigé sur ce navigateur par chloe@cobalt.example attend que ce compte se connecte ; il sera envoyé à ce moment-là.',
    );
    expect(text(other)).not.to.contain(subject);
    other.remove();

    const el = mount({ account: 'linksprinterPaid', service: 'linksprinter' });
    await waitFor(() => $(el, '[data-testid="needs-confirmation"] [data-action="confirm"]'), 'the confirmation');
    await el.outbox.flush(true);
    expect(await casesWithSubject(subject, 'linksprinterPaid')).to.equal(0);
    expect(await casesWithSubject(subject, 'goldLapsed')).to.equal(0);
    expect(text(el, '[data-testid="outbox-subject"]')).to.equal(subject);
    $(el, '[data-testid="needs-confirmation"] [data-action="confirm"]')!.click();
    await waitFor(() => $(el, '[data-testid="submitted"]'), 'the delivery');
    expect(await casesWithSubject(subject, 'linksprinterPaid')).to.equal(1);
    expect(await stored(key)).to.equal(undefined);
  });
});
