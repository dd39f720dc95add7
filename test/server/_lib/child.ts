import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SERVER_NODE_ARGS } from '../../../scripts/server-command.mjs';

export interface ChildServer {
  process: ChildProcess;
  url: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<ChildProcess>();

/** Kills every server this helper started that is still running (a failed test must not leave one). */
export async function killAllServers(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
  running.clear();
}

/**
 * Runs `server/main.ts` as `npm start` runs it (same Node flags), as a separate process on an ephemeral port.
 * `env` adds to or overrides its environment (the benchmarks raise the limits).
 */
export async function spawnServer(dataDir: string, env: Record<string, string> = {}): Promise<ChildServer> {
  const child = spawn(process.execPath, [...SERVER_NODE_ARGS], {
    cwd: path.resolve(import.meta.dirname, '../../..'),
    env: {
      ...process.env,
      PORT: '0',
      NETSCOUT_DATA_DIR: dataDir,
      NETSCOUT_RATE_LIMIT: '100000/100000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /NetScout Support API: (http:\/\/\S+)/.exec(output);
      if (match) {
        child.stdout?.off('data', onData);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    exited.then(({ code }) => reject(new Error(`server exited (${code}) before listening:\n${output}`)));
  });
  // Keep draining the pipes so the child never blocks on a full stdout.
  child.stdout?.resume();
  child.stderr?.resume();
  return { process: child, url, exited };
}

export function demoTokens(dataDir: string): Record<string, string> {
  return JSON.parse(readFileSync(path.join(dataDir, 'demo-tokens.json'), 'utf8'));
}
