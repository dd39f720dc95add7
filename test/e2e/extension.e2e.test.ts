import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATIENCE_MS, until } from '../_lib/wait.js';
import { api, closeSupportFrame, extensionPage, signIn, supportFrame, supportFrames } from './_lib/extension-pages.js';
import { type Harness, OUTPUT_DIR, startHarness } from './_lib/harness.js';

/** The extension APIs, as the service worker sees them (these functions run there, not in Node). */
declare const chrome: typeof import('wxt/browser').browser;

let h: Harness;
const subject = 'Link drops every few minutes after update';
let caseId = '';

beforeAll(async () => {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const ownPage = (file: string) => extensionPage(h, file);
const call = (method: string, urlPath: string, token: string, body?: unknown) => api(h, method, urlPath, token, body);
/** The extension's badge text, as the service worker sets it. */
const badge = () => h.worker.evaluate(() => chrome.action.getBadgeText({}));
/** The kind of the last polling error the background stored, if any. */
const pollError = () =>
  h.worker.evaluate(async () => {
    const { pollState } = await chrome.storage.local.get('pollState');
    return (pollState as { lastError?: { kind: string } | null } | undefined)?.lastError?.kind;
  });
/** The widget inside the extension's support frame over `page` (an extension page, not `page` itself). */
const widgetIn = async (page: Page) => (await supportFrame(h, page)).locator('netscout-support');

describe('NetScout Support extension in Chromium, against the real server', () => {
  it('says so in the popup when the customer has not signed in yet', async () => {
    const popup = await ownPage('popup.html');
    await popup.locator('[data-testid="signed-out"]').waitFor();
    expect(await popup.locator('[data-testid="signed-out"] h2').textContent()).toBe('You are signed out');
    await popup.close();
  });

  it('tests the connection from the options page, naming the account or the problem', async () => {
    const page = await ownPage('options.html');
    await page.fill('#api-base', h.server.url);
    await page.fill('#token', h.server.demo.gold.token);
    await page.click('#test');
    await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('Connected as '));
    await page.fill('#token', 'not-a-token');
    await page.click('#test');
    await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('Connection failed: '));
    await page.fill('#api-base', 'not a url');
    await page.click('#test');
    await page.waitForFunction(() => document.getElementById('api-base-error')?.textContent?.includes('http(s) URL'));
    await page.close();
  });

  it('refuses a plain-http API address of another computer on the options page, keeping what was typed', async () => {
    const page = await ownPage('options.html');
    await page.fill('#api-base', 'http://support.example.com/v1');
    await page.fill('#token', h.server.demo.gold.token);
    await page.click('#save');
    await page.waitForFunction(() => document.getElementById('api-base-error')?.textContent?.includes('https://'));
    expect(await page.inputValue('#api-base')).toBe('http://support.example.com/v1');
    expect(await page.getAttribute('#api-base', 'aria-invalid')).not.toBeNull();
    const stored = await h.worker.evaluate(() => chrome.storage.local.get(['settings', 'token']));
    expect((stored.settings as { apiBase?: string } | undefined)?.apiBase ?? '').not.toContain('example.com');
    expect(stored.token ?? '').toBe('');
    await page.close();
  });

  it('opens the widget from OneTouchAT.com’s own assistance link, with the Gold (type 2) entitlement', async () => {
    await signIn(h, h.server.demo.gold.token);
    const page = await h.context.newPage();
    await page.goto('http://onetouchat.com/');
    await page.waitForFunction(() => document.documentElement.dataset.netscoutExtension === 'assistance');
    // Before the click, no frame and no widget.
    expect(supportFrames(h, page)).toEqual([]);
    expect(await page.locator('netscout-support').count()).toBe(0);

    await page.click('#assistance-link');
    const widget = await widgetIn(page);
    await widget.locator('[data-testid="plan"]').waitFor();
    expect(page.url()).toBe('http://onetouchat.com/');
    // The widget is in the extension's frame, never in the page itself.
    expect(await page.locator('netscout-support').count()).toBe(0);
    // The page's own link opens it: the widget's floating button stays hidden.
    expect(await widget.locator('[part="launcher"]').isHidden()).toBe(true);
    expect(await widget.locator('[data-testid="plan"]').textContent()).toContain('OneTouchAT.com');
    expect(await widget.locator('[data-testid="gold"]').textContent()).toContain('Gold support is active');
    expect(await widget.locator('[data-testid="first-response"]').textContent()).toContain('2 hours');
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'extension-widget-onetouchat.png') });

    // File an incident through the extension's widget.
    await widget.locator('[data-view="incident"]').click();
    await widget.locator('#f-subject').fill(subject);
    await widget
      .locator('#f-description')
      .fill('Since the firmware update the tester loses its link about every five minutes on port 2.');
    await widget.locator('#f-deviceSerial').fill('OT-48213');
    await widget.locator('#f-firmwareVersion').fill('6.5.1');
    await widget.locator('#f-contactEmail').fill('dana@example.com');
    await widget.locator('[data-testid="incident-form"] button[type="submit"]').click();
    await widget.locator('[data-testid="submitted"]').waitFor();

    // Escape closes it: the frame goes, and the focus is back on the page's assistance link.
    await closeSupportFrame(h, page, 'escape');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('assistance-link');
    await expect.poll(() => supportFrames(h, page).length, { timeout: PATIENCE_MS }).toBe(0);
    await page.close();

    const cases = await call('GET', '/v1/cases', h.server.demo.gold.token);
    const filed = cases.items.find((c: { subject: string }) => c.subject === subject);
    expect(filed).toBeDefined();
    caseId = filed.id;
  });

  it('lists the new case in the popup with its SLA and whether support is open', async () => {
    const popup = await ownPage('popup.html');
    const row = popup.locator(`li.case[data-case-id="${caseId}"]`);
    await row.waitFor();
    expect(await row.locator('.case-subject').textContent()).toBe(subject);
    expect(await row.locator('.sla').getAttribute('data-sla')).toMatch(/^(on-track|at-risk|paused)$/);
    // The test server's clock is Thanksgiving 2026: support is closed, and the popup names the holiday.
    expect(await popup.locator('[data-testid="support-status"]').textContent()).toContain('Thanksgiving');
    expect(await popup.locator('a.new-incident').first().textContent()).toContain('OneTouchAT.com');
    await popup.screenshot({ path: path.join(OUTPUT_DIR, 'extension-popup.png') });
    await popup.close();
  });

  it('shows a badge and a notification when an engineer answers, at the next poll', async () => {
    await call('PATCH', `/v1/agent/cases/${caseId}`, h.server.demo.agent.token, {
      status: 'in-progress',
      response: 'Hello Dana, please send us the link log from port 2.',
    });
    // Fire the real polling alarm now instead of in five minutes.
    await h.worker.evaluate(() => chrome.alarms.create('netscout-poll', { when: Date.now() + 100 }));
    await until('the badge to count one answer', async () => (await badge()) === '1');
    // The badge and the notification are set one after the other by the same poll: wait for both.
    const notified = async () => Object.keys(await h.worker.evaluate(() => chrome.notifications.getAll()));
    await until('the notification of the answer', async () => (await notified()).includes(`netscout-case:${caseId}`));

    const popup = await ownPage('popup.html');
    const row = popup.locator(`li.case[data-case-id="${caseId}"]`);
    await row.locator('.news').waitFor();
    expect(await row.locator('.news').textContent()).toBe('New answer');
    await popup.close();
  });

  it('opens a case from its address on the service homepage (where the popup and notifications link)', async () => {
    const page = await h.context.newPage();
    await page.goto(`http://onetouchat.com/#netscout-case=${caseId}`);
    const detail = (await widgetIn(page)).locator('[data-testid="case-detail"]');
    await detail.waitFor();
    expect(await detail.textContent()).toContain(subject);
    await page.close();
  });

  it('opens the widget from LinkSprinter.com’s French “Obtenir de l’aide” button, with the type 3 Pro plan', async () => {
    await signIn(h, h.server.demo.linksprinterPaid.token);
    const page = await h.context.newPage();
    await page.goto('http://linksprinter.com/');
    await page.waitForFunction(() => document.documentElement.dataset.netscoutExtension === 'assistance');
    await page.click('#help-button');
    const widget = await widgetIn(page);
    await widget.locator('[data-testid="plan"]').waitFor();
    // Under the page's strict CSP too, no second floating button.
    expect(await widget.locator('[part="launcher"]').isHidden()).toBe(true);
    expect(await widget.locator('[data-testid="plan"]').textContent()).toContain('LinkSprinter.com');
    expect(await widget.locator('[data-testid="first-response"]').textContent()).toContain('24 hours');
    expect(await widget.locator('[data-testid="overview"]').textContent()).toContain('no Gold program');
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'extension-widget-linksprinter.png') });
    await page.close();
  });

  it('opens the incident form from a service’s “new incident” address', async () => {
    const page = await h.context.newPage();
    await page.goto('http://linksprinter.com/#netscout-new-incident');
    await (await widgetIn(page)).locator('[data-testid="incident-form"]').waitFor();
    await page.close();
  });

  it('adds a discreet launcher to a page without an assistance option; closing returns to it', async () => {
    const page = await h.context.newPage();
    await page.goto('http://onetouchat.com/no-assistance.html');
    const launcher = page.locator('[data-testid="netscout-extension-launcher"]');
    await launcher.click();
    const widget = await widgetIn(page);
    await widget.locator('[data-testid="overview"]').waitFor();
    await closeSupportFrame(h, page, 'close-button');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('NETSCOUT-EXTENSION-LAUNCHER');
    await page.close();
  });

  it('leaves the demo homepages, which embed the widget themselves, alone: one widget, never two', async () => {
    for (const host of ['onetouchat.com', 'linksprinter.com']) {
      const page = await h.context.newPage();
      await page.goto(`http://${host}/embedded.html`);
      await page.waitForFunction(() => document.documentElement.dataset.netscoutExtension === 'page-widget');
      // The page's own "Assistance" opens the page's own widget.
      await page.click('a[data-netscout-support]');
      await page.locator('netscout-support dialog[open]').waitFor();
      expect(await page.locator('netscout-support').count()).toBe(1);
      expect(await page.locator('netscout-extension-frame').count()).toBe(0);
      expect(supportFrames(h, page)).toEqual([]);
      expect(await page.locator('[data-testid="netscout-extension-launcher"]').count()).toBe(0);
      await page.close();
    }
  });

  it('keeps showing the cached cases, and says it is offline, when the API cannot be reached', async () => {
    const before = await ownPage('popup.html');
    await before.locator('[data-testid="sync-status"]').waitFor();
    await before.waitForFunction(
      () => !document.querySelector('[data-testid="sync-status"]')?.textContent?.includes('…'),
    );
    const cachedRows = await before.locator('li.case').count();
    await before.close();

    await h.stopServer();
    await h.worker.evaluate(() => chrome.alarms.create('netscout-poll', { when: Date.now() + 100 }));
    await until('the poll to fail as offline', async () => (await pollError()) === 'offline');
    const popup = await ownPage('popup.html');
    const banner = popup.locator('[data-testid="poll-error"]');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/^Offline: showing your cases as of /);
    expect(await popup.locator('li.case').count()).toBe(cachedRows);
    await popup.close();
  });
});
