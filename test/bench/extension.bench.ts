// Budgets of the browser extension: what a homepage loads before the customer clicks, and the popup's first
// render from cache with 500 cases. `node scripts/bench.mjs extension` (or `npx tsx test/bench/extension.bench.ts`)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import type { CaseStatus, SlaState } from '../../core/api/schemas.js';
import {
  type AccountCache,
  type CachedCase,
  type CaseCache,
  caseCacheHead,
} from '../../extension/lib/storage-schema.js';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../_lib/chromium.mjs';
import { writeBenchmarkSection } from './_lib/report.js';

const CONTENT_BUDGET_BYTES = 5 * 1024;
const POPUP_BUDGET_MS = 100;
const CASES = 500;
const RUNS = 20;
const dir = path.resolve('dist/chrome-mv3');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const build = spawnSync('npx wxt build -b chrome', { shell: true, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

// 1. Before the click: the content script is all a homepage gets. The widget runs in the support frame, an
// extension page loaded on the click: its script and every chunk and stylesheet the page names.
const gz = (file: string) => gzipSync(readFileSync(path.join(dir, file)), { level: 9 }).length;
const contentBytes = gz('content-scripts/netscout.js');
const framePage = readFileSync(path.join(dir, 'support-frame.html'), 'utf8');
const widgetBytes = [...framePage.matchAll(/(?:src|href)="\/([^"]+\.(?:js|css))"/g)]
  .map((match) => gz(match[1]!))
  .reduce((a, b) => a + b, gz('support-frame.html'));

// 2. The popup's first render from the cache, 500 cases, headless Chromium with the built extension.
const statuses: CaseStatus[] = ['new', 'in-progress', 'waiting-on-customer', 'resolved', 'closed'];
const slaStates: SlaState[] = ['on-track', 'at-risk', 'paused', 'met', 'breached'];
const now = Date.now();
const cases: CachedCase[] = Array.from({ length: CASES }, (_, i) => {
  const hours = i % 3 === 0 ? 2 : 24;
  const receivedAt = new Date(now - (i + 1) * 3_600_000).toISOString();
  const answered = i % 4 === 0;
  return {
    id: `case_${i}`,
    number: `NS-${String(100000 + i)}`,
    serviceId: i % 2 ? 'linksprinter' : 'onetouchat',
    serviceType: i % 2 ? 3 : 2,
    subject: `Link drops on port ${i % 8} after firmware update (${i})`,
    status: statuses[i % statuses.length]!,
    receivedAt,
    updatedAt: receivedAt,
    firstResponseAt: answered ? new Date(now - i * 3_600_000).toISOString() : null,
    dueAt: new Date(now + hours * 3_600_000).toISOString(),
    firstResponseHours: hours,
    sla: {
      state: answered ? 'met' : slaStates[i % 3]!,
      remainingMs: (i % 24) * 3_600_000,
      resumesAt: i % 3 === 2 ? new Date(now + 86_400_000).toISOString() : null,
    },
    myAccountUrl: null,
  };
});
const caseCache: CaseCache = {
  syncedAt: new Date(now).toISOString(),
  cursor: new Date(now).toISOString(),
  userId: 'bench-user',
  cases,
  news: Object.fromEntries(cases.slice(0, 12).map((c) => [c.id, 'first-response'])),
};
const accountCache: AccountCache = {
  syncedAt: new Date(now).toISOString(),
  userName: 'Bench',
  services: [
    { serviceId: 'onetouchat', serviceName: 'OneTouchAT.com', serviceType: 2, canSubmitIncidents: true },
    { serviceId: 'linksprinter', serviceName: 'LinkSprinter.com', serviceType: 3, canSubmitIncidents: true },
  ],
  calendar: null,
};

const profile = mkdtempSync(path.join(tmpdir(), 'netscout-bench-ext-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`, ...CHROMIUM_FLAGS],
});
const renders: number[] = [];
/** From the popup script's first line to the list on screen: storage read and DOM building. */
const ownCode: number[] = [];
/** Navigation start → all 500 rows in the list (read and rendered right after the first screen). */
const complete: number[] = [];
try {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const id = new URL(worker.url()).host;
  // Signed in against an API that is not there: the popup renders from cache, its refresh fails fast.
  await worker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
    // Let the background finish its sign-in round (which resets the caches) before the cache is seeded:
    // the round ends by storing its failure to reach the API.
    const signedIn = new Promise<void>((resolve, reject) => {
      setTimeout(() => reject(new Error('the sign-in round stored no poll error within 30 s')), 30_000);
      // Anonymous and left in place: tsx wraps a named function in a helper the worker lacks (see the widget
      // bench), and after the round this listener only sees the cache being seeded.
      api.storage.onChanged.addListener((changes) => {
        if ((changes.pollState?.newValue as { lastError?: unknown } | undefined)?.lastError) resolve();
      });
    });
    await api.storage.local.set({
      settings: { apiBase: 'http://127.0.0.1:9', pollMinutes: 5, partnerHosts: [], assistanceSelectors: [] },
    });
    await api.storage.local.set({ token: 'bench-token' });
    await signedIn;
  });
  await worker.evaluate(
    async ([c, a, head]) => {
      const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
      await api.storage.local.set({ caseCache: c, caseCacheHead: head, accountCache: a });
    },
    [caseCache, accountCache, caseCacheHead(caseCache)] as const,
  );
  const page = await context.newPage();
  await page.setViewportSize({ width: 380, height: 600 });
  for (let run = 0; run < RUNS + 2; run++) {
    await page.goto(`chrome-extension://${id}/popup.html`);
    await page.waitForFunction(() => performance.getEntriesByName('netscout-popup-complete').length > 0);
    const rows = await page.locator('li.case').count();
    if (rows !== CASES) throw new Error(`the popup rendered ${rows} cases, expected ${CASES}`);
    const [start, at, done] = await page.evaluate(() =>
      ['netscout-popup-start', 'netscout-popup-rendered', 'netscout-popup-complete'].map(
        (name) => performance.getEntriesByName(name)[0]!.startTime,
      ),
    );
    if (run >= 2) {
      // two warm-up runs
      renders.push(at!);
      ownCode.push(at! - start!);
      complete.push(done!);
    }
  }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

const popupMs = median(renders);
const ok = (pass: boolean) => (pass ? 'within budget' : '**over budget**');
const body = [
  '| measure | value | budget | |',
  '|---|---|---|---|',
  `| content script before the click (gzip -9) | ${(contentBytes / 1024).toFixed(2)} KB | ≤ 5 KB | ${ok(contentBytes <= CONTENT_BUDGET_BYTES)} |`,
  `| support frame (page, widget and the chunks it names), loaded on the first click only (gzip -9) | ${(widgetBytes / 1024).toFixed(1)} KB | — | |`,
  `| popup first render from cache, ${CASES} cases cached (median of ${RUNS}, navigation start → first screen of the list rendered) | ${popupMs.toFixed(1)} ms | < ${POPUP_BUDGET_MS} ms | ${ok(popupMs < POPUP_BUDGET_MS)} |`,
  `| of which the popup's own code (script start → first screen: one storage read of the list's head, its 30 rows) | ${median(ownCode).toFixed(1)} ms | | |`,
  `| popup with all ${CASES} rows in the list (navigation start → whole list read and rendered) | ${median(complete).toFixed(1)} ms | | |`,
  '',
  `Load average when measured: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(
      ', ',
    )} (2-core machine shared with other jobs: the browser's own page start-up dominates and varies with load).`,
  `Popup runs (ms): min ${Math.min(...renders).toFixed(1)}, max ${Math.max(...renders).toFixed(1)}; headless Debian Chromium, built \`dist/chrome-mv3/\`.`,
].join('\n');
console.log(body);
writeBenchmarkSection(
  'extension',
  'Browser extension: pre-click weight and popup first render',
  'node scripts/bench.mjs extension',
  body,
);
if (contentBytes > CONTENT_BUDGET_BYTES || popupMs >= POPUP_BUDGET_MS) process.exitCode = 1;
