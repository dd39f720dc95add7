import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attachment, Case, Me } from '../../core/index.js';
import { drafts, type Harness, json, postIncident, startHarness } from './_lib/harness.js';

let h: Harness;
let goldCase: Case;
let attachment: Attachment;
let goldSubscriptionId: string;

beforeAll(async () => {
  h = await startHarness();
  goldCase = await json<Case>(await postIncident(h, 'gold', drafts.gold));
  const form = new FormData();
  form.set('file', new Blob(['link down at 10:02\n'], { type: 'text/plain' }), 'switch.log');
  attachment = await json<Attachment>(
    await h.api(`/v1/cases/${goldCase.id}/attachments`, { as: 'gold', method: 'POST', body: form }),
  );
  goldSubscriptionId = (await json<Me>(await h.api('/v1/me', { as: 'gold' }))).subscriptions[0].id;
});
afterAll(() => h.stop());

/** Every route that takes an id, as another account would call it. */
const intrusions: [string, () => Promise<Response>][] = [
  ['GET /v1/cases/:id', () => h.api(`/v1/cases/${goldCase.id}`, { as: 'linksprinterPaid' })],
  [
    'POST /v1/cases/:id/comments',
    () =>
      h.api(`/v1/cases/${goldCase.id}/comments`, {
        as: 'linksprinterPaid',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ body: 'I should not be able to write here.' }),
      }),
  ],
  [
    'POST /v1/cases/:id/attachments',
    () => {
      const form = new FormData();
      form.set('file', new Blob(['intruder\n'], { type: 'text/plain' }), 'x.log');
      return h.api(`/v1/cases/${goldCase.id}/attachments`, { as: 'linksprinterPaid', method: 'POST', body: form });
    },
  ],
  [
    'GET /v1/cases/:id/attachments/:attachmentId',
    () => h.api(`/v1/cases/${goldCase.id}/attachments/${attachment.id}`, { as: 'linksprinterPaid' }),
  ],
  [
    'DELETE /v1/subscriptions/:id',
    () => h.api(`/v1/subscriptions/${goldSubscriptionId}`, { as: 'linksprinterPaid', method: 'DELETE' }),
  ],
];

describe("another account's ids", () => {
  it.each(intrusions)('%s answers 404 with no data of the owner', async (_route, call) => {
    const response = await call();
    expect(response.status).toBe(404);
    const text = await response.text();
    expect(text).not.toContain(drafts.gold.subject);
    expect(text).not.toContain('link down');
    expect(text).not.toContain('alice@acme.example');
  });

  it('an unknown id answers exactly like another account’s id', async () => {
    const missing = await h.api('/v1/cases/case_doesnotexist', { as: 'linksprinterPaid' });
    const foreign = await h.api(`/v1/cases/${goldCase.id}`, { as: 'linksprinterPaid' });
    expect(missing.status).toBe(foreign.status);
    const strip = (p: Record<string, unknown>) => ({ ...p, detail: undefined, instance: undefined });
    expect(strip(await json(missing))).toEqual(strip(await json(foreign)));
  });

  it('left the owner’s case, comments, attachments and subscription untouched', async () => {
    const detail = await json<Case>(await h.api(`/v1/cases/${goldCase.id}`, { as: 'gold' }));
    expect(detail.comments).toEqual([]);
    expect(detail.attachments.map((a) => a.id)).toEqual([attachment.id]);
    const me = await json<Me>(await h.api('/v1/me', { as: 'gold' }));
    expect(me.subscriptions[0].status).toBe('active');
  });

  it('the owner still reads its own attachment', async () => {
    const response = await h.api(`/v1/cases/${goldCase.id}/attachments/${attachment.id}`, { as: 'gold' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('link down at 10:02\n');
  });
});
