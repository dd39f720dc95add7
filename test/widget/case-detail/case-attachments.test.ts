// A case's files in the case detail, mounted alone with a case the real API holds: listed where they came in,
// downloaded with the token as a blob (never rendered), and files sent with a reply.
import { expect } from '@open-wc/testing';
import type { Attachment, Case } from '../../../core/api/schemas.js';
import { EXE } from '../_files.js';
import {
  $,
  $$,
  apiGet,
  axeViolations,
  cleanUp,
  env,
  fileCase,
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
import { client, mountPart, told, ui } from '../_parts.js';

async function attach(caseId: string, content: BlobPart, name: string, account: 'gold' | 'linksprinterPaid' = 'gold') {
  const form = new FormData();
  form.set('file', new Blob([content]), name);
  const response = await fetch(`${env.regular.url}/v1/cases/${caseId}/attachments`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${env.regular.demo[account].token}` },
    body: form,
  });
  if (response.status !== 201) throw new Error(`attaching ${name}: HTTP ${response.status}`);
  return (await response.json()) as Attachment;
}

const held = (id: string) => apiGet<Case>('regular', `/v1/cases/${id}`, 'gold');

function mountDetail(item: Case, lang: 'en' | 'fr' = 'en') {
  return mountPart('netscout-case-detail', {
    ui: ui(lang),
    case: item,
    userName: 'Alice Martin',
    api: client('regular', 'gold'),
  });
}

async function pick(detail: HTMLElement, files: File[]) {
  const input = $(detail, '#reply-files') as HTMLInputElement;
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change'));
  await settle(detail);
}

/** Records what a download hands the browser: the blob, the link's name and address, and what is revoked. */
function watchDownloads() {
  const seen = {
    blobs: [] as Blob[],
    urls: [] as string[],
    names: [] as string[],
    clicked: [] as string[],
    revoked: [] as string[],
  };
  const create = URL.createObjectURL;
  const revoke = URL.revokeObjectURL;
  const click = HTMLAnchorElement.prototype.click;
  URL.createObjectURL = (blob: Blob | MediaSource) => {
    const url = create.call(URL, blob);
    seen.blobs.push(blob as Blob);
    seen.urls.push(url);
    return url;
  };
  URL.revokeObjectURL = (url: string) => {
    seen.revoked.push(url);
    revoke.call(URL, url);
  };
  // The browser's own download is left out: the test checks what it would have been given.
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    seen.names.push(this.download);
    seen.clicked.push(this.href);
  };
  const restore = () => {
    URL.createObjectURL = create;
    URL.revokeObjectURL = revoke;
    HTMLAnchorElement.prototype.click = click;
  };
  return { seen, restore };
}

describe('a case’s files', () => {
  let restore: (() => void) | undefined;
  afterEach(async () => {
    restore?.();
    restore = undefined;
    await cleanUp();
  });

  it('lists the incident’s files with name, size and type, as text', async () => {
    const filed = await fileCase('regular', unique('Files listed'));
    await attach(filed.id, 'x'.repeat(2048), 'switch.log');
    await attach(filed.id, 'hostile\n', '<img src=x onerror=alert(1)>.log');
    const detail = mountDetail(await held(filed.id));
    await settle(detail);
    const items = $$(detail, '[data-testid="files"] li');
    expect(items.map((li) => li.textContent?.replace(/\s+/g, ' ').trim())).to.deep.equal([
      'switch.log 2 kB · TXT',
      '<img src=x onerror=alert(1)>.log 0.1 kB · TXT',
    ]);
    expect($(detail, 'img')).to.equal(null);
    expect($(detail, '[data-testid="files"] button')!.getAttribute('aria-label')).to.equal('Download switch.log');
  });

  it('downloads a file with the token, as an opaque blob under its name, and revokes its address after', async () => {
    const filed = await fileCase('regular', unique('Download'));
    const content = 'link down at 10:02\nlink up at 10:05\n';
    const file = await attach(filed.id, content, 'switch.log');
    const detail = mountDetail(await held(filed.id));
    await settle(detail);
    const watch = watchDownloads();
    restore = watch.restore;
    ($(detail, `[data-attachment="${file.id}"] button`) as HTMLButtonElement).click();
    await waitFor(() => watch.seen.clicked.length === 1, 'the download');
    expect(watch.seen.names).to.deep.equal(['switch.log']);
    expect(watch.seen.clicked).to.deep.equal(watch.seen.urls);
    expect(watch.seen.clicked[0]).to.match(/^blob:/);
    expect(watch.seen.blobs[0]!.type).to.equal('application/octet-stream');
    expect(await watch.seen.blobs[0]!.text()).to.equal(content);
    await waitFor(() => watch.seen.revoked.length === 1, 'the object URL revoked');
    expect(watch.seen.revoked).to.deep.equal(watch.seen.urls);
  });

  it('says why a download failed, next to the file', async () => {
    const filed = await fileCase('regular', unique('Download refused'));
    await attach(filed.id, 'kept\n', 'kept.log');
    const item = await held(filed.id);
    // Another customer's token: the server answers 404, exactly as for a file that does not exist.
    const detail = mountPart('netscout-case-detail', {
      ui: ui(),
      case: item,
      api: client('regular', 'linksprinterPaid'),
    });
    await settle(detail);
    ($(detail, '[data-testid="files"] button') as HTMLButtonElement).click();
    const alert = await waitFor(() => $(detail, '[data-testid="files"] [role="alert"]'), 'the inline error');
    expect(alert.textContent?.trim()).to.equal('This item was not found.');
  });
});

describe('files on a reply', () => {
  afterEach(cleanUp);

  it('names refused files before sending, sends the reply with the others, and shows them under that reply', async () => {
    const filed = await fileCase('regular', unique('Reply with files'));
    const detail = mountDetail(await held(filed.id));
    const changed = told(detail, 'netscout-case-changed');
    await settle(detail);
    await type(detail, '#reply', 'Here is the log from this morning.');
    await pick(detail, [new File([EXE], 'tool.exe'), new File(['morning log\n'], 'morning.log')]);
    expect(text(detail, '[data-testid="reply-files-not-sent"]')).to.equal(
      'tool.exe will not be sent: this type of file is not accepted.',
    );
    expect(($(detail, '#reply') as HTMLTextAreaElement).value).to.equal('Here is the log from this morning.');
    ($(detail, 'form button[type="submit"]') as HTMLButtonElement).click();
    await waitFor(() => changed.length > 0, 'netscout-case-changed');
    const after = await held(filed.id);
    const reply = after.comments![0]!;
    expect(reply.body).to.equal('Here is the log from this morning.');
    expect(after.attachments.map((a) => [a.fileName, a.commentId])).to.deep.equal([['morning.log', reply.id]]);
    // The parent reads the case again and hands it down: the file is listed under the reply that carried it.
    detail.case = after;
    await settle(detail);
    expect(text(detail, `[data-testid="files-${reply.id}"]`)).to.contain('morning.log');
    expect($(detail, '[data-testid="files"]')).to.equal(null);
    expect($(detail, '[data-testid="reply-files-not-sent"]')).to.equal(null);
  });

  it('names a file the server still refuses, once the reply is sent', async () => {
    const filed = await fileCase('regular', unique('Reply refused file'));
    const detail = mountDetail(await held(filed.id), 'fr');
    const changed = told(detail, 'netscout-case-changed');
    await settle(detail);
    await type(detail, '#reply', 'Voici le programme de diagnostic.');
    await pick(detail, [new File([EXE], 'diagnostic.txt')]);
    ($(detail, 'form button[type="submit"]') as HTMLButtonElement).click();
    await waitFor(() => changed.length > 0, 'netscout-case-changed');
    expect(text(detail, '[data-testid="reply-files-not-attached"]')).to.equal(
      'diagnostic.txt n’a pas été joint : ce type de fichier n’est pas accepté.',
    );
    expect((await held(filed.id)).attachments).to.deep.equal([]);
  });

  it('counts the files the case holds already: a sixth is refused before sending', async () => {
    const filed = await fileCase('regular', unique('Full case'));
    for (let i = 0; i < 5; i++) await attach(filed.id, `log ${i}\n`, `${i}.log`);
    const detail = mountDetail(await held(filed.id));
    await settle(detail);
    await pick(detail, [new File(['one more\n'], 'more.log')]);
    expect(text(detail, '[data-testid="reply-files-not-sent"]')).to.equal(
      'more.log will not be sent: a case holds at most 5 files.',
    );
    // The files, the picker and its refusals pass axe's checks (heading order aside: mounted alone, the part's
    // h3 has no h2 above it; the whole widget's check covers that).
    const violations = await axeViolations(detail);
    expect(violations.filter((v) => !v.startsWith('heading-order'))).to.deep.equal([]);
  });
});

describe('files on a reply, through the whole widget', () => {
  afterEach(cleanUp);

  it('shows the file under the reply that carried it once the case is read again', async () => {
    const filed = await fileCase('regular', unique('Reply through the widget'));
    const el = mount({ api: 'regular', account: 'gold' });
    await ready(el);
    await showView(el, 'cases');
    (await waitFor(() => $(el, `[data-case="${filed.id}"]`), 'the case in the list')).click();
    await waitFor(() => $(el, '#reply-files'), 'the reply’s file picker');
    await type(el, '#reply', 'The capture from the second floor.');
    await pick(el, [new File(['capture as text\n'], 'floor2.log')]);
    ($(el, '[data-testid="case-detail"] button[type="submit"]') as HTMLButtonElement).click();
    const reply = await waitFor(async () => (await held(filed.id)).comments?.[0], 'the reply on the server');
    const files = await waitFor(() => $(el, `[data-testid="files-${reply.id}"]`), 'the file under the reply');
    expect(files.textContent).to.contain('floor2.log');
    expect(text(el, '[data-testid="comments"]')).to.contain('The capture from the second floor.');
    await screenshot('case-detail-reply-files');
  });
});
