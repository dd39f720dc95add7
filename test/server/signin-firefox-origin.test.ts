import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../server/index.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'netscout-firefox-origin-'));
let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0, dataDir, logLevel: 'silent' });
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A Firefox add-on page's origin: the UUID is random per installation. */
const addonOrigin = 'moz-extension://0f2c3a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b';

/** A refresh-token request from `origin` for `clientId`: the server's answer's error code. */
async function refreshError(origin: string, clientId: string): Promise<{ error: string; description: string }> {
  const response = await fetch(`${server.url}/oauth/token`, {
    method: 'POST',
    headers: { origin },
    body: new URLSearchParams({ grant_type: 'refresh_token', client_id: clientId, refresh_token: 'not-a-token' }),
  });
  const body = (await response.json()) as { error: string; error_description: string };
  return { error: body.error, description: body.error_description };
}

describe('the authorization server and the Firefox add-on’s pages', () => {
  it('hears the extension client from any installation of the Firefox add-on (its UUID is random)', async () => {
    // The request is heard: the made-up refresh token is what is refused, not the add-on's origin.
    expect(await refreshError(addonOrigin, 'netscout-extension')).toMatchObject({ error: 'invalid_grant' });
  });

  it('still refuses that origin for the widget’s client, and a web page for the extension’s', async () => {
    for (const [origin, client] of [
      [addonOrigin, 'netscout-widget'],
      ['https://evil.example', 'netscout-extension'],
      ['moz-extension://not-a-uuid', 'netscout-extension'],
    ]) {
      const refused = await refreshError(origin!, client!);
      expect(refused.error, `${origin} for ${client}`).toBe('invalid_request');
      expect(refused.description).toContain('not allowed');
    }
  });
});
