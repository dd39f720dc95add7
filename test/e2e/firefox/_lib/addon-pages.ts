import type { ElementHandle, Frame, Page } from 'puppeteer-core';
import { until } from '../../../_lib/wait.js';
import { addonPage, addonUrl, type FirefoxHarness } from './harness.js';

/** The add-on's API in its own pages (the functions below run there, not in Node). */
declare const browser: typeof import('wxt/browser').browser;

/** Types `value` into the field `selector`, replacing what it held, as a customer does. */
export async function fill(page: Page | Frame, selector: string, value: string): Promise<void> {
  await page.locator(selector).fill(value);
}

/** Signs in the way a customer does with a personal token: the options page, API address and token, Save. */
export async function signInWithToken(h: FirefoxHarness, token: string): Promise<void> {
  const page = await addonPage(h, 'options.html');
  await fill(page, '#api-base', h.server.url);
  await fill(page, '#token', token);
  await page.click('#save');
  await page.waitForFunction(() => document.getElementById('status')?.textContent === browser.i18n.getMessage('saved'));
  await page.close();
}

/** One key of the add-on's `storage.local`, read from one of its own pages. */
export async function stored<T>(page: Page, key: string): Promise<T | undefined> {
  return (await page.evaluate((k) => browser.storage.local.get(k), key))[key] as T | undefined;
}

/**
 * The add-on's support frame over `page`, once it shows the widget. Puppeteer keeps the frame's first
 * address (`about:blank`) under WebDriver BiDi, so each child frame is asked where it is.
 */
export function supportFrame(h: FirefoxHarness, page: Page): Promise<Frame> {
  const frameUrl = addonUrl(h, 'support-frame.html');
  return until('the add-on’s support frame over the page, showing the widget', async () => {
    for (const frame of page.mainFrame().childFrames()) {
      const here = await frame
        .evaluate(() => [location.href, document.body?.dataset.supportFrame ?? ''] as const)
        .catch(() => null);
      if (here?.[0].startsWith(frameUrl) && here[1] === 'open') return frame;
    }
    return undefined;
  });
}

/**
 * The first element matching `selector` (`>>>` enters shadow roots), once it is there. Asked again and
 * again rather than with puppeteer's own wait, which waits for an animation frame that a tab in the
 * background never gets, and for DOM changes it does not see inside shadow roots.
 */
export function shown(page: Page | Frame, selector: string): Promise<ElementHandle<Element>> {
  return until(selector, () => page.$(selector));
}

/** The text of the first element matching `selector` in the widget's shadow DOM, once it is there. */
export async function widgetText(frame: Frame, selector: string): Promise<string> {
  return (await shown(frame, `netscout-support >>> ${selector}`)).evaluate((e) => e.textContent ?? '');
}
