import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

// `npm start` (scripts/start.mjs) runs the server as its child: `kill -TERM` to it must stop both.
describe('npm start', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('stops the server when it receives SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'netscout-start-'));
    dirs.push(dataDir);
    const start = spawn(process.execPath, ['scripts/start.mjs'], {
      env: { ...process.env, PORT: '0', NETSCOUT_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      start.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const found = /NetScout Support API: (\S+)/.exec(output);
        if (found) resolve(found[1] as string);
      });
      start.on('exit', () => reject(new Error(`npm start exited early:\n${output}`)));
    });
    expect((await fetch(`${url}/v1/calendar`)).ok).toBe(true);
    const exited = new Promise((resolve) => start.on('exit', resolve));
    start.kill('SIGTERM');
    await exited;
    // The server is gone too, not orphaned: its port refuses connections.
    await expect(fetch(`${url}/v1/calendar`)).rejects.toThrow();
  }, 120_000);
});
