import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** A throwaway PostgreSQL cluster in a temporary directory, for tests. */
export interface PgCluster {
  /** Connection URL of a database of this cluster (`postgres` when omitted). */
  url(database?: string): string;
  /** Creates a new, empty database and returns its URL. */
  createDatabase(): Promise<string>;
  /** Stops the server and deletes its directory (once; later calls do nothing). */
  stop(): Promise<void>;
  /** The postmaster's process id (its children are the cluster's other processes). */
  pid(): number;
}

/** The newest installed `/usr/lib/postgresql/<version>/bin`, or `PG_BIN`. */
function binDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      "PostgreSQL's server binaries were not found (no /usr/lib/postgresql/*/bin/initdb): install Debian's " +
        '`postgresql` package (.ci/run does) or set PG_BIN to the directory holding initdb and pg_ctl.',
    );
  }
  return path.join(root, versions[0], 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

let databases = 0;

/**
 * Starts a cluster: `initdb` in a temporary directory (as the `postgres` user when running as root, since
 * initdb refuses root), on a free port, its unix socket in that directory. Durability settings are off
 * (`fsync`) unless `durable`: these tests kill server processes, never the machine, and the suite runs many
 * times faster. The benchmark asks for a durable cluster, to compare it with SQLite's durable commits.
 */
export async function startCluster(options: { durable?: boolean } = {}): Promise<PgCluster> {
  const bin = binDir();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netscout-pg-'));
  const asRoot = process.getuid?.() === 0;
  const run = (tool: string, args: string[]) => {
    const command = path.join(bin, tool);
    if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'pipe' });
    else execFileSync(command, args, { stdio: 'pipe' });
  };
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, 'data');
  const port = await freePort();
  try {
    // C collation: text sorts byte by byte, as in SQLite, whatever the machine's locale.
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale']);
    const fast = options.durable ? '' : ' -c fsync=off -c full_page_writes=off';
    const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=300${fast}`;
    run('pg_ctl', ['-D', data, '-o', settings, '-l', path.join(dir, 'log'), '-w', 'start']);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`could not start a PostgreSQL cluster in ${dir}: ${String(error)}\n${stderr}`);
  }
  let stopped = false;
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    url,
    createDatabase: () => createDatabase(url()),
    pid: () => Number(readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]),
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Creates a new, empty database on the cluster whose `postgres` database is at `adminUrl`. */
export async function createDatabase(adminUrl: string): Promise<string> {
  const name = `test_${process.pid}_${++databases}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
