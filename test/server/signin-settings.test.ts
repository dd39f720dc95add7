import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingError } from '../../server/http/settings.js';
import { signInSettingsFromEnv } from '../../server/signin/service.js';

describe('sign-in settings', () => {
  it("register the extension's redirect URLs of Chrome and Firefox by default", () => {
    expect(signInSettingsFromEnv({}).extensionRedirectUris).toEqual([
      'https://odkjjkhldblfpjljodhenbaghdngooal.chromiumapp.org/',
      // SHA-1 of the gecko id support@netscout.example, as Firefox's identity.getRedirectURL() computes it.
      'https://d4a7401bc4559bd91eadce93349f934165dfc4e8.extensions.allizom.org/',
    ]);
  });

  it.each([
    [{ NETSCOUT_PUBLIC_URL: 'https://support.example.com/api' }, /must be an origin/],
    [{ NETSCOUT_OIDC_WIDGET_REDIRECT_URIS: 'https://ok.example/,javascript:alert(1)' }, /absolute http\(s\) URL/],
    [
      {
        NETSCOUT_OIDC_ISSUER: 'https://id.example.com',
        NETSCOUT_OIDC_AUDIENCE: 'api',
        NETSCOUT_OIDC_USER_CLAIM: 'a b',
      },
      /claim name/,
    ],
  ])('refuse %j', (env, message) => {
    expect(() => signInSettingsFromEnv(env)).toThrow(SettingError);
    expect(() => signInSettingsFromEnv(env)).toThrow(message);
  });

  it('refuse a partner site whose key is private or not P-256', () => {
    const file = path.join(os.tmpdir(), `partners-bad-${process.pid}.json`);
    writeFileSync(
      file,
      JSON.stringify([
        { clientId: 'acme', name: 'Acme', publicJwk: { kty: 'EC', crv: 'P-256', x: 'a', y: 'b', d: 'c' } },
      ]),
    );
    expect(() => signInSettingsFromEnv({ NETSCOUT_PARTNER_SITES: file })).toThrow(/P-256 public key/);
  });
});
