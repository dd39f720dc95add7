// Browser tests of <netscout-support> in Debian's Chromium, against the REAL reference server: the
// config starts two (one whose clock is on Thanksgiving 2026, one on an ordinary day), each on an
// ephemeral port with a temporary SQLite store, plus a TCP proxy in front of the first that tests can
// take down and bring back (an API outage, for the outbox).
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../_lib/chromium.mjs';

const SCREENSHOTS = 'test/output/screenshots';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const children = [];

/** Starts test/widget/start-server.ts under tsx with the given clock; resolves with its URL and tokens. */
function startApi(now, origins) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/widget/start-server.ts'], {
      env: { ...process.env, NETSCOUT_TEST_NOW: now, NETSCOUT_CORS_ORIGINS: origins.join(',') },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    children.push(child);
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n')[0];
      if (out.includes('\n')) {
        try {
          resolve({ ...JSON.parse(line), child });
        } catch (error) {
          reject(new Error(`the test server printed ${line}: ${error}`));
        }
      }
    });
    child.once('exit', (code) => reject(new Error(`the test server exited with ${code}: ${out}`)));
  });
}

/** A TCP proxy to `targetPort` that can be taken down (connections refused) and brought back. */
function outageProxy(port, targetPort) {
  let server;
  const sockets = new Set();
  return {
    up: () =>
      new Promise((resolve, reject) => {
        if (server) return resolve();
        server = net.createServer((client) => {
          const upstream = net.connect(targetPort, '127.0.0.1');
          for (const s of [client, upstream]) {
            sockets.add(s);
            s.on('close', () => sockets.delete(s));
            s.on('error', () => s.destroy());
          }
          client.pipe(upstream).pipe(client);
        });
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => resolve());
      }),
    down: () =>
      new Promise((resolve) => {
        if (!server) return resolve();
        for (const s of sockets) s.destroy();
        sockets.clear();
        server.close(() => resolve());
        server = undefined;
      }),
  };
}

const wtrPort = await freePort();
const origins = [`http://localhost:${wtrPort}`, `http://127.0.0.1:${wtrPort}`];
const [holiday, regular] = await Promise.all([
  startApi('2026-11-26T15:00:00.000Z', origins),
  startApi('2026-12-02T15:00:00.000Z', origins),
]);
const proxyPort = await freePort();
const proxy = outageProxy(proxyPort, holiday.port);
await proxy.up();

const testEnv = {
  holiday: { url: holiday.url, demo: holiday.demo },
  regular: { url: regular.url, demo: regular.demo },
  flaky: { url: `http://127.0.0.1:${proxyPort}`, demo: holiday.demo },
};

/** Makes the payment gateway of `api` unreachable (`down`) or reachable again, once the server says it did. */
function setGateway(api, state) {
  const child = { holiday, regular }[api].child;
  return new Promise((resolve) => {
    const onData = (chunk) => {
      if (!String(chunk).includes(`"gateway":"${state}"`)) return;
      child.stdout.off('data', onData);
      resolve(true);
    };
    child.stdout.on('data', onData);
    child.stdin.write(`gateway ${state}\n`);
  });
}

/** Server-side commands for the tests: screenshots, the API outage, and the payment gateway's. */
function netscoutCommands() {
  return {
    name: 'netscout-commands',
    async executeCommand({ command, payload, session }) {
      if (command === 'netscout-screenshot') {
        await mkdir(SCREENSHOTS, { recursive: true });
        const page = session.browser.getPage(session.id);
        await page.screenshot({ path: path.join(SCREENSHOTS, `${payload.name}.png`) });
        return true;
      }
      if (command === 'netscout-gateway') return setGateway(payload.api ?? 'regular', payload.state);
      if (command === 'netscout-api') {
        if (payload.state === 'down') await proxy.down();
        else await proxy.up();
        return true;
      }
      return undefined;
    },
    async serverStop() {
      await proxy.down();
      for (const child of children) child.kill('SIGTERM');
    },
  };
}

/**
 * `/test-slow?ms=N`: an image that takes N ms to arrive, so a test page's `load` event waits for it (the loader
 * must not prefetch before that event).
 */
async function slowResource(ctx, next) {
  if (ctx.path !== '/test-slow') return next();
  await new Promise((resolve) => setTimeout(resolve, Math.min(5000, Number(ctx.query.ms) || 0)));
  ctx.type = 'image/svg+xml';
  ctx.body = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>';
}

export default {
  rootDir: '.',
  middleware: [slowResource],
  files: ['test/widget/**/*.test.ts'],
  port: wtrPort,
  nodeResolve: true,
  concurrency: 1,
  browserStartTimeout: 60_000,
  testsFinishTimeout: 120_000,
  testFramework: { config: { timeout: 15_000 } },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: [...CHROMIUM_FLAGS, '--lang=en-US'],
      },
    }),
  ],
  // esbuild reads this file as is (no `extends`): the widget config states Lit's decorator settings itself.
  plugins: [
    esbuildPlugin({ ts: true, json: true, tsconfig: './tsconfig.web.json', target: 'es2022' }),
    netscoutCommands(),
  ],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>netscout-support tests</title>
    <script>window.__NETSCOUT_TEST__ = ${JSON.stringify(testEnv)};</script>
    <script src="/node_modules/axe-core/axe.min.js"></script>
  </head>
  <body>
    <main><h1>Widget test page</h1></main>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
};
