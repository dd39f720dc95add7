import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';

/** Where the content script runs: the two service homepages (real hosts, any subdomain). */
export const SERVICE_HOST_MATCHES = [
  '*://onetouchat.com/*',
  '*://*.onetouchat.com/*',
  '*://linksprinter.com/*',
  '*://*.linksprinter.com/*',
];

/** The default API origin (`npm start`): the background polls it without asking. Ports are not part of a match. */
const DEFAULT_API_MATCHES = ['http://127.0.0.1/*', 'http://localhost/*'];

/**
 * The public half of the extension's signing key. It fixes the Chrome extension id
 * (`odkjjkhldblfpjljodhenbaghdngooal`) for unpacked builds too, so the API can allow exactly our origin
 * in CORS instead of every `chrome-extension://` origin.
 */
export const EXTENSION_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAuFNWcUl0+z3L76Ac7WSqtATJ9KLZf3gcE1txXN/VDx1ImKpwZqGaD94pre88Pw+Yv+w+ZbFDuOiEYOWXyXKqbH9ZbO4ZWpWpoS2GDpscTLPdTr59bwV8fMudUDKK9TQE3PWCKMKUsNbGdxFacilb3ef9dOausb45JKQTbohbwLND7+p5YdPmT4Yh+25A/dk+i2s6cYbD/3dgLskdBNz9g3UW9yKzi1KIkQZpKaHhY9pJs4TXnIrzd1QyvuUskIDFDfMiJ6c/YJTCnctwjkfpwherqfhWazUXadIhS4t7NV5wO5gy+9WaeUMAwXdUQBU7v5wxbMIrNZhlrsxRJu8j0wIDAQAB';

/**
 * Firefox's data-collection declaration (addons.mozilla.org requires it of new add-ons): what the add-on
 * sends to the support API. Credentials (`authenticationInfo`), the case contact's e-mail address
 * (`personallyIdentifyingInfo`) and the case's description and replies to the engineers
 * (`personalCommunications`).
 */
export const FIREFOX_DATA_COLLECTION = ['authenticationInfo', 'personallyIdentifyingInfo', 'personalCommunications'];

/** Origins the options page may ask for, one at a time: another API origin, partner hosts. */
const OPTIONAL_ORIGINS = ['https://*/*', 'http://*/*'];

// The extension sources live in extension/; builds go to dist/<browser>-mv<version>/.
export default defineConfig({
  srcDir: 'extension',
  publicDir: 'extension/public',
  outDir: 'dist',
  // Firefox's review asks for the sources: the extension, the widget and the core it bundles, not test output.
  zip: {
    excludeSources: ['server/**', 'test/**', 'BENCHMARKS.md', 'custom-elements.json', '.data/**'],
  },
  vite: () => ({
    // No remote code in an extension: the widget's payment step gets a stand-in for Braintree's Drop-in.
    resolve: {
      alias: { 'braintree-web-drop-in': fileURLToPath(new URL('./extension/lib/no-dropin.ts', import.meta.url)) },
    },
  }),
  manifest: ({ browser, manifestVersion }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    action: { default_title: '__MSG_extName__', default_icon: { 16: 'icon/16.png', 32: 'icon/32.png' } },
    ...(browser === 'firefox' ? {} : { key: EXTENSION_PUBLIC_KEY }),
    // `identity`: the "Sign in" button's web-auth window (identity.launchWebAuthFlow).
    permissions: ['storage', 'alarms', 'notifications', 'identity'],
    host_permissions: [...SERVICE_HOST_MATCHES, ...DEFAULT_API_MATCHES],
    // Asked for at run time, one origin at a time: another API origin, partner hosts (and `scripting`, to
    // run the content script on those partner hosts).
    ...(manifestVersion === 3
      ? { optional_host_permissions: OPTIONAL_ORIGINS, optional_permissions: ['scripting'] }
      : // Manifest V2 (Firefox) lists optional hosts with the optional permissions.
        { optional_permissions: ['scripting', ...OPTIONAL_ORIGINS] }),
    // The support frame (the widget in an extension page), framed by the content script on the customer's
    // click. Only the service hosts may frame it; the page framing it itself gets an empty page (no ticket).
    web_accessible_resources: [{ resources: ['support-frame.html'], matches: SERVICE_HOST_MATCHES }],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'support@netscout.example',
              // 140: the oldest supported ESR, and the first Firefox that shows the data-collection declaration.
              strict_min_version: '140.0',
              data_collection_permissions: { required: FIREFOX_DATA_COLLECTION },
            },
            // Firefox for Android shows the declaration from 142 on.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
