import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { type RunningServer, type StartOptions, startServer } from '../../../server/index.js';
import { createDatabase } from '../../_lib/postgres.js';

/** A clock the test moves by hand. Starts Wednesday 2026-11-25 10:00 New York (the spec's example). */
export class TestClock {
  constructor(public current = new Date('2026-11-25T15:00:00Z')) {}
  now = () => new Date(this.current);
  set(iso: string) {
    this.current = new Date(iso);
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface Harness {
  server: RunningServer;
  clock: TestClock;
  dataDir: string;
  /** The server's PostgreSQL database (`NETSCOUT_TEST_STORE=postgres`); its SQLite file is in `dataDir` otherwise. */
  databaseUrl?: string;
  /** fetch against the server, with the given demo account's token when `as` is set. */
  api(pathname: string, init?: RequestInit & { as?: keyof RunningServer['demo'] | string }): Promise<Response>;
  stop(): Promise<void>;
}

const databases = new Map<string, string>();

/** Which store the suite runs on (`NETSCOUT_TEST_STORE`, default SQLite). */
export const testStore: 'sqlite' | 'postgres' = inject('pgAdminUrl') ? 'postgres' : 'sqlite';

/**
 * Starts the real server on an ephemeral port with a fresh store: a SQLite file in a temporary directory,
 * or (`NETSCOUT_TEST_STORE=postgres`) a new database on the suite's PostgreSQL cluster.
 */
export async function startHarness(options: StartOptions = {}): Promise<Harness> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'netscout-server-test-'));
  const clock = new TestClock();
  const admin = inject('pgAdminUrl');
  // A harness started on the data directory of an earlier one (a restart) finds that one's database.
  const dir = options.dataDir ?? dataDir;
  const databaseUrl = admin ? (databases.get(dir) ?? (await createDatabase(admin))) : undefined;
  if (databaseUrl) databases.set(dir, databaseUrl);
  const server = await startServer({
    port: 0,
    dataDir,
    now: clock.now,
    logLevel: 'silent',
    databaseUrl,
    ...options,
  });
  return {
    server,
    clock,
    dataDir,
    databaseUrl,
    api(pathname, init = {}) {
      const { as, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (as) {
        const token = as in server.demo ? server.demo[as as keyof RunningServer['demo']].token : as;
        headers.set('authorization', `Bearer ${token}`);
      }
      return fetch(server.url + pathname, { ...rest, headers });
    },
    async stop() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let keys = 0;
/**
 * Files one case each for a Gold OneTouchAT customer and a LinkSprinter Pro customer, received in November 2026:
 * two accounts and two services, for the lists a test reads to hold something. Throws unless both get 201.
 */
export async function fileNovemberCases(h: Harness): Promise<void> {
  h.clock.set('2026-11-24T15:00:00Z');
  for (const [as, draft] of [
    ['gold', drafts.gold],
    ['linksprinterPaid', drafts.linksprinter],
  ] as const) {
    const response = await postIncident(h, as, draft);
    if (response.status !== 201) throw new Error(`filing a case as ${as} answered ${response.status}`);
  }
}

/** A fresh idempotency key. */
export const newKey = () => `test-${process.pid}-${Date.now()}-${++keys}`;

export const drafts = {
  gold: {
    serviceId: 'onetouchat',
    subject: 'Cable test stops at 40 percent',
    description: 'Every cable test on the main switch port stops at 40 percent and reports a timeout.',
    deviceSerial: 'OTAT-12345',
    firmwareVersion: '6.5.1',
    contactEmail: 'alice@acme.example',
  },
  linksprinter: {
    serviceId: 'linksprinter',
    subject: 'LinkSprinter does not upload results',
    description: 'Results stay on the device; the cloud dashboard shows nothing since Monday.',
    deviceSerial: 'LS-998877',
    firmwareVersion: '2.1.0',
    contactEmail: 'chloe@cobalt.example',
  },
  insights: {
    serviceId: 'netscout-insights',
    subject: 'Dashboard shows no data',
    description: 'The latency dashboard has been empty for every site since the last update.',
    contactEmail: 'david@delta.example',
  },
};

export function postIncident(h: Harness, as: string, body: unknown, key = newKey()): Promise<Response> {
  return h.api('/v1/incidents', {
    as,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
  });
}

export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}
