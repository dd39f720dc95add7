import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Worker } from 'playwright-core';
import { type RunningServer, startServer } from '../../../server/index.js';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../_lib/chromium.mjs';

const repo = path.resolve(import.meta.dirname, '../../..');
export const EXTENSION_DIR = path.join(repo, 'dist/chrome-mv3');
export const OUTPUT_DIR = path.join(repo, 'test/output');
/** Where the test server's clock starts: whatever the machine's date, it is Thanksgiving there. */
export const SERVER_CLOCK_START = '2026-11-26T15:00:00Z';

/** The built Chrome extension: `npm test` builds it first; a lone run of this suite builds it here. */
export function ensureExtensionBuilt(): void {
  if (existsSync(path.join(EXTENSION_DIR, 'support-frame.html'))) return;
  const result = spawnSync('npx wxt build -b chrome', { cwd: repo, shell: true, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('wxt build -b chrome failed');
}

/**
 * A static root for the real server: the test homepages as the server's demo folders (so Host
 * `onetouchat.com` / `linksprinter.com` serves them), the widget's demo homepages, and the built widget.
 */
export function makeStaticRoot(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'netscout-e2e-static-'));
  mkdirSync(path.join(root, 'widget'), { recursive: true });
  const demo = path.join(root, 'widget/demo');
  // The widget's own demo homepages embed the widget themselves: they serve as `embedded.html`, the page
  // where the extension must stay out of the way; the test homepages (no widget) serve as `/`.
  cpSync(path.join(repo, 'widget/demo'), demo, { recursive: true });
  for (const site of ['onetouchat', 'linksprinter']) {
    renameSync(path.join(demo, site, 'index.html'), path.join(demo, site, 'embedded.html'));
  }
  cpSync(path.join(import.meta.dirname, '../fixtures'), demo, { recursive: true });
  mkdirSync(path.join(root, 'dist'), { recursive: true });
  if (existsSync(path.join(repo, 'dist/widget')))
    symlinkSync(path.join(repo, 'dist/widget'), path.join(root, 'dist/widget'));
  return root;
}

export interface Harness {
  server: RunningServer;
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** Stops the API (the browser stays): the extension is offline from then on. */
  stopServer(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /**
   * Whether the profile lets third-party frames keep data (the extension's support frame is one, over a
   * homepage). Debian's Chromium blocks it by default, as incognito windows and privacy-minded customers
   * do; then the extension opens the widget in a window of its own. Default: allowed (the frame).
   */
  thirdPartyData?: 'allowed' | 'blocked';
  /**
   * The browser's language (`navigator.language`, `Accept-Language`, `chrome.i18n.getUILanguage()`).
   * Default `en-US`. Debian's Chromium here ships only en-US.pak, so extension messages stay English.
   */
  locale?: string;
}

/** The real server of an e2e suite, on an ephemeral port, with its own data and static folders. */
export interface TestServer {
  server: RunningServer;
  /** The server's private folders, for the suite to remove once the server is closed. */
  dirs: string[];
}

/**
 * The real server on an ephemeral port: a fresh data folder, the test homepages (served by Host), and a
 * clock that starts on Thanksgiving 2026, 10:00 in New York (a support holiday), and runs.
 */
export async function startTestServer(): Promise<TestServer> {
  const staticRoot = makeStaticRoot();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'netscout-e2e-data-'));
  const started = Date.now();
  const now = () => new Date(Date.parse(SERVER_CLOCK_START) + (Date.now() - started));
  const server = await startServer({ port: 0, dataDir, staticRoot, logLevel: 'silent', now });
  return { server, dirs: [staticRoot, dataDir] };
}

/** The real server on an ephemeral port, and Debian's Chromium with the built extension loaded. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  ensureExtensionBuilt();
  const profile = mkdtempSync(path.join(tmpdir(), 'netscout-e2e-profile-'));
  if ((options.thirdPartyData ?? 'allowed') === 'allowed') {
    // Chromium's "Allow third-party cookies" setting, which also governs third-party frames' site data.
    mkdirSync(path.join(profile, 'Default'));
    writeFileSync(path.join(profile, 'Default/Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0 } }));
  }
  // A private copy of the build: another job rebuilding dist/ meanwhile cannot change the extension under test.
  const extensionDir = mkdtempSync(path.join(tmpdir(), 'netscout-e2e-extension-'));
  cpSync(EXTENSION_DIR, extensionDir, { recursive: true });
  const { server, dirs } = await startTestServer();
  const hostRules = ['onetouchat.com', 'linksprinter.com']
    .flatMap((host) => [`MAP *.${host} 127.0.0.1:${server.port}`, `MAP ${host} 127.0.0.1:${server.port}`])
    .join(', ');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    locale: options.locale ?? 'en-US',
    // On Linux, Chromium takes its UI language (chrome.i18n, the extension's _locales) from LANGUAGE, not --lang.
    env: { ...process.env, LANGUAGE: (options.locale ?? 'en-US').replace('-', '_') },
    args: [
      `--lang=${options.locale ?? 'en-US'}`,
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      `--host-resolver-rules=${hostRules}`,
      // The real homepages are served over https (secure contexts, where the widget's crypto.randomUUID
      // exists); the local server speaks http, so the mapped hosts are declared secure as https would be.
      '--unsafely-treat-insecure-origin-as-secure=http://onetouchat.com,http://linksprinter.com',
      ...CHROMIUM_FLAGS,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  let serverClosed: Promise<void> | undefined;
  return {
    server,
    context,
    worker,
    extensionId,
    stopServer() {
      serverClosed ??= server.close();
      return serverClosed;
    },
    async close() {
      await context.close();
      serverClosed ??= server.close();
      await serverClosed;
      for (const dir of [...dirs, profile, extensionDir]) rmSync(dir, { recursive: true, force: true });
    },
  };
}
