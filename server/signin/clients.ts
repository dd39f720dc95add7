import { createHash } from 'node:crypto';
import type { ClientMetadata } from 'oidc-provider';

/** The embeddable widget on service homepages and the demo pages: a public client (PKCE, no secret). */
export const WIDGET_CLIENT_ID = 'netscout-widget';
/** The browser extension (popup and options page, `identity.launchWebAuthFlow`): a public client. */
export const EXTENSION_CLIENT_ID = 'netscout-extension';

/** The extension's Chrome id (fixed by the public key in `wxt.config.ts`) and its Firefox (gecko) id. */
export const CHROME_EXTENSION_ID = 'odkjjkhldblfpjljodhenbaghdngooal';
export const GECKO_EXTENSION_ID = 'support@netscout.example';

/**
 * What `identity.getRedirectURL()` answers in each browser: Chrome `https://<id>.chromiumapp.org/`; Firefox
 * `https://<SHA-1 of the add-on id, hex>.extensions.allizom.org/` (Firefox's ext-identity.js).
 */
export function extensionRedirectUris(chromeId = CHROME_EXTENSION_ID, geckoId = GECKO_EXTENSION_ID): string[] {
  const firefox = createHash('sha1').update(geckoId).digest('hex');
  return [`https://${chromeId}.chromiumapp.org/`, `https://${firefox}.extensions.allizom.org/`];
}

/** The demo pages the widget signs in from, on the server's own origin. */
export function demoRedirectUris(origin: string): string[] {
  return ['onetouchat', 'linksprinter', 'portal'].map((page) => `${origin}/demo/${page}/`);
}

export interface ClientSettings {
  /** Extra exact redirect URIs for the widget (service homepages): `NETSCOUT_OIDC_WIDGET_REDIRECT_URIS`. */
  widgetRedirectUris: string[];
  /** The extension's redirect URIs: `NETSCOUT_OIDC_EXTENSION_REDIRECT_URIS`, else {@link extensionRedirectUris}. */
  extensionRedirectUris: string[];
}

/** The first-party public clients: authorization code with PKCE (S256), refresh tokens that rotate. */
export function firstPartyClients(origins: readonly string[], settings: ClientSettings): ClientMetadata[] {
  const common: Omit<ClientMetadata, 'client_id'> = {
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    id_token_signed_response_alg: 'ES256',
  };
  return [
    {
      ...common,
      client_id: WIDGET_CLIENT_ID,
      client_name: 'NetScout Support widget',
      redirect_uris: [...origins.flatMap(demoRedirectUris), ...settings.widgetRedirectUris],
    },
    {
      ...common,
      client_id: EXTENSION_CLIENT_ID,
      client_name: 'NetScout Support extension',
      redirect_uris: settings.extensionRedirectUris,
    },
  ];
}

/** A comma-separated list of absolute URLs from the environment, or `fallback` when unset. */
export function urlList(value: string | undefined, fallback: string[]): string[] {
  if (value === undefined) return fallback;
  return value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}
