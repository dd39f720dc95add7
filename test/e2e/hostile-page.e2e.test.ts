import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATIENCE_MS } from '../_lib/wait.js';
import {
  api,
  closeSupportFrame,
  signIn,
  supportFrame,
  supportFrames,
  supportFrameUrl,
} from './_lib/extension-pages.js';
import { type Harness, startHarness } from './_lib/harness.js';
import { hostilePageScript } from './_lib/hostile-page.js';

// Issue 13, item 4: the homepage's own scripts against the extension's widget. The page's script runs with
// `page.evaluate` (the page's world); only the customer's clicks are real input (`page.click`).

let h: Harness;
const secretSubject = 'Port 7 of the lab tester drops VLAN 42 after the 6.5.1 update';
const secretReply = 'Hello Dana, an engineer will call you at 14:00 about VLAN 42.';
let caseId = '';

const commentsOnCase = async () =>
  (await api(h, 'GET', `/v1/cases/${caseId}`, h.server.demo.gold.token)).comments?.length ?? 0;

/** The customer's own click on the assistance link, and the widget ready in the frame. */
async function openAsCustomer(page: Page) {
  await page.click('#assistance-link');
  const widget = (await supportFrame(h, page)).locator('netscout-support');
  await widget.locator('[data-testid="plan"]').waitFor();
  return widget;
}

beforeAll(async () => {
  h = await startHarness();
  await signIn(h, h.server.demo.gold.token);
  const response = await fetch(`${h.server.url}/v1/incidents`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${h.server.demo.gold.token}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': crypto.randomUUID(),
    },
    body: JSON.stringify({
      serviceId: 'onetouchat',
      subject: secretSubject,
      description: 'Every few minutes the link on port 7 drops; VLAN 42 traffic is lost until a reboot.',
      deviceSerial: 'OT-77001',
      firmwareVersion: '6.5.1',
      contactEmail: 'dana@example.com',
    }),
  });
  caseId = (await response.json()).id;
  await api(h, 'PATCH', `/v1/agent/cases/${caseId}`, h.server.demo.agent.token, {
    status: 'in-progress',
    response: secretReply,
  });
});
afterAll(async () => {
  await h?.close();
});

describe('a hostile script on the service homepage against the extension’s widget', () => {
  it('opens nothing with its own click on the assistance link or on the extension’s launcher', async () => {
    const page = await h.context.newPage();
    await page.goto('http://onetouchat.com/');
    await page.waitForFunction(() => document.documentElement.dataset.netscoutExtension === 'assistance');
    // The page's own handler sees its clicks: the extension let them through as the page's business.
    const reachedThePage = await page.evaluate(() => {
      let reached = 0;
      window.addEventListener('click', (event) => {
        reached++;
        event.preventDefault(); // stay on the homepage
      });
      const link = document.getElementById('assistance-link')!;
      link.click();
      link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true }));
      return reached;
    });
    expect(reachedThePage).toBe(2);
    // A real click afterwards opens exactly one frame, and closing it leaves nothing behind: the page's
    // clicks before it had started nothing that could still arrive.
    await openAsCustomer(page);
    expect(supportFrames(h, page)).toHaveLength(1);
    await closeSupportFrame(h, page, 'escape');
    await expect.poll(() => supportFrames(h, page).length, { timeout: PATIENCE_MS }).toBe(0);
    expect(await page.locator('netscout-support').count()).toBe(0);
    await page.close();

    const launcherPage = await h.context.newPage();
    await launcherPage.goto('http://onetouchat.com/no-assistance.html');
    await launcherPage.waitForFunction(() => document.documentElement.dataset.netscoutExtension === 'launcher');
    await launcherPage.evaluate(() => {
      document.querySelector('netscout-extension-launcher')?.shadowRoot?.querySelector('button')?.click();
    });
    await launcherPage.click('[data-testid="netscout-extension-launcher"]');
    await (await supportFrame(h, launcherPage)).locator('netscout-support [data-testid="overview"]').waitFor();
    expect(supportFrames(h, launcherPage)).toHaveLength(1);
    await launcherPage.close();
  });

  it('reads nothing and posts nothing once the customer has opened the widget and their cases', async () => {
    const commentsBefore = await commentsOnCase();
    const page = await h.context.newPage();
    await page.goto('http://onetouchat.com/');
    await page.waitForFunction(() => document.documentElement.dataset.netscoutExtension === 'assistance');
    const widget = await openAsCustomer(page);
    // The customer looks at the case: its subject and the engineer's answer are on screen, in the frame.
    await widget.locator('[data-view="cases"]').click();
    await widget.locator(`button[data-case="${caseId}"]`).click();
    await widget.locator('[data-testid="case-detail"]').waitFor();
    expect(await widget.locator('[data-testid="case-detail"]').textContent()).toContain(secretReply);

    const found = await page.evaluate(hostilePageScript, {
      apiBase: h.server.url,
      caseId,
      extensionId: h.extensionId,
    });
    expect(found.foundWidget).toBe(false);
    for (const secret of [secretSubject, secretReply, h.server.demo.gold.token, 'VLAN 42']) {
      expect(found.seen).not.toContain(secret);
    }
    // The page did reach the API: without the customer's token, it is refused.
    expect(found.apiStatuses).toEqual([401, 401, 401, 401]);
    expect(await commentsOnCase()).toBe(commentsBefore);
    // The widget is untouched, still showing the customer's case.
    expect(await widget.locator('[data-testid="case-detail"]').textContent()).toContain(secretSubject);
    await page.close();
  });

  it('gets an empty page when it frames the extension’s support page itself', async () => {
    const page = await h.context.newPage();
    await page.goto('http://onetouchat.com/');
    await page.evaluate((src) => {
      const iframe = document.createElement('iframe');
      iframe.src = `${src}?service=onetouchat&case=x`;
      document.body.append(iframe);
    }, supportFrameUrl(h));
    const frame = await supportFrame(h, page);
    await frame.waitForFunction(() => document.body?.dataset.supportFrame === 'refused');
    expect(await frame.locator('netscout-support').count()).toBe(0);
    await page.close();
  });
});

describe('where the browser blocks third-party site data', () => {
  let blocked: Harness;
  beforeAll(async () => {
    blocked = await startHarness({ thirdPartyData: 'blocked' });
    await signIn(blocked, blocked.server.demo.gold.token);
  });
  afterAll(async () => {
    await blocked?.close();
  });

  it('opens the widget in a window of its own, where incidents can still be filed', async () => {
    const page = await blocked.context.newPage();
    await page.goto('http://onetouchat.com/');
    await page.waitForFunction(() => document.documentElement.dataset.netscoutExtension === 'assistance');
    const opened = blocked.context.waitForEvent('page', (p) => p.url().startsWith(supportFrameUrl(blocked)));
    await page.click('#assistance-link');
    const window = await opened;
    // The frame gave way to the window: nothing stays over the homepage.
    await page.locator('netscout-extension-frame').waitFor({ state: 'detached' });
    const widget = window.locator('netscout-support');
    await widget.locator('[data-view="incident"]').click();
    await widget.locator('#f-subject').fill('Filed from the support window');
    await widget.locator('#f-description').fill('The link on port 3 drops every ten minutes since Monday.');
    await widget.locator('#f-deviceSerial').fill('OT-30003');
    await widget.locator('#f-firmwareVersion').fill('6.5.1');
    await widget.locator('[data-testid="incident-form"] button[type="submit"]').click();
    await widget.locator('[data-testid="submitted"]').waitFor();
    const cases = await api(blocked, 'GET', '/v1/cases', blocked.server.demo.gold.token);
    expect(cases.items.map((c: { subject: string }) => c.subject)).toContain('Filed from the support window');
    // The widget's close button closes the window (pressed inside it: the window goes during a real click).
    const closed = window.waitForEvent('close');
    await widget.locator('button.close').dispatchEvent('click');
    await closed;
    await page.close();
  });
});
