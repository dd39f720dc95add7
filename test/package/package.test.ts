// The npm package @netscout/support-widget as a partner gets it: `npm pack` of widget/ (built by
// `node scripts/build.mjs`), checked by publint and @arethetypeswrong/cli, installed into a plain HTML page
// and a Vite + React app in TypeScript, both built and rendered in Debian's Chromium against the real API.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../server/index.js';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../_lib/chromium.mjs';
import { installTarball, plainPage, reactApp } from './_apps.js';

const repo = path.resolve(import.meta.dirname, '../..');
// Inside the repository (ignored by git), so the React app finds React and Vite in the repository's node_modules
// as an app finds its own; the package itself comes only from the tarball.
const work = path.join(repo, 'test/output', `package-${process.pid}`);
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json' };

let tarball: string;
let files: Server;
let origin: string;
let api: RunningServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(path.join(repo, 'widget/dist/netscout-support.js'))) {
    throw new Error('widget/dist is missing: run `node scripts/build.mjs` first (npm test does)');
  }
  mkdirSync(work, { recursive: true });
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: path.join(repo, 'widget') }).toString(),
  ) as { filename: string }[];
  tarball = path.join(work, packed[0].filename);

  files = createServer((request, response) => {
    const file = path.join(work, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    if (!file.startsWith(work) || !existsSync(file)) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  api = await startServer({
    port: 0,
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'netscout-package-')),
    logLevel: 'silent',
    corsOrigins: [origin],
  });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
  files?.close();
  rmSync(work, { recursive: true, force: true });
});

const run = (command: string, args: string[]) => execFileSync(command, args, { cwd: repo, encoding: 'utf8' });

describe('the package @netscout/support-widget', () => {
  it('passes publint and @arethetypeswrong/cli (ESM only) on the packed tarball', () => {
    expect(run('npx', ['publint', 'run', tarball, '--strict'])).toContain('All good');
    // ESM only, as the element is: `require()` and node10 resolution are out of scope, not broken entries.
    expect(() => run('npx', ['attw', tarball, '--profile', 'esm-only'])).not.toThrow();
    const listed = run('tar', ['-tzf', tarball]).split('\n');
    expect(listed).toContain('package/dist/custom-elements.json');
    expect(listed.filter((f) => f.startsWith('package/src/'))).toEqual([]);
  });

  it('installs into a plain HTML page, where the Assistance link opens the widget with the customer’s plan', async () => {
    const dir = path.join(work, 'plain');
    installTarball(dir, tarball);
    plainPage(dir, api.url, api.demo.gold.token);
    const page = await browser.newPage();
    await page.goto(`${origin}/plain/index.html`);
    await page.click('a[data-netscout-support]');
    const plan = page.locator('netscout-support dialog[open] [data-testid="plan"]');
    await plan.waitFor({ timeout: 20_000 });
    // The demo account's plan, as the real API answered it.
    expect(await plan.textContent()).toContain('OneTouchAT.com: Pro plan');
    const requested = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name));
    expect(
      requested.some((url) => url.includes('/node_modules/@netscout/support-widget/dist/chunks/messages.en')),
    ).toBe(true);
    await page.close();
  });

  it('installs into a Vite + React app in TypeScript, whose typed onOpen prop is called when the widget opens', async () => {
    const dir = path.join(work, 'react');
    installTarball(dir, tarball);
    reactApp(dir);
    // The event props are typed: a wrong detail or handler would not compile.
    expect(() => run('npx', ['tsc', '-p', path.join(dir, 'tsconfig.json')])).not.toThrow();
    await build({
      root: dir,
      base: './',
      logLevel: 'silent',
      configFile: false,
      esbuild: { jsx: 'automatic' },
      build: { outDir: path.join(dir, 'dist'), emptyOutDir: true },
    });
    const page = await browser.newPage();
    const query = new URLSearchParams({ api: api.url, token: api.demo.gold.token });
    await page.goto(`${origin}/react/dist/index.html?${query}`);
    await page.locator('netscout-support [part="launcher"]').click();
    await page.locator('netscout-support dialog[open] [data-testid="plan"]').waitFor({ timeout: 20_000 });
    await page.locator('[data-testid="opened"]', { hasText: '1' }).waitFor();
    const chunks = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name));
    expect(chunks.some((url) => /\/assets\/messages\.en/.test(url))).toBe(true);
    await page.close();
  });
});
