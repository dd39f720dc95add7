import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { RunningServer } from '../../../../server/index.js';
import { startTestServer } from '../../_lib/harness.js';

const repo = path.resolve(import.meta.dirname, '../../../..');
/** The built Firefox add-on (Manifest V2). */
export const FIREFOX_EXTENSION_DIR = path.join(repo, 'dist/firefox-mv2');
/** Debian's Firefox ESR, installed by .ci/run when missing. */
export const FIREFOX_PATH = '/usr/bin/firefox-esr';
/** The add-on's id in Firefox (`browser_specific_settings.gecko.id` in wxt.config.ts). */
export const GECKO_ID = 'support@netscout.example';
/** The service hosts Firefox resolves to the test server (any port: match patterns ignore ports). */
export const SERVICE_HOSTS = ['onetouchat.com', 'linksprinter.com'] as const;

/** The built Firefox add-on: `npm test` builds it first; a lone run of this suite builds it here. */
export function ensureFirefoxAddonBuilt(): void {
  if (existsSync(path.join(FIREFOX_EXTENSION_DIR, 'support-frame.html'))) return;
  const result = spawnSync('npx wxt build -b firefox', { cwd: repo, shell: true, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('wxt build -b firefox failed');
}

export interface FirefoxHarness {
  server: RunningServer;
  browser: Browser;
  /** The add-on's internal UUID, pinned for this run: its pages are `moz-extension://<uuid>/…`. */
  uuid: string;
  /** `http://<host>:<port>`: a service homepage, resolved by Firefox to the test server. */
  site(host: (typeof SERVICE_HOSTS)[number]): string;
  /** Stops the API (the browser stays): the add-on is offline from then on. */
  stopServer(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real server on an ephemeral port, and Debian's Firefox ESR (WebDriver BiDi, through puppeteer-core)
 * with the built add-on installed as a temporary add-on, as `about:debugging` or `web-ext run` would.
 */
export async function startFirefoxHarness(): Promise<FirefoxHarness> {
  ensureFirefoxAddonBuilt();
  // A private copy of the build: another job rebuilding dist/ meanwhile cannot change the add-on under test.
  const addonDir = mkdtempSync(path.join(tmpdir(), 'netscout-e2e-firefox-addon-'));
  cpSync(FIREFOX_EXTENSION_DIR, addonDir, { recursive: true });
  const { server, dirs } = await startTestServer();
  const uuid = randomUUID();
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      extraPrefsFirefox: {
        // Firefox's equivalent of Chromium's host-resolver rules: these names resolve to 127.0.0.1, so the
        // content script's real match patterns are what select the test homepages.
        'network.dns.localDomains': SERVICE_HOSTS.join(','),
        // The add-on's UUID is random per profile unless pinned: the tests need it to reach its pages.
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
        // The real homepages are https (secure contexts); the local server speaks http.
        'dom.securecontext.allowlist': SERVICE_HOSTS.join(','),
      },
    });
    await browser.installExtension(addonDir);
  } catch (error) {
    await server.close();
    throw error;
  }
  let serverClosed: Promise<void> | undefined;
  return {
    server,
    browser,
    uuid,
    site: (host) => `http://${host}:${server.port}`,
    stopServer() {
      serverClosed ??= server.close();
      return serverClosed;
    },
    async close() {
      await browser.close();
      serverClosed ??= server.close();
      await serverClosed;
      for (const dir of [...dirs, addonDir]) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Where one of the add-on's own pages lives. */
export const addonUrl = (h: FirefoxHarness, file: string) => `moz-extension://${h.uuid}/${file}`;

/** Has the script of `page` go to `url` (a link followed by the page itself), and waits for it there. */
async function follow(page: Page, url: string): Promise<void> {
  await page.evaluate((to) => {
    location.href = to;
  }, url);
  // BiDi reports no navigation event for an add-on page: wait for the page itself to be there.
  await page.waitForFunction((to) => location.href === to && document.readyState === 'complete', {}, url);
}

/**
 * Opens one of the add-on's own pages (popup, options) in a tab. WebDriver BiDi refuses to navigate a tab
 * to a `moz-extension:` address, and a web page may only go to the add-on's web-accessible support frame
 * page; from there, the add-on's own page goes to the one asked for. The frame page, opened without a
 * ticket, shows nothing.
 */
export async function addonPage(h: FirefoxHarness, file: string): Promise<Page> {
  const page = await h.browser.newPage();
  if (file === 'popup.html') await page.setViewport({ width: 380, height: 600 });
  await follow(page, addonUrl(h, 'support-frame.html'));
  if (file !== 'support-frame.html') await follow(page, addonUrl(h, file));
  return page;
}
