import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, SupportApiClient } from '../../client/api.js';
import { type RunningServer, startServer } from '../../server/index.js';

/** The one client of the widget and the extension, against the real reference server. */

let server: RunningServer;
let limited: RunningServer;
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'netscout-client-'));
  dirs.push(dir);
  return dir;
};

beforeAll(async () => {
  server = await startServer({ port: 0, dataDir: tempDir(), logLevel: 'silent' });
  limited = await startServer({
    port: 0,
    dataDir: tempDir(),
    logLevel: 'silent',
    rateLimit: { burst: 1, perSecond: 0.01 },
  });
});
afterAll(async () => {
  await Promise.all([server?.close(), limited?.close()]);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const client = (base: string, token: string | undefined, options = {}) =>
  new SupportApiClient(base, async () => token, options);

async function failure(call: Promise<unknown>): Promise<ApiError> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('SupportApiClient', () => {
  it('reads the account through the fetch it was given', async () => {
    const seen: string[] = [];
    const counting: typeof fetch = (input, init) => {
      seen.push(String(input));
      return fetch(input, init);
    };
    const me = await client(server.url, server.demo.gold.token, { fetch: counting }).me();
    expect(me.user.id).toBeTruthy();
    expect(seen).toEqual([`${server.url}/v1/me`]);
  });

  it('names a refused token unauthorized, and a customer call with an engineer token forbidden', async () => {
    expect((await failure(client(server.url, 'wrong-token').me())).code).toBe('unauthorized');
    const forbidden = await failure(client(server.url, server.demo.agent.token).cases());
    expect(forbidden).toMatchObject({ code: 'forbidden', status: 403 });
    expect(forbidden.problem?.title).toBe('Customers only');
  });

  it('says rate-limited with the seconds the server asked to wait', async () => {
    const api = client(limited.url, limited.demo.gold.token);
    await api.me();
    const error = await failure(api.me());
    expect(error).toMatchObject({ code: 'rate-limited', status: 429, transient: true });
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('gives up on an aborted call with the abort, not as a network failure', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await client(server.url, server.demo.gold.token)
      .me(controller.signal)
      .catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(ApiError);
    expect((error as Error).name).toBe('AbortError');
  });

  it('is a network error when nothing answers', async () => {
    expect((await failure(client('http://127.0.0.1:9', 'x').me())).code).toBe('network');
  });
});
