import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attachment, Case, Problem } from '../../core/index.js';
import { until } from '../_lib/wait.js';
import { drafts, type Harness, json, postIncident, startHarness } from './_lib/harness.js';
import { storedBlobs, storedBytes } from './_lib/stored.js';

/** The quota of this file's server, small enough to reach with a few uploads. */
const QUOTA_MIB = 3;
/** The size of the uploads that filled the data directory in the report. */
const UPLOAD_BYTES = Math.round(1.3 * 1024 * 1024);

let h: Harness;
beforeAll(async () => {
  process.env.NETSCOUT_ACCOUNT_STORAGE_QUOTA_MB = String(QUOTA_MIB);
  try {
    h = await startHarness();
  } finally {
    delete process.env.NETSCOUT_ACCOUNT_STORAGE_QUOTA_MB;
  }
});
afterAll(() => h.stop());

/** A log file of `size` bytes, different on every call (so each is stored as new content). */
function uniqueLog(size = UPLOAD_BYTES): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size).fill(0x61);
  bytes.set(new TextEncoder().encode(randomBytes(16).toString('hex')));
  bytes[size - 1] = 0x0a;
  return bytes;
}

function upload(caseId: string, bytes: Uint8Array, name: string, as = 'gold') {
  const form = new FormData();
  form.set('file', new Blob([new Uint8Array(bytes)]), name);
  return h.api(`/v1/cases/${caseId}/attachments`, { as, method: 'POST', body: form });
}

/**
 * A new case, once its confirmation mail is in the local mailbox: the mail is written just after the 201,
 * and that write must not be counted against a refused upload measured next.
 */
async function newCase(as = 'gold', draft: object = drafts.gold): Promise<Case> {
  const created = await json<Case>(await postIncident(h, as, draft));
  await until(`the confirmation of ${created.number} in the mailbox`, async () =>
    (await (await h.api('/demo/mailbox/')).text()).includes(created.number),
  );
  return created;
}

describe('refused uploads keep nothing', () => {
  it('leaves the data directory no larger after 10 uploads refused for a full case', async () => {
    const c = await newCase();
    for (let i = 0; i < 5; i++) expect((await upload(c.id, uniqueLog(100), `${i}.log`)).status).toBe(201);
    const before = await storedBytes(h);
    for (let i = 0; i < 10; i++) {
      const refused = await upload(c.id, uniqueLog(), `more-${i}.log`);
      expect(refused.status).toBe(409);
      expect((await json<Problem>(refused)).type).toMatch(/too-many-attachments$/);
    }
    expect(await storedBytes(h)).toBe(before);
  });

  it('leaves nothing for an upload to a case of another account, of a refused type, or over 10 MiB', async () => {
    const theirs = await newCase();
    const mine = await newCase('linksprinterPaid', drafts.linksprinter);
    const before = await storedBytes(h);
    expect((await upload(theirs.id, uniqueLog(), 'x.log', 'linksprinterPaid')).status).toBe(404);
    const exe = uniqueLog();
    exe.set([0x4d, 0x5a, 0x90, 0x00]);
    expect((await upload(mine.id, exe, 'setup.log', 'linksprinterPaid')).status).toBe(415);
    expect((await upload(mine.id, uniqueLog(10 * 1024 * 1024 + 1), 'big.log', 'linksprinterPaid')).status).toBe(413);
    expect(await storedBytes(h)).toBe(before);
  });

  it('keeps one of 10 uploads sent at once to a case with room for one, and no file of the other nine', async () => {
    const c = await newCase();
    for (let i = 0; i < 4; i++) expect((await upload(c.id, uniqueLog(100), `${i}.log`)).status).toBe(201);
    const before = await storedBlobs(h);
    const statuses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => upload(c.id, uniqueLog(), `race-${i}.log`).then((r) => r.status)),
    );
    expect(statuses.sort()).toEqual([201, ...Array(9).fill(409)]);
    expect(await storedBlobs(h)).toHaveLength(before.length + 1);
    expect((await storedBlobs(h)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('never deletes content another attachment refers to when the same content is refused', async () => {
    const bytes = uniqueLog(2000);
    const kept = await newCase();
    const attachment = await json<Attachment>(await upload(kept.id, bytes, 'shared.log'));
    const full = await newCase();
    for (let i = 0; i < 5; i++) expect((await upload(full.id, uniqueLog(100), `${i}.log`)).status).toBe(201);
    // Read before the refusal of the same content, and refused after it (the case is already full).
    expect((await upload(full.id, bytes, 'shared-again.log')).status).toBe(409);
    const download = await h.api(`/v1/cases/${kept.id}/attachments/${attachment.id}`, { as: 'gold' });
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
  });
});

describe('the multipart body', () => {
  it('refuses a second file field with 400 naming it, and keeps nothing', async () => {
    const c = await newCase();
    const before = await storedBytes(h);
    const form = new FormData();
    form.append('file', new Blob([uniqueLog(1000)]), 'a.log');
    form.append('file', new Blob([uniqueLog(1000)]), 'b.log');
    const response = await h.api(`/v1/cases/${c.id}/attachments`, { as: 'gold', method: 'POST', body: form });
    expect(response.status).toBe(400);
    expect((await json<Problem>(response)).errors).toEqual([{ path: 'file', message: 'must be sent once' }]);
    expect(await storedBytes(h)).toBe(before);
  });
});

describe('the per-account storage quota', () => {
  it(`refuses with 413 storage-quota-exceeded an upload beyond ${QUOTA_MIB} MiB and keeps nothing of it`, async () => {
    const c = await newCase('standalonePaid', drafts.insights);
    expect((await upload(c.id, uniqueLog(), 'a.log', 'standalonePaid')).status).toBe(201);
    expect((await upload(c.id, uniqueLog(), 'b.log', 'standalonePaid')).status).toBe(201);
    // Another case of the same account: the quota is the account's, not the case's.
    const other = await newCase('standalonePaid', drafts.insights);
    const before = await storedBytes(h);
    const refused = await upload(other.id, uniqueLog(), 'c.log', 'standalonePaid');
    expect(refused.status).toBe(413);
    const problem = await json<Problem>(refused);
    expect(problem.type).toMatch(/storage-quota-exceeded$/);
    expect(problem.detail).toMatch(/at most 3\.0 MiB/);
    expect(await storedBytes(h)).toBe(before);
    // A small file still fits.
    expect((await upload(other.id, uniqueLog(1000), 'small.log', 'standalonePaid')).status).toBe(201);
  });
});

describe('download names', () => {
  it.each([
    { name: 'x.html', bytes: new TextEncoder().encode('%PDF-1.7\n1 0 obj\n'), expected: 'x.html.pdf' },
    { name: 'page.html', bytes: new TextEncoder().encode('<script>alert(1)</script>\n'), expected: 'page.html.txt' },
    { name: 'photo.JPG', bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]), expected: 'photo.JPG' },
    { name: 'capture', bytes: new Uint8Array([0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0]), expected: 'capture.pcap' },
  ])(
    '$name is named $expected, with the extension of the type its content was recognised as',
    async ({ name, bytes, expected }) => {
      const c = await newCase();
      const attachment = await json<Attachment>(await upload(c.id, bytes, name));
      expect(attachment.fileName).toBe(expected);
      const download = await h.api(`/v1/cases/${c.id}/attachments/${attachment.id}`, { as: 'gold' });
      expect(download.headers.get('content-disposition')).toBe(
        `attachment; filename*=UTF-8''${encodeURIComponent(expected)}`,
      );
    },
  );
});
