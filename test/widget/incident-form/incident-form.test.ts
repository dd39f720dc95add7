import { expect } from '@open-wc/testing';
import type { Case, CaseListPage } from '../../../core/api/schemas.js';
import {
  $,
  apiGet,
  cleanUp,
  draftSaved,
  env,
  focused,
  mount,
  ready,
  showView,
  text,
  type,
  unique,
  waitFor,
} from '../_helpers.js';

async function openForm(options: Parameters<typeof mount>[0] = {}) {
  const el = mount(options);
  await ready(el);
  await showView(el, 'incident');
  return el;
}

async function fillValid(el: ReturnType<typeof mount>, subject: string) {
  await type(el, '#f-subject', subject);
  await type(el, '#f-description', 'The cable test stops at 40 percent every time I run it on port 3.');
  if ($(el, '#f-deviceSerial')) {
    await type(el, '#f-deviceSerial', 'OTAT-12345');
    await type(el, '#f-firmwareVersion', '6.5.1');
  }
}

function submit(el: ReturnType<typeof mount>) {
  ($(el, 'button[type="submit"]') as HTMLButtonElement).click();
}

describe('the new-incident form', () => {
  afterEach(cleanUp);

  it('names every wrong field inline, links each message to its field and focuses the first', async () => {
    const el = await openForm({ account: 'gold', service: 'onetouchat' });
    await type(el, '#f-contactEmail', 'not-an-email');
    submit(el);
    await waitFor(() => $(el, '[data-testid="error-summary"]'), 'the error summary');
    expect(text(el, '[data-testid="error-summary"]')).to.equal('Correct 5 fields below.');
    const subject = $(el, '#f-subject')!;
    expect(subject.getAttribute('aria-invalid')).to.equal('true');
    expect(subject.getAttribute('aria-describedby')).to.equal('e-subject');
    expect(text(el, '#e-subject')).to.equal('This field is required.');
    expect(text(el, '#e-deviceSerial')).to.equal('Required for a service that runs on NETSCOUT hardware.');
    expect(text(el, '#e-firmwareVersion')).to.equal('Required for a service that runs on NETSCOUT hardware.');
    expect(text(el, '#e-contactEmail')).to.contain('Enter an email address');
    expect(focused(el)).to.equal(subject);
    await type(el, '#f-subject', 'abc');
    expect($(el, '#e-subject')).to.equal(null);
    submit(el);
    await waitFor(() => $(el, '#e-subject'), 'the subject error');
    expect(text(el, '#e-subject')).to.equal('Enter at least 5 characters.');
  });

  it('does not ask for device serial and firmware on a standalone service', async () => {
    const el = await openForm({ account: 'standalonePaid', service: 'netscout-insights' });
    expect($(el, '#f-deviceSerial')).to.equal(null);
    expect(($(el, '#f-contactEmail') as HTMLInputElement).value).to.equal('david@delta.example');
  });

  it('files the incident and shows the case number, the due time in the customer’s zone and the holiday that moved it', async () => {
    const el = await openForm({ account: 'gold', service: 'onetouchat', timeZone: 'America/New_York' });
    const events: string[] = [];
    let submitted: { caseId: string; caseNumber: string; dueAt: string } | undefined;
    el.addEventListener('netscout-incident-submitted', (e) => {
      submitted = e.detail;
      events.push(e.type);
    });
    el.addEventListener('netscout-incident-queued', (e) => events.push(e.type));
    const subject = unique('Cable test stops');
    await fillValid(el, subject);
    submit(el);
    await waitFor(() => $(el, '[data-testid="submitted"]'), 'the confirmation');
    expect(events).to.deep.equal(['netscout-incident-submitted']);
    expect(submitted!.caseNumber).to.be.a('string');
    expect(text(el, '[data-testid="submitted"] h3')).to.equal(`Incident received: case ${submitted!.caseNumber}`);
    // Received on Thanksgiving (a holiday, Friday too): the 2-hour clock starts Saturday 00:00 New York.
    expect(text(el, '[data-testid="due-by"]')).to.equal('First response due by Sat, Nov 28, 2:00 AM EST (your time).');
    expect(text(el, '[data-testid="delayed-by"]')).to.contain('Thanksgiving and the day after Thanksgiving');
    expect(($(el, '[data-testid="submitted"] a') as HTMLAnchorElement).href).to.contain('myaccount');
    const stored = await apiGet<Case>('holiday', `/v1/cases/${submitted!.caseId}`, 'gold');
    expect(stored.subject).to.equal(subject);
    expect(stored.dueAt).to.equal(submitted!.dueAt);
  });

  it('uploads attachments with a progress bar, and the case holds them', async () => {
    const el = await openForm({ account: 'linksprinterPaid', service: 'linksprinter' });
    await fillValid(el, unique('Link light blinks'));
    const input = $(el, '#f-files') as HTMLInputElement;
    const transfer = new DataTransfer();
    transfer.items.add(new File(['x'.repeat(200_000)], 'trace.log', { type: 'text/plain' }));
    input.files = transfer.files;
    input.dispatchEvent(new Event('change'));
    let caseId = '';
    el.addEventListener('netscout-incident-submitted', (e) => (caseId = e.detail.caseId));
    submit(el);
    await waitFor(() => $(el, 'progress'), 'the upload progress bar');
    expect(text(el, 'label[for="u-trace.log"]')).to.equal('Uploading trace.log');
    await waitFor(() => caseId, 'the submission');
    const stored = await apiGet<Case>('holiday', `/v1/cases/${caseId}`, 'linksprinterPaid');
    expect(stored.attachments.map((a) => [a.fileName, a.sizeBytes])).to.deep.equal([['trace.log', 200_000]]);
  });

  it('tells a free-plan customer they cannot file incidents, instead of a form', async () => {
    const el = await openForm({ account: 'free', service: 'linksprinter' });
    expect($(el, 'form')).to.equal(null);
    expect(text(el, '[data-testid="not-entitled"]')).to.contain('Your plan does not include filing incidents.');
  });

  it('keeps the draft as the customer types: it survives a reload', async () => {
    const el = await openForm({ account: 'gold' });
    await type(el, '#f-subject', 'Half-written subject');
    await type(el, '#f-description', 'Started describing the problem');
    await draftSaved({ subject: 'Half-written subject', description: 'Started describing the problem' });
    el.remove();
    const again = await openForm({ account: 'gold' });
    await waitFor(() => $(again, '[data-testid="draft-restored"]'), 'the restored draft');
    expect(($(again, '#f-subject') as HTMLInputElement).value).to.equal('Half-written subject');
    expect(($(again, '#f-description') as HTMLTextAreaElement).value).to.equal('Started describing the problem');
  });

  it('gives a draft back only to the customer who wrote it, not to the next one signed in on this browser', async () => {
    const el = await openForm({ account: 'gold' });
    await type(el, '#f-subject', 'Alice’s half-written subject');
    await type(el, '#f-description', 'Alice started describing her problem');
    await draftSaved({ subject: 'Alice’s half-written subject', description: 'Alice started describing her problem' });
    // David signs in on the same page, then on a new page load: an empty form each time.
    el.setAttribute('token', env.holiday.demo.standalonePaid.token);
    await waitFor(() => el.me?.user.email === 'david@delta.example' && $(el, '#f-subject'), 'David’s form');
    expect(($(el, '#f-subject') as HTMLInputElement).value).to.equal('');
    expect(($(el, '#f-description') as HTMLTextAreaElement).value).to.equal('');
    el.remove();
    const other = await openForm({ account: 'standalonePaid' });
    expect(($(other, '#f-subject') as HTMLInputElement).value).to.equal('');
    expect($(other, '[data-testid="draft-restored"]')).to.equal(null);
    other.remove();
    const again = await openForm({ account: 'gold' });
    await waitFor(() => $(again, '[data-testid="draft-restored"]'), 'Alice’s restored draft');
    expect(($(again, '#f-subject') as HTMLInputElement).value).to.equal('Alice’s half-written subject');
  });

  it('suggests knowledge-base articles while the subject is typed', async () => {
    const el = await openForm({ account: 'gold' });
    await type(el, '#f-subject', 'first response time');
    await waitFor(() => $(el, '[data-testid="suggestions"] button'), 'article suggestions');
    expect(text(el, '[data-testid="suggestions"]')).to.contain('These articles may answer your question');
  });

  it('fills the form from prefill() and shows it', async () => {
    const el = mount({ account: 'gold' });
    await ready(el);
    el.prefill({ subject: 'From the device page', deviceSerial: 'OTAT-999' });
    await el.updateComplete;
    expect(($(el, '#f-subject') as HTMLInputElement).value).to.equal('From the device page');
    expect(($(el, '#f-deviceSerial') as HTMLInputElement).value).to.equal('OTAT-999');
  });

  it('keeps what prefill() put in the form while nobody was signed in, for the customer who signs in', async () => {
    const el = mount({ account: null });
    await ready(el);
    el.prefill({ subject: 'From the device page', deviceSerial: 'OTAT-999' });
    el.setAttribute('token', env.holiday.demo.gold.token);
    await waitFor(() => el.me && $(el, '#f-subject'), 'the signed-in form');
    expect(($(el, '#f-subject') as HTMLInputElement).value).to.equal('From the device page');
    expect(($(el, '#f-deviceSerial') as HTMLInputElement).value).to.equal('OTAT-999');
  });

  it('renders markup typed by a customer as text, never as HTML', async () => {
    const el = await openForm({ account: 'standalonePaid', service: 'netscout-insights' });
    const subject = unique('<img src=x onerror="window.__pwned=1"> <b>bold</b>');
    await fillValid(el, subject);
    submit(el);
    await waitFor(() => $(el, '[data-testid="submitted"]'), 'the confirmation');
    await showView(el, 'cases');
    await waitFor(() => $(el, '[data-testid="case-list"]'), 'the case list');
    expect(text(el, '[data-testid="case-list"]')).to.contain(subject);
    expect($(el, '[data-testid="case-list"] img, [data-testid="case-list"] b')).to.equal(null);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    const list = await apiGet<CaseListPage>('holiday', '/v1/cases', 'standalonePaid');
    expect(list.items.some((c) => c.subject === subject)).to.equal(true);
  });
});

describe('the new-incident form in French', () => {
  afterEach(cleanUp);

  it('says engineers answer in English, as the overview does', async () => {
    const el = await openForm({ account: 'gold', locale: 'fr' });
    expect(text(el, '[data-testid="incident-form"] [data-testid="english-only"]')).to.equal(
      'Nos ingénieurs répondent uniquement en anglais.',
    );
  });
});
