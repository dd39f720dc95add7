import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { notificationIdFor } from '../../extension/lib/polling.js';
import {
  caseCacheItem,
  DEFAULT_SETTINGS,
  pollStateItem,
  settingsItem,
  tokenItem,
} from '../../extension/lib/storage.js';
import { markSeen, POLL_ALARM, pollOnce } from '../../extension/lib/sync.js';
import { type RunningServer, startServer } from '../../server/index.js';

/** The background's polling round, with WXT's fake browser, against the real reference server. */

let server: RunningServer;
let dataDir: string;
const t = (key: string, subs: string[] = []) => [key, ...subs].join('|');
const deps = { now: () => new Date(), t };

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'netscout-ext-sync-'));
  server = await startServer({ port: 0, dataDir, logLevel: 'silent' });
});
afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function call(
  method: string,
  urlPath: string,
  token: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${server.url}${urlPath}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${urlPath}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function fileIncident(
  subject: string,
  as: { token: string; serviceId: string } = { token: server.demo.gold.token, serviceId: 'onetouchat' },
): Promise<{ id: string; number: string }> {
  return call(
    'POST',
    '/v1/incidents',
    as.token,
    {
      serviceId: as.serviceId,
      subject,
      description: 'The tester reports a link drop on port 2 every few minutes since the update.',
      deviceSerial: 'OT-10001',
      firmwareVersion: '6.5.1',
      contactEmail: 'dana@example.com',
    },
    { 'Idempotency-Key': crypto.randomUUID() },
  );
}

const alarm = () => fakeBrowser.alarms.get(POLL_ALARM);
const badge = () => fakeBrowser.action.getBadgeText({});

describe('background polling against the real server', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, apiBase: server.url });
  });

  it('does not poll at all when signed out', async () => {
    await fakeBrowser.alarms.create(POLL_ALARM, { periodInMinutes: 5 });
    expect(await pollOnce(deps)).toEqual({ kind: 'signed-out' });
    expect(await alarm()).toBeUndefined();
    expect(await badge()).toBe('');
  });

  it('caches the cases on the first poll, without news, and polls again in five minutes', async () => {
    const filed = await fileIncident('First poll sees this case');
    await tokenItem.setValue(server.demo.gold.token);
    const outcome = await pollOnce(deps);
    expect(outcome).toMatchObject({ kind: 'synced', notified: 0 });
    const cache = await caseCacheItem.getValue();
    expect(cache.cases.map((c) => c.id)).toContain(filed.id);
    expect(cache.news).toEqual({});
    expect(await badge()).toBe('');
    expect(await alarm()).toMatchObject({ periodInMinutes: 5 });
  });

  it("sees an account's first case even when this computer's clock is ahead of the server's", async () => {
    // The LinkSprinter Pro demo account has no case yet. This computer's clock runs 30 minutes ahead.
    const ahead = { ...deps, now: () => new Date(Date.now() + 30 * 60_000) };
    await tokenItem.setValue(server.demo.linksprinterPaid.token);
    expect(await pollOnce(ahead)).toMatchObject({ kind: 'synced', changed: 0 });
    const filed = await fileIncident('First case of this account', {
      token: server.demo.linksprinterPaid.token,
      serviceId: 'linksprinter',
    });
    expect(await pollOnce(ahead)).toMatchObject({ kind: 'synced', changed: 1 });
    expect((await caseCacheItem.getValue()).cases.map((c) => c.id)).toEqual([filed.id]);
  });

  it("repairs a cache an earlier version left with this computer's clock as its cursor and no case", async () => {
    await tokenItem.setValue(server.demo.gold.token);
    await pollOnce(deps);
    const me = (await caseCacheItem.getValue()).userId;
    const future = new Date(Date.now() + 60 * 60_000).toISOString();
    await caseCacheItem.setValue({ syncedAt: future, cursor: future, userId: me, cases: [], news: {} });
    const filed = await fileIncident('Filed while the cursor was in the future');
    await pollOnce(deps);
    expect((await caseCacheItem.getValue()).cases.map((c) => c.id)).toContain(filed.id);
  });

  it('shows a badge and a notification when an engineer answers, and clears them once the case is seen', async () => {
    await tokenItem.setValue(server.demo.gold.token);
    const filed = await fileIncident('Answer me please, engineers');
    await pollOnce(deps);
    await call('PATCH', `/v1/agent/cases/${filed.id}`, server.demo.agent.token, { response: 'We are on it.' });

    expect(await pollOnce(deps)).toMatchObject({ kind: 'synced', notified: 1 });
    expect(await badge()).toBe('1');
    const shown = await fakeBrowser.notifications.getAll();
    expect(shown[notificationIdFor(filed.id)]).toMatchObject({
      title: `notificationFirstResponseTitle|${filed.number}`,
    });
    expect((await caseCacheItem.getValue()).news).toEqual({ [filed.id]: 'first-response' });

    // Nothing new on the next poll: no second notification.
    expect(await pollOnce(deps)).toMatchObject({ kind: 'synced', notified: 0 });

    await markSeen(filed.id);
    expect(await badge()).toBe('');
  });

  it('drops the badge of an answer the customer has read in the widget, on any site', async () => {
    await tokenItem.setValue(server.demo.gold.token);
    const filed = await fileIncident('Answered, then read in the widget');
    await pollOnce(deps);
    await call('PATCH', `/v1/agent/cases/${filed.id}`, server.demo.agent.token, { response: 'Try port 3.' });
    await pollOnce(deps);
    expect(await badge()).toBe('1');
    // The widget opens the case (on a service homepage): the server records that this user read the answer.
    await call('GET', `/v1/cases/${filed.id}`, server.demo.gold.token);
    await pollOnce(deps);
    expect(await badge()).toBe('');
    expect((await caseCacheItem.getValue()).news).toEqual({});
  });

  it('does not notify an answer the customer already read in the widget', async () => {
    await tokenItem.setValue(server.demo.gold.token);
    const filed = await fileIncident('Read before the extension polled');
    await pollOnce(deps);
    await call('PATCH', `/v1/agent/cases/${filed.id}`, server.demo.agent.token, { response: 'Replace the cable.' });
    await call('GET', `/v1/cases/${filed.id}`, server.demo.gold.token);
    expect(await pollOnce(deps)).toMatchObject({ kind: 'synced', notified: 0 });
    expect(await badge()).toBe('');
  });

  it('notifies a status change', async () => {
    await tokenItem.setValue(server.demo.gold.token);
    const filed = await fileIncident('Status will change soon');
    await pollOnce(deps);
    await call('PATCH', `/v1/agent/cases/${filed.id}`, server.demo.agent.token, { status: 'waiting-on-customer' });
    await pollOnce(deps);
    const shown = await fakeBrowser.notifications.getAll();
    expect(shown[notificationIdFor(filed.id)]).toMatchObject({
      message: 'notificationStatusMessage|Status will change soon|statusWaitingOnCustomer',
    });
  });

  it('backs off, keeping the cached cases, while the API cannot be reached', async () => {
    await tokenItem.setValue(server.demo.gold.token);
    await pollOnce(deps);
    const cached = (await caseCacheItem.getValue()).cases.length;
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, apiBase: 'http://127.0.0.1:9' });

    expect(await pollOnce(deps)).toMatchObject({ kind: 'failed', retryInMinutes: 10 });
    expect(await alarm()).toMatchObject({ periodInMinutes: 10 });
    expect(await pollOnce(deps)).toMatchObject({ kind: 'failed', retryInMinutes: 20 });
    expect(await pollStateItem.getValue()).toMatchObject({ consecutiveFailures: 2, lastError: { kind: 'offline' } });
    expect((await caseCacheItem.getValue()).cases).toHaveLength(cached);

    await settingsItem.setValue({ ...DEFAULT_SETTINGS, apiBase: server.url });
    expect(await pollOnce(deps)).toMatchObject({ kind: 'synced' });
    expect(await pollStateItem.getValue()).toMatchObject({ consecutiveFailures: 0, lastError: null });
    expect(await alarm()).toMatchObject({ periodInMinutes: 5 });
  });

  it('never sends the token over plain http to another computer, even when storage holds such an address', async () => {
    await tokenItem.setValue(server.demo.gold.token);
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, apiBase: 'http://support.example.com' });
    const asked: string[] = [];
    const recording: typeof fetch = async (input) => {
      asked.push(String(input instanceof Request ? input.url : input));
      throw new TypeError('offline');
    };
    await pollOnce({ ...deps, fetch: recording });
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.filter((url) => new URL(url).hostname === 'support.example.com')).toEqual([]);
  });

  it('stops polling when the token is refused, and says why', async () => {
    await tokenItem.setValue('not-a-real-token');
    expect(await pollOnce(deps)).toMatchObject({ kind: 'failed', retryInMinutes: null });
    expect(await alarm()).toBeUndefined();
    expect((await pollStateItem.getValue()).lastError).toMatchObject({ kind: 'unauthorized' });
  });
});
