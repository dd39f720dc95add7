import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fill, shown, signInWithToken, supportFrame, widgetText } from './_lib/addon-pages.js';
import { addonPage, type FirefoxHarness, startFirefoxHarness } from './_lib/harness.js';

let h: FirefoxHarness;
const subject = 'Firefox: link drops every few minutes after update';

beforeAll(async () => {
  h = await startFirefoxHarness();
});
afterAll(async () => {
  await h?.close();
});

/** The cases the test's own client (not the browser) finds at the API for `token`. */
async function casesAtApi(token: string): Promise<{ id: string; subject: string }[]> {
  const response = await fetch(`${h.server.url}/v1/cases`, { headers: { Authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: { id: string; subject: string }[] }).items;
}

describe('the NetScout Support add-on in Firefox ESR, against the real server', () => {
  it('says so in the popup when the customer has not signed in yet', async () => {
    const popup = await addonPage(h, 'popup.html');
    const heading = await shown(popup, '[data-testid="signed-out"] h2');
    expect(await heading.evaluate((e) => e.textContent)).toBe('You are signed out');
    await popup.close();
  });

  it('opens the widget from OneTouchAT.com’s own assistance link, and files an incident there', async () => {
    await signInWithToken(h, h.server.demo.gold.token);
    const page = await h.browser.newPage();
    await page.goto(`${h.site('onetouchat.com')}/`);
    // The content script ran (its match patterns select the mapped host) and hooked the page's own link.
    await page.waitForFunction(() => document.documentElement.dataset.netscoutExtension === 'assistance');
    expect(await page.$('netscout-extension-frame')).toBeNull();

    await page.click('#assistance-link');
    const frame = await supportFrame(h, page);
    // The link did not navigate: the widget came over the page, in the add-on's frame, not in the page.
    expect(page.url()).toBe(`${h.site('onetouchat.com')}/`);
    expect(await page.$('netscout-support')).toBeNull();
    expect(await widgetText(frame, '[data-testid="plan"]')).toContain('OneTouchAT.com');
    expect(await widgetText(frame, '[data-testid="gold"]')).toContain('Gold support is active');
    expect(await widgetText(frame, '[data-testid="first-response"]')).toContain('2 hours');

    await frame.locator('netscout-support >>> [data-view="incident"]').click();
    await fill(frame, 'netscout-support >>> #f-subject', subject);
    await fill(
      frame,
      'netscout-support >>> #f-description',
      'Since the firmware update the tester loses its link about every five minutes on port 2.',
    );
    await fill(frame, 'netscout-support >>> #f-deviceSerial', 'OT-48213');
    await fill(frame, 'netscout-support >>> #f-firmwareVersion', '6.5.1');
    await fill(frame, 'netscout-support >>> #f-contactEmail', 'dana@example.com');
    await frame.locator('netscout-support >>> [data-testid="incident-form"] button[type="submit"]').click();
    await shown(frame, 'netscout-support >>> [data-testid="submitted"]');

    // Escape closes it: the frame goes, and the focus is back on the page's assistance link.
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('netscout-extension-frame'));
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('assistance-link');
    await page.close();

    expect((await casesAtApi(h.server.demo.gold.token)).map((c) => c.subject)).toContain(subject);
  });

  it('lists the new case in the popup with its SLA and whether support is open', async () => {
    const [filed] = (await casesAtApi(h.server.demo.gold.token)).filter((c) => c.subject === subject);
    const popup = await addonPage(h, 'popup.html');
    const row = `li.case[data-case-id="${filed!.id}"]`;
    await shown(popup, row);
    expect(await popup.$eval(`${row} .case-subject`, (e) => e.textContent)).toBe(subject);
    expect(await popup.$eval(`${row} .sla`, (e) => e.getAttribute('data-sla'))).toMatch(/^(on-track|at-risk|paused)$/);
    // The test server's clock is Thanksgiving 2026: support is closed, and the popup names the holiday.
    expect(await popup.$eval('[data-testid="support-status"]', (e) => e.textContent)).toContain('Thanksgiving');
    await popup.close();
  });

  it('opens the widget from LinkSprinter.com’s French “Obtenir de l’aide” button, with the type 3 Pro plan', async () => {
    await signInWithToken(h, h.server.demo.linksprinterPaid.token);
    const page = await h.browser.newPage();
    await page.goto(`${h.site('linksprinter.com')}/`);
    await page.waitForFunction(() => document.documentElement.dataset.netscoutExtension === 'assistance');
    await page.click('#help-button');
    const frame = await supportFrame(h, page);
    expect(await widgetText(frame, '[data-testid="plan"]')).toContain('LinkSprinter.com');
    expect(await widgetText(frame, '[data-testid="first-response"]')).toContain('24 hours');
    await page.close();
  });
});
