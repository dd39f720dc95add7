import { browser } from 'wxt/browser';
import {
  type AccountCache,
  type AuthState,
  type CaseCache,
  type CaseCacheHead,
  DEFAULT_SETTINGS,
  EMPTY_ACCOUNT_CACHE,
  EMPTY_CASE_CACHE,
  INITIAL_POLL_STATE,
  migrateSettingsV1toV2,
  type PollState,
  type Settings,
  type SettingsV1,
  usableSettings,
} from './storage-schema.js';

/**
 * Reads the settings and the token straight from `storage.local`, for the content script: the storage
 * library (with its migration machinery) would double the script a homepage loads before any click. The
 * background migrates the stored item; a version-1 value still read here is migrated in memory. A refused
 * API address is ignored (see `usableSettings`).
 */
export async function readSettings(): Promise<Settings> {
  const { settings } = await browser.storage.local.get('settings');
  if (!settings || typeof settings !== 'object') return DEFAULT_SETTINGS;
  if ('apiUrl' in settings) return migrateSettingsV1toV2(settings as SettingsV1);
  return usableSettings({ ...DEFAULT_SETTINGS, ...(settings as Partial<Settings>) });
}

/**
 * The token to call the API with ('' when signed out): while signed in, the background's access token (it
 * renews it first when it is about to expire, one renewal at a time); otherwise the pasted personal token.
 */
export async function readToken(): Promise<string> {
  const { token, auth } = await browser.storage.local.get(['token', 'auth']);
  if ((auth as AuthState | undefined)?.status === 'signed-in') {
    const answer: unknown = await browser.runtime.sendMessage({ type: 'access-token' });
    if (typeof answer === 'string') return answer;
  }
  return typeof token === 'string' ? token : '';
}

/** How the customer is signed in, as the popup shows it (never the tokens themselves). */
export type Session = 'signed-in' | 'ended' | 'none';

/** What the popup shows, as read from storage. */
export interface PopupData {
  token: string;
  /** The "Sign in" button's sign-in: active, ended by the server (refused renewal), or none. */
  session: Session;
  cases: CaseCache;
  account: AccountCache;
  poll: PollState;
  /** How many cases the whole list has (`cases` may be only its first screen). */
  total: number;
}

/**
 * What the popup shows, in one storage read. With `head`, only the first screen of the case list (the
 * popup paints it, then reads the rest): one round trip, and no storage library to load.
 */
export async function readPopupData(options: { head?: boolean } = {}): Promise<PopupData> {
  const casesKey = options.head ? 'caseCacheHead' : 'caseCache';
  const data = await browser.storage.local.get(['token', 'auth', casesKey, 'accountCache', 'pollState']);
  const auth = data.auth as AuthState | undefined;
  const cases = (data[casesKey] as CaseCache | CaseCacheHead | undefined) ?? null;
  if (options.head && !cases) return readPopupData(); // Written by an older version: no head yet.
  return {
    token: typeof data.token === 'string' ? data.token : '',
    session:
      auth?.status === 'signed-in'
        ? 'signed-in'
        : auth?.status === 'signed-out' && auth.reason === 'ended'
          ? 'ended'
          : 'none',
    cases: cases ?? EMPTY_CASE_CACHE,
    account: (data.accountCache as AccountCache | undefined) ?? EMPTY_ACCOUNT_CACHE,
    poll: (data.pollState as PollState | undefined) ?? INITIAL_POLL_STATE,
    total: cases && 'total' in cases ? (cases as CaseCacheHead).total : (cases?.cases.length ?? 0),
  };
}
