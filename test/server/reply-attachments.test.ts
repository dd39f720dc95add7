import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attachment, Case, Comment, Problem } from '../../core/index.js';
import { drafts, type Harness, json, newKey, postIncident, startHarness } from './_lib/harness.js';
import { storeQuery } from './_lib/store-sql.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

async function newCase(as = 'gold', draft = drafts.gold): Promise<Case> {
  return json<Case>(await postIncident(h, as, draft));
}

function reply(caseId: string, body: string, key?: string, as = 'gold') {
  return h.api(`/v1/cases/${caseId}/comments`, {
    as,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
    body: JSON.stringify({ body }),
  });
}

function upload(caseId: string, content: string, name: string, commentId?: string, as = 'gold') {
  const form = new FormData();
  form.set('file', new Blob([content]), name);
  const query = commentId ? `?commentId=${commentId}` : '';
  return h.api(`/v1/cases/${caseId}/attachments${query}`, { as, method: 'POST', body: form });
}

const detail = async (id: string, as = 'gold') => json<Case>(await h.api(`/v1/cases/${id}`, { as }));

describe('files on a reply', () => {
  it('records which reply each file came with; the incident’s own files name none', async () => {
    const c = await newCase();
    const own = await json<Attachment>(await upload(c.id, 'first log\n', 'first.log'));
    const comment = await json<Comment>(await reply(c.id, 'Here are the logs from this morning.', newKey()));
    const response = await upload(c.id, 'morning log\n', 'morning.log', comment.id);
    expect(response.status).toBe(201);
    const withReply = await json<Attachment>(response);
    expect(withReply.commentId).toBe(comment.id);
    const held = await detail(c.id);
    expect(held.attachments.map((a) => [a.fileName, a.commentId])).toEqual([
      ['first.log', null],
      ['morning.log', comment.id],
    ]);
    expect(own.commentId).toBe(null);
    expect(held.comments?.map((x) => x.id)).toEqual([comment.id]);
  });

  it('refuses a commentId that is not a reply of that case with 404, and stores nothing', async () => {
    const a = await newCase();
    const b = await newCase();
    const comment = await json<Comment>(await reply(a.id, 'A reply on the first case.'));
    const response = await upload(b.id, 'misplaced\n', 'x.log', comment.id);
    expect(response.status).toBe(404);
    expect((await json<Problem>(response)).type).toMatch(/not-found$/);
    expect((await detail(b.id)).attachments).toEqual([]);
  });

  it('counts a reply’s files toward the 5 per case', async () => {
    const c = await newCase();
    for (let i = 0; i < 4; i++) expect((await upload(c.id, `log ${i}\n`, `${i}.log`)).status).toBe(201);
    const comment = await json<Comment>(await reply(c.id, 'Two more files.'));
    expect((await upload(c.id, 'fifth\n', '5.log', comment.id)).status).toBe(201);
    const sixth = await upload(c.id, 'sixth\n', '6.log', comment.id);
    expect(sixth.status).toBe(409);
    expect((await json<Problem>(sixth)).type).toMatch(/too-many-attachments$/);
  });
});

describe('a reply is idempotent like an incident', () => {
  it('posts a reply once per Idempotency-Key: the retry gets the first comment back', async () => {
    const c = await newCase();
    const key = newKey();
    const first = await reply(c.id, 'Sent once, retried after a lost answer.', key);
    const again = await reply(c.id, 'Sent once, retried after a lost answer.', key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await json<Comment>(again)).id).toBe((await json<Comment>(first)).id);
    expect((await detail(c.id)).comments).toHaveLength(1);
  });

  it('refuses the same key with another body (422) and posts nothing', async () => {
    const c = await newCase();
    const key = newKey();
    await reply(c.id, 'The first reply.', key);
    const other = await reply(c.id, 'A different reply.', key);
    expect(other.status).toBe(422);
    expect((await json<Problem>(other)).type).toMatch(/idempotency-key-reused$/);
    expect((await detail(c.id)).comments?.map((x) => x.body)).toEqual(['The first reply.']);
  });

  it('posts two replies sent together with one key once', async () => {
    const c = await newCase();
    const key = newKey();
    const answers = await Promise.all([1, 2, 3].map(() => reply(c.id, 'Sent three times at once.', key)));
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201]);
    const ids = new Set(await Promise.all(answers.map(async (r) => (await json<Comment>(r)).id)));
    expect(ids.size).toBe(1);
    expect((await detail(c.id)).comments).toHaveLength(1);
  });

  it('stores a file retried after a lost answer once: same content, name, case and reply', async () => {
    const c = await newCase();
    const comment = await json<Comment>(await reply(c.id, 'With a capture.'));
    const first = await json<Attachment>(await upload(c.id, 'capture text\n', 'wan.log', comment.id));
    const retry = await upload(c.id, 'capture text\n', 'wan.log', comment.id);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect((await json<Attachment>(retry)).id).toBe(first.id);
    expect((await detail(c.id)).attachments).toHaveLength(1);
  });
});

describe('account isolation of reply files', () => {
  it('never lets another account attach to, list or download a reply’s file', async () => {
    const c = await newCase();
    const comment = await json<Comment>(await reply(c.id, 'Only for Acme.'));
    const file = await json<Attachment>(await upload(c.id, 'acme secret log\n', 'acme.log', comment.id));
    const intruder = 'linksprinterPaid';
    expect((await upload(c.id, 'intruder\n', 'x.log', comment.id, intruder)).status).toBe(404);
    expect((await h.api(`/v1/cases/${c.id}`, { as: intruder })).status).toBe(404);
    const download = await h.api(`/v1/cases/${c.id}/attachments/${file.id}`, { as: intruder });
    expect(download.status).toBe(404);
    expect(await download.text()).not.toContain('acme secret');
    // The intruder's own case, with the other account's attachment id: still not found.
    const own = await newCase(intruder, drafts.linksprinter);
    expect((await h.api(`/v1/cases/${own.id}/attachments/${file.id}`, { as: intruder })).status).toBe(404);
    expect((await detail(c.id)).attachments.map((a) => a.id)).toEqual([file.id]);
  });
});

describe('downloads', () => {
  it('are attachments with nosniff and a type from the accepted list, or opaque bytes', async () => {
    const c = await newCase();
    const file = await json<Attachment>(await upload(c.id, '<html><script>alert(1)</script></html>\n', 'page.html'));
    expect(file.fileName).toBe('page.html.txt');
    const text = await h.api(`/v1/cases/${c.id}/attachments/${file.id}`, { as: 'gold' });
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(text.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''page.html.txt`);
    expect(text.headers.get('x-content-type-options')).toBe('nosniff');
    // A record whose type is not one support accepts (another version, a hand-edited store) never goes out as a page.
    await storeQuery(h, 'update attachments set content_type = ? where id = ?', ['text/html', file.id]);
    const tampered = await h.api(`/v1/cases/${c.id}/attachments/${file.id}`, { as: 'gold' });
    expect(tampered.status).toBe(200);
    expect(tampered.headers.get('content-type')).toBe('application/octet-stream');
    expect(tampered.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(tampered.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
