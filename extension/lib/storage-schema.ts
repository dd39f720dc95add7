/**
 * The shapes of what the extension stores, their defaults and migrations: plain data and pure functions,
 * no storage library (the content script and the popup import this; `storage.ts` declares the items).
 */
import type { CaseStatus, SlaState, SupportCalendar } from '../../core/api/schemas.js';

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

/** Hosts the API may be reached at over plain `http:`: this computer only (the `npm start` demo). */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Why an API address is refused: not an http(s) URL, or plain `http:` to another computer. */
export type ApiBaseProblem = 'not-a-url' | 'insecure';

/**
 * Checks an API base URL: its origin (`http://127.0.0.1:8787/v1/` → `http://127.0.0.1:8787`), or why it
 * is refused. Plain `http:` only reaches this computer: anywhere else the token would cross the network
 * in clear text.
 *
 * @example checkApiBase('http://support.example.com') // { problem: 'insecure' }
 */
export function checkApiBase(text: string): { apiBase: string } | { problem: ApiBaseProblem } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { problem: 'not-a-url' };
  }
  if (url.protocol === 'https:') return { apiBase: url.origin };
  if (url.protocol !== 'http:') return { problem: 'not-a-url' };
  return LOOPBACK_HOSTS.has(url.hostname) ? { apiBase: url.origin } : { problem: 'insecure' };
}

/** The origin of an acceptable API base URL (see {@link checkApiBase}), or `null` when it is refused. */
export function normalizeApiBase(text: string): string | null {
  const checked = checkApiBase(text);
  return 'apiBase' in checked ? checked.apiBase : null;
}

/**
 * The host permission an API origin needs, as a match pattern without the port. Match patterns ignore
 * ports, and Firefox answers `permissions.contains` false for a pattern with one even when the manifest
 * grants its host, then asks the customer again for what they already granted.
 *
 * @example apiOriginPattern('http://127.0.0.1:8787') // 'http://127.0.0.1/*'
 */
export function apiOriginPattern(apiBase: string): string {
  const url = new URL(apiBase);
  return `${url.protocol}//${url.hostname}/*`;
}

/**
 * The settings as the extension uses them: a stored API address that is no longer accepted (plain `http:`
 * to another computer, saved by an older version or written by hand) is ignored for the default, so the
 * token is never sent to it. The stored value itself is kept, for the options page to show and explain.
 */
export function usableSettings(settings: Settings): Settings {
  return normalizeApiBase(settings.apiBase) === null ? { ...settings, apiBase: DEFAULT_API_BASE } : settings;
}

/**
 * The customer's sign-in (the "Sign in" button: authorization code with PKCE). `signed-out` says why, for
 * the popup: `ended` when the server refused to renew it (expired or revoked elsewhere).
 */
export type AuthState =
  | { status: 'signed-out'; reason: 'never' | 'signed-out' | 'ended' }
  | {
      status: 'signed-in';
      /** The API origin the tokens are for: never sent anywhere else. */
      apiBase: string;
      accessToken: string;
      /** Rotates on every refresh: the newest is kept. */
      refreshToken: string | null;
      /** When the access token expires (ISO 8601, this computer's clock). */
      expiresAt: string;
    };

export const SIGNED_OUT: AuthState = { status: 'signed-out', reason: 'never' };

/** What the popup needs of a case: small enough that 500 of them render and store quickly. */
export interface CachedCase {
  id: string;
  number: string;
  serviceId: string;
  serviceType: 1 | 2 | 3;
  subject: string;
  status: CaseStatus;
  receivedAt: string;
  updatedAt: string;
  firstResponseAt: string | null;
  dueAt: string;
  firstResponseHours: 2 | 24;
  sla: {
    state: SlaState;
    remainingMs: number;
    resumesAt: string | null;
    /** The holidays pausing the clock at the last poll, by id (named from the client catalog). */
    pausedBy?: { id: string }[];
  };
  myAccountUrl: string | null;
}

/** Why a case shows as "news" (badge, highlight) until the customer opens it. */
export type NewsKind = 'first-response' | 'status-changed';

/** The customer's cases as last fetched. */
export interface CaseCache {
  /** When the list was last brought up to date (client clock, for "as of" labels). */
  syncedAt: string | null;
  /** Largest `updatedAt` seen (server time): the next `updatedSince`. `null` while no case has been seen. */
  cursor: string | null;
  /** The account this cache belongs to: a different token starts over. */
  userId: string | null;
  cases: CachedCase[];
  /** Cases with something the customer has not seen yet, by case id. */
  news: Record<string, NewsKind>;
}

export const EMPTY_CASE_CACHE: CaseCache = { syncedAt: null, cursor: null, userId: null, cases: [], news: {} };

/** A service the customer subscribes to, as the popup lists it ("new incident" per service). */
export interface CachedService {
  serviceId: string;
  serviceName: string;
  serviceType: 1 | 2 | 3;
  canSubmitIncidents: boolean;
}

/** Account and support calendar, as last fetched. */
export interface AccountCache {
  syncedAt: string | null;
  userName: string | null;
  services: CachedService[];
  calendar: SupportCalendar | null;
  /**
   * The server's clock minus this computer's, measured at the last poll: the popup counts down on the
   * server's clock, as the widget does (deadlines are the server's).
   */
  clockSkewMs?: number;
}

export const EMPTY_ACCOUNT_CACHE: AccountCache = { syncedAt: null, userName: null, services: [], calendar: null };

/** Why the last poll failed, in the words the popup shows. */
export type PollErrorKind = 'offline' | 'unauthorized' | 'server' | 'rate-limited' | 'invalid-response';

/** The polling loop's own state: what happened last and when to try again. */
export interface PollState {
  consecutiveFailures: number;
  lastError: { kind: PollErrorKind; message: string; at: string } | null;
  lastSuccessAt: string | null;
  nextPollAt: string | null;
}

export const INITIAL_POLL_STATE: PollState = {
  consecutiveFailures: 0,
  lastError: null,
  lastSuccessAt: null,
  nextPollAt: null,
};

/** How many cases the popup's first screen shows (more than a 600-pixel popup fits). */
export const FIRST_SCREEN_CASES = 30;

/**
 * The head of the case cache: the first screen of the list, stored next to the whole cache so the popup
 * paints without first reading hundreds of cases. `total` is the length of the whole list.
 */
export type CaseCacheHead = CaseCache & { total: number };

/** The head of a cache (its first {@link FIRST_SCREEN_CASES} cases and their news). */
export function caseCacheHead(cache: CaseCache): CaseCacheHead {
  const cases = cache.cases.slice(0, FIRST_SCREEN_CASES);
  const news: Record<string, NewsKind> = {};
  for (const item of cases) if (cache.news[item.id]) news[item.id] = cache.news[item.id]!;
  return { ...cache, cases, news, total: cache.cases.length };
}
