import type { Frame, Page } from 'playwright-core';
import { expect } from 'vitest';
import { until } from '../../_lib/wait.js';
import type { Harness } from './harness.js';

/** The extension API in the page's own world (the functions below run there). */
declare const chrome: typeof import('wxt/browser').browser;

/** Opens one of the extension's own pages (popup, options) in a tab. */
export async function extensionPage(h: Harness, file: string): Promise<Page> {
  const page = await h.context.newPage();
  if (file === 'popup.html') await page.setViewportSize({ width: 380, height: 600 });
  await page.goto(`chrome-extension://${h.extensionId}/${file}`);
  return page;
}

/** Signs in the way a customer does: the options page, API address and personal token, Save. */
export async function signIn(h: Harness, token: string): Promise<void> {
  const page = await extensionPage(h, 'options.html');
  await page.fill('#api-base', h.server.url);
  await page.fill('#token', token);
  await page.click('#save');
  // "Saved." in the browser's language (the options page speaks it through chrome.i18n).
  await page.waitForFunction(() => document.getElementById('status')?.textContent === chrome.i18n.getMessage('saved'));
  await page.close();
}

/** The address of the extension's support frame page. */
export const supportFrameUrl = (h: Harness) => `chrome-extension://${h.extensionId}/support-frame.html`;

/**
 * The support frame the extension put over `page` (the test harness may enter it; the page's scripts
 * cannot), once it is there. Its `netscout-support` is reached with `frame.locator(…)`.
 */
export function supportFrame(h: Harness, page: Page): Promise<Frame> {
  return until('the extension’s support frame over the page', () => supportFrames(h, page)[0]);
}

/**
 * Closes the open support frame from inside, with Escape on the widget's dialog or a click on its close
 * button, and waits until the frame is gone. The event is dispatched inside the frame rather than sent as
 * browser input: Chromium does not always acknowledge input to a frame removed while handling it
 * (playwright's `press` and `click` then wait forever). Playwright may also report the frame detached
 * before its own call returns: that is the expected outcome, checked by waiting for the frame to go.
 */
export async function closeSupportFrame(h: Harness, page: Page, how: 'escape' | 'close-button'): Promise<void> {
  const widget = (await supportFrame(h, page)).locator('netscout-support');
  const done =
    how === 'escape'
      ? widget.locator('dialog').dispatchEvent('keydown', { key: 'Escape' })
      : widget.locator('button.close').dispatchEvent('click');
  await done.catch((error: Error) => {
    if (!/detached|closed/i.test(error.message)) throw error;
  });
  await page.locator('netscout-extension-frame').waitFor({ state: 'detached' });
}

/** Frames of the extension's support page in `page`, right now. */
export const supportFrames = (h: Harness, page: Page) =>
  page.frames().filter((f) => f.url().startsWith(supportFrameUrl(h)));

/** A call to the real API, as a test's own client (not the browser). */
export async function api(h: Harness, method: string, urlPath: string, token: string, body?: unknown) {
  const response = await fetch(`${h.server.url}${urlPath}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok, `${method} ${urlPath} → ${response.status}`).toBe(true);
  return response.json();
}
