/** Settings: their shapes, defaults and migrations (no storage library: the content script imports this). */

/** The API origin `npm start` serves on: the default until the customer changes it. */
export const DEFAULT_API_BASE = 'http://127.0.0.1:8787';
/** How often the background asks the API for changes, when all is well. */
export const DEFAULT_POLL_MINUTES = 5;

/** Selectors tried, in order, to find a homepage's "assistance" option. */
export const DEFAULT_ASSISTANCE_SELECTORS: readonly string[] = [
  '[data-netscout-assistance]',
  '[data-action="assistance"]',
  'a[href$="/assistance"]',
  'a[href*="#assistance"]',
  '#assistance',
];

/** The customer's settings (options page). */
export interface Settings {
  /** Origin of the support API, without a trailing slash. */
  apiBase: string;
  /** Minutes between two polls when nothing goes wrong. */
  pollMinutes: number;
  /** Extra hosts (partners) where the content script may run, once their permission is granted. */
  partnerHosts: string[];
  /** CSS selectors of the homepage's "assistance" option, tried before the text match. */
  assistanceSelectors: string[];
}

/** Settings as version 1 stored them (before partner hosts and selectors were configurable). */
export interface SettingsV1 {
  apiUrl: string;
  pollEveryMinutes?: number;
}

export const DEFAULT_SETTINGS: Settings = {
  apiBase: DEFAULT_API_BASE,
  pollMinutes: DEFAULT_POLL_MINUTES,
  partnerHosts: [],
  assistanceSelectors: [...DEFAULT_ASSISTANCE_SELECTORS],
};

/** Migrates version-1 settings: `apiUrl` becomes a bare origin `apiBase`, new fields get defaults. */
export function migrateSettingsV1toV2(old: SettingsV1 | Settings | null | undefined): Settings {
  // Already in the new shape (written before its version was recorded): keep it.
  if (old && 'apiBase' in old) return { ...DEFAULT_SETTINGS, ...old };
  const apiBase = normalizeApiBase(old?.apiUrl ?? '') ?? DEFAULT_API_BASE;
  const minutes = Number(old?.pollEveryMinutes);
  return {
    ...DEFAULT_SETTINGS,
    apiBase,
    pollMinutes: Number.isFinite(minutes) && minutes >= 1 ? Math.round(minutes) : DEFAULT_POLL_MINUTES,
  };
}

/**
 * The origin of an API base URL (`http://127.0.0.1:8787/v1/` → `http://127.0.0.1:8787`), or `null` when
 * the text is not an http(s) URL.
 */
export function normalizeApiBase(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return url.origin;
}
