// Files on the incident form, through the whole widget against the real API: the picker's check (core's
// table of types and limits) names a refused file before anything is sent, and a file the server still
// refuses is named on the confirmation, also when the incident waited in the outbox.
import { expect } from '@open-wc/testing';
import type { Case } from '../../../core/api/schemas.js';
import { EXE } from '../_files.js';
import {
  $,
  apiGet,
  apiOutage,
  axeViolations,
  cleanUp,
  mount,
  ready,
  screenshot,
  settle,
  showView,
  text,
  type,
  unique,
  waitFor,
} from '../_helpers.js';

async function openForm(options: Parameters<typeof mount>[0]) {
  const el = mount(options);
  await ready(el);
  await showView(el, 'incident');
  return el;
}

async function fill(el: ReturnType<typeof mount>, subject: string) {
  await type(el, '#f-subject', subject);
  await type(el, '#f-description', 'The link light blinks amber and the test never starts on port 2.');
  await type(el, '#f-deviceSerial', 'LS-2024');
  await type(el, '#f-firmwareVersion', '1.2.3');
}

async function pick(el: ReturnType<typeof mount>, files: File[]) {
  const input = $(el, '#f-files') as HTMLInputElement;
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change'));
  await settle(el);
}

function submit(el: ReturnType<typeof mount>) {
  ($(el, 'button[type="submit"]') as HTMLButtonElement).click();
}

describe('files on the incident form', () => {
  afterEach(async () => {
    await apiOutage('up');
    await cleanUp();
  });

  it('offers only the accepted types in the file picker', async () => {
    const el = await openForm({ account: 'linksprinterPaid', service: 'linksprinter' });
    const accept = ($(el, '#f-files') as HTMLInputElement).accept.split(',');
    expect(accept).to.include.members(['.txt', '.log', '.pdf', '.png', '.jpg', '.pcap', '.pcapng', '.zip']);
    expect(accept).not.to.include('.exe');
    expect(text(el, '#h-files')).to.equal(
      'Text and logs, PDF, PNG, JPEG, pcap, pcapng or zip; up to 10 MB each and 5 per case.',
    );
  });

  it('names each refused file with its reason before sending, keeps the text, and sends the incident without them', async () => {
    const el = await openForm({ account: 'linksprinterPaid', service: 'linksprinter' });
    const subject = unique('Link light blinks');
    await fill(el, subject);
    await pick(el, [
      new File([EXE], 'setup.exe'),
      new File([new Uint8Array(11 * 1024 * 1024).fill(0x61)], 'big.log'),
      new File(['link down at 10:02\n'], 'switch.log'),
    ]);
    const refused = await waitFor(() => $(el, '[data-testid="files-not-sent"]'), 'the refused files');
    expect([...refused.querySelectorAll('li')].map((li) => li.textContent?.trim())).to.deep.equal([
      'setup.exe will not be sent: this type of file is not accepted.',
      'big.log will not be sent: it is larger than 10 MB.',
    ]);
    expect(($(el, '#f-files') as HTMLInputElement).getAttribute('aria-describedby')).to.equal('h-files files-not-sent');
    expect(($(el, '#f-subject') as HTMLInputElement).value).to.equal(subject);
    refused.scrollIntoView({ block: 'center' });
    await screenshot('incident-form-refused-files');
    let caseId = '';
    el.addEventListener('netscout-incident-submitted', (e) => (caseId = e.detail.caseId));
    submit(el);
    await waitFor(() => caseId, 'the submission');
    await waitFor(() => $(el, '[data-testid="submitted"]'), 'the confirmation');
    const stored = await apiGet<Case>('holiday', `/v1/cases/${caseId}`, 'linksprinterPaid');
    expect(stored.attachments.map((a) => a.fileName)).to.deep.equal(['switch.log']);
    expect($(el, '[data-testid="files-not-attached"]')).to.equal(null);
  });

  it('says the same in French', async () => {
    const el = await openForm({ account: 'linksprinterPaid', service: 'linksprinter', locale: 'fr' });
    await pick(el, [new File([EXE], 'setup.exe'), new File([new Uint8Array(0)], 'vide.txt')]);
    const refused = await waitFor(() => $(el, '[data-testid="files-not-sent"]'), 'the refused files');
    expect([...refused.querySelectorAll('li')].map((li) => li.textContent?.trim())).to.deep.equal([
      'setup.exe ne sera pas envoyé : ce type de fichier n’est pas accepté.',
      'vide.txt ne sera pas envoyé : le fichier est vide.',
    ]);
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('names on the confirmation a file the server still refuses: a program renamed .txt', async () => {
    const el = await openForm({ account: 'linksprinterPaid', service: 'linksprinter' });
    await fill(el, unique('Renamed program'));
    await pick(el, [new File([EXE], 'notes.txt'), new File(['ok\n'], 'ok.log')]);
    expect($(el, '[data-testid="files-not-sent"]')).to.equal(null);
    let caseId = '';
    el.addEventListener('netscout-incident-submitted', (e) => (caseId = e.detail.caseId));
    submit(el);
    const notAttached = await waitFor(() => $(el, '[data-testid="files-not-attached"]'), 'the server’s refusal');
    expect(notAttached.textContent?.trim()).to.equal('notes.txt was not attached: this type of file is not accepted.');
    notAttached.scrollIntoView({ block: 'center' });
    await screenshot('incident-form-file-not-attached');
    expect(text(el, '[data-testid="submitted"] h3')).to.match(/^Incident received: case /);
    const stored = await apiGet<Case>('holiday', `/v1/cases/${caseId}`, 'linksprinterPaid');
    expect(stored.attachments.map((a) => a.fileName)).to.deep.equal(['ok.log']);
  });

  it('names a refused file of an incident that waited in the outbox, once it is delivered', async () => {
    const el = await openForm({ api: 'flaky', account: 'linksprinterPaid', service: 'linksprinter' });
    await fill(el, unique('Queued with a program'));
    await pick(el, [new File([EXE], 'capture.pcap')]);
    await apiOutage('down');
    const queued: string[] = [];
    el.addEventListener('netscout-incident-queued', (e) => queued.push(e.detail.idempotencyKey));
    submit(el);
    await waitFor(() => queued.length === 1, 'the queued incident');
    await apiOutage('up');
    window.dispatchEvent(new Event('online'));
    const notAttached = await waitFor(() => $(el, '[data-testid="files-not-attached"]'), 'the server’s refusal');
    expect(notAttached.textContent?.trim()).to.equal(
      'capture.pcap was not attached: this type of file is not accepted.',
    );
  });
});
