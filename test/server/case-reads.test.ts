// Reading cases: the account's list and one case, and lists asked for again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../core/api/schemas.js';
import type { Case, CaseListPage } from '../../core/index.js';
import { drafts, fileNovemberCases, type Harness, json, postIncident, startHarness } from './_lib/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await fileNovemberCases(h);
});
afterAll(() => h.stop());

describe('listing and reading cases', () => {
  it('lists only the caller account cases, newest activity first, with SLA computed at request time', async () => {
    h.clock.set('2026-12-01T12:00:00Z');
    const page = await json<CaseListPage>(await h.api('/v1/cases?limit=100', { as: 'gold' }));
    expect(contract.CaseListPage.safeParse(page).success).toBe(true);
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((c) => c.serviceId === 'onetouchat')).toBe(true);
    const updated = page.items.map((c) => c.updatedAt);
    expect([...updated].sort().reverse()).toEqual(updated);
    // 2 hours after receipt in November, long gone by 1 December: breached.
    expect(page.items.every((c) => c.sla.state === 'breached')).toBe(true);
  });

  it('shows the same case the same way in the list and in the detail, paused, breached or met', async () => {
    h.clock.set('2026-11-26T17:00:00Z');
    const paused = await json<Case>(await postIncident(h, 'linksprinterPaid', drafts.linksprinter));
    await h.api(`/v1/agent/cases/${paused.id}`, {
      as: 'agent',
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response: 'Looking into it.' }),
    });
    await postIncident(h, 'linksprinterPaid', drafts.linksprinter);
    for (const at of ['2026-11-26T18:00:00Z', '2026-12-10T00:00:00Z']) {
      h.clock.set(at);
      const page = await json<CaseListPage>(await h.api('/v1/cases?limit=100', { as: 'linksprinterPaid' }));
      expect(new Set(page.items.map((c) => c.sla.state)).size).toBeGreaterThan(1);
      for (const item of page.items) {
        const {
          comments: _comments,
          feedback: _feedback,
          ...detail
        } = await json<Case>(await h.api(`/v1/cases/${item.id}`, { as: 'linksprinterPaid' }));
        expect(item).toEqual(detail);
      }
    }
  });

  it('sends a list whose declared length is its length in bytes, whatever the language of the text', async () => {
    h.clock.set('2026-11-26T17:00:00Z');
    const subject = 'Écran figé après la mise à jour — 画面が固まる 🔌';
    const created = await json<Case>(await postIncident(h, 'linksprinterPaid', { ...drafts.linksprinter, subject }));
    const response = await h.api('/v1/cases?limit=100', { as: 'linksprinterPaid' });
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(Number(response.headers.get('content-length'))).toBe(bytes.length);
    const listed = (JSON.parse(bytes.toString('utf8')) as CaseListPage).items.find((c) => c.id === created.id);
    expect(listed?.subject).toBe(subject);
    // Paused by the Thanksgiving run: the page carries the holidays' names too.
    expect(listed?.sla.pausedBy?.map((holiday) => holiday.id)).toEqual(['thanksgiving', 'day-after-thanksgiving']);
  });

  it('pages with a cursor without repeating or skipping cases', async () => {
    const all = await json<CaseListPage>(await h.api('/v1/cases?limit=100', { as: 'standalonePaid' }));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=7&cursor=${cursor}` : '?limit=7';
      const page: CaseListPage = await json<CaseListPage>(await h.api(`/v1/cases${query}`, { as: 'standalonePaid' }));
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((c) => c.id));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('filters by status, service and updatedSince', async () => {
    h.clock.set('2026-12-02T12:00:00Z');
    const created = await json<Case>(await postIncident(h, 'gold', drafts.gold));
    const since = await json<CaseListPage>(
      await h.api(`/v1/cases?updatedSince=${encodeURIComponent('2026-12-02T11:00:00Z')}`, { as: 'gold' }),
    );
    expect(since.items.map((c) => c.id)).toEqual([created.id]);
    const byService = await json<CaseListPage>(await h.api('/v1/cases?serviceId=linksprinter', { as: 'gold' }));
    expect(byService.items).toEqual([]);
    const resolved = await json<CaseListPage>(await h.api('/v1/cases?status=resolved', { as: 'gold' }));
    expect(resolved.items).toEqual([]);
    const fresh = await json<CaseListPage>(await h.api('/v1/cases?status=new&limit=1', { as: 'gold' }));
    expect(fresh.items[0].id).toBe(created.id);
  });

  it('returns one case with its comments, and the customer can reply', async () => {
    const created = await json<Case>(await postIncident(h, 'gold', drafts.gold));
    const reply = await h.api(`/v1/cases/${created.id}/comments`, {
      as: 'gold',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'The serial is on the back label; photo attached soon.' }),
    });
    expect(reply.status).toBe(201);
    const detail = await json<Case>(await h.api(`/v1/cases/${created.id}`, { as: 'gold' }));
    expect(detail.comments?.map((c) => [c.author.kind, c.body])).toEqual([
      ['customer', 'The serial is on the back label; photo attached soon.'],
    ]);
  });
});

describe('lists asked for again', () => {
  it('shows every change in a page asked for again: new case, reply, attachment, support update', async () => {
    h.clock.set('2026-12-07T15:00:00Z');
    const page = async (as: string, query = '?limit=5') =>
      (await json<CaseListPage>(await h.api(`/v1/cases${query}`, { as }))).items;
    const agentPage = async () =>
      (await json<CaseListPage>(await h.api('/v1/agent/cases?limit=5', { as: 'agent' }))).items;
    await page('gold');
    await agentPage();
    const created = await json<Case>(await postIncident(h, 'gold', drafts.gold));
    expect((await page('gold'))[0].id).toBe(created.id);
    expect((await agentPage())[0].id).toBe(created.id);

    h.clock.advance(60_000);
    await h.api(`/v1/cases/${created.id}/comments`, {
      as: 'gold',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'Adding the log in a minute.' }),
    });
    expect((await page('gold'))[0].updatedAt).toBe('2026-12-07T15:01:00.000Z');

    h.clock.advance(60_000);
    const form = new FormData();
    form.set('file', new Blob(['eth0: link down\n']), 'switch.log');
    expect(
      (await h.api(`/v1/cases/${created.id}/attachments`, { as: 'gold', method: 'POST', body: form })).status,
    ).toBe(201);
    expect((await page('gold'))[0].attachments.map((a) => a.fileName)).toEqual(['switch.log']);

    h.clock.advance(60_000);
    await h.api(`/v1/agent/cases/${created.id}`, {
      as: 'agent',
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response: 'Thanks, reading it now.' }),
    });
    const [answered] = await page('gold');
    expect(answered).toMatchObject({
      id: created.id,
      status: 'in-progress',
      firstResponseAt: '2026-12-07T15:03:00.000Z',
    });
    expect(answered.sla.state).toBe('met');
    // Another account's page is not touched by any of this.
    expect((await page('linksprinterPaid')).some((c) => c.id === created.id)).toBe(false);
  });
});
