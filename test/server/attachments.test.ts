import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attachment, Case, Problem } from '../../core/index.js';
import { drafts, type Harness, json, postIncident, startHarness } from './_lib/harness.js';
import { storedBlobs } from './_lib/stored.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const PCAP = new Uint8Array([0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
const PCAPNG = new Uint8Array([0x0a, 0x0d, 0x0d, 0x0a, 28, 0, 0, 0, 0x4d, 0x3c, 0x2b, 0x1a]);
const PDF = new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj\n');
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70]);
const ZIP = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0]);
const EXE = new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff]);

async function newCase(): Promise<Case> {
  return json<Case>(await postIncident(h, 'gold', drafts.gold));
}

function upload(caseId: string, bytes: Uint8Array | string, name: string, as = 'gold', field = 'file') {
  const form = new FormData();
  form.set(field, new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)]), name);
  return h.api(`/v1/cases/${caseId}/attachments`, { as, method: 'POST', body: form });
}

describe('attachments', () => {
  it.each([
    ['capture.pcap', PCAP, 'application/vnd.tcpdump.pcap'],
    ['capture.pcapng', PCAPNG, 'application/x-pcapng'],
    ['screen.png', PNG, 'image/png'],
    ['photo.jpg', JPEG, 'image/jpeg'],
    ['report.pdf', PDF, 'application/pdf'],
    ['logs.zip', ZIP, 'application/zip'],
    ['switch.log', 'eth0: link down\n\u001b[31mERROR\u001b[0m retry\n', 'text/plain; charset=utf-8'],
  ])('stores %s, recognised by its content, and lists it on the case', async (name, bytes, type) => {
    const c = await newCase();
    const response = await upload(c.id, bytes, name);
    expect(response.status).toBe(201);
    const attachment = await json<Attachment>(response);
    expect(attachment).toMatchObject({ fileName: name, contentType: type });
    const detail = await json<Case>(await h.api(`/v1/cases/${c.id}`, { as: 'gold' }));
    expect(detail.attachments).toEqual([attachment]);
  });

  it('gives back the exact bytes with a safe download header', async () => {
    const c = await newCase();
    const attachment = await json<Attachment>(await upload(c.id, PCAP, 'wan "side".pcap'));
    expect(attachment.fileName).toBe('wan side.pcap');
    const download = await h.api(`/v1/cases/${c.id}/attachments/${attachment.id}`, { as: 'gold' });
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PCAP);
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''wan%20side.pcap`);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('stores identical content once (content-addressed)', async () => {
    const a = await newCase();
    const b = await newCase();
    const bytes = new TextEncoder().encode(`same log ${Date.now()}\n`);
    const first = await json<Attachment>(await upload(a.id, bytes, 'a.log'));
    const second = await json<Attachment>(await upload(b.id, bytes, 'b.log'));
    expect(first.sha256).toBe(second.sha256);
    expect((await storedBlobs(h)).filter((f) => f.endsWith(first.sha256))).toHaveLength(1);
  });

  it('refuses types outside the allowlist with 415', async () => {
    const c = await newCase();
    const response = await upload(c.id, EXE, 'setup.pdf');
    expect(response.status).toBe(415);
    expect((await json<Problem>(response)).detail).toMatch(/PDF, PNG, JPEG, pcap, pcapng or zip/);
    expect((await upload(c.id, new Uint8Array([0x00, 0x01, 0x02, 0x03]), 'bin.log')).status).toBe(415);
  });

  it('refuses a file over 10 MiB with 413 and an empty file with 400', async () => {
    const c = await newCase();
    const big = new Uint8Array(10 * 1024 * 1024 + 1).fill(0x61);
    expect((await upload(c.id, big, 'big.log')).status).toBe(413);
    expect((await upload(c.id, new Uint8Array(0), 'empty.log')).status).toBe(400);
  });

  it('accepts a file of exactly 10 MiB', async () => {
    const c = await newCase();
    const max = new Uint8Array(10 * 1024 * 1024).fill(0x62);
    expect((await upload(c.id, max, 'max.log')).status).toBe(201);
  });

  it('accepts at most 5 attachments per case (409 for the sixth)', async () => {
    const c = await newCase();
    for (let i = 0; i < 5; i++) expect((await upload(c.id, `log ${i}\n`, `${i}.log`)).status).toBe(201);
    const sixth = await upload(c.id, 'one more\n', '6.log');
    expect(sixth.status).toBe(409);
    expect((await json<Problem>(sixth)).type).toMatch(/too-many-attachments$/);
  });

  it('requires a multipart body with one field named file', async () => {
    const c = await newCase();
    expect((await upload(c.id, 'x\n', 'x.log', 'gold', 'document')).status).toBe(400);
    const asJson = await h.api(`/v1/cases/${c.id}/attachments`, {
      as: 'gold',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(asJson.status).toBeGreaterThanOrEqual(400);
    expect(asJson.status).toBeLessThan(500);
  });

  it('lets a support engineer read a customer attachment', async () => {
    const c = await newCase();
    const attachment = await json<Attachment>(await upload(c.id, 'agent can read\n', 'a.log'));
    const response = await h.api(`/v1/cases/${c.id}/attachments/${attachment.id}`, { as: 'agent' });
    expect(await response.text()).toBe('agent can read\n');
  });
});
