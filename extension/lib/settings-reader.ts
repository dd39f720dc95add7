import { browser } from 'wxt/browser';
import {
  type AccountCache,
  type CaseCache,
  DEFAULT_SETTINGS,
  EMPTY_ACCOUNT_CACHE,
  EMPTY_CASE_CACHE,
  INITIAL_POLL_STATE,
  migrateSettingsV1toV2,
  type PollState,
  type Settings,
  type SettingsV1,
} from './storage-schema.js';

/**
 * Reads the settings and the token straight from `storage.local`, for the content script: the storage
 * library (with its migration machinery) would double the script a homepage loads before any click. The
 * background migrates the stored item; a version-1 value still read here is migrated in memory.
 */
export async function readSettings(): Promise<Settings> {
  const { settings } = await browser.storage.local.get('settings');
  if (!settings || typeof settings !== 'object') return DEFAULT_SETTINGS;
  if ('apiUrl' in settings) return migrateSettingsV1toV2(settings as SettingsV1);
  return { ...DEFAULT_SETTINGS, ...(settings as Partial<Settings>) };
}

/** The personal token ('' when signed out). */
export async function readToken(): Promise<string> {
  const { token } = await browser.storage.local.get('token');
  return typeof token === 'string' ? token : '';
}

/**
 * Everything the popup shows, in one storage read (the popup opens on every click: one round trip to the
 * storage backend instead of one per item, and no storage library to load).
 */
export async function readPopupData(): Promise<{
  token: string;
  cases: CaseCache;
  account: AccountCache;
  poll: PollState;
}> {
  const data = await browser.storage.local.get(['token', 'caseCache', 'accountCache', 'pollState']);
  return {
    token: typeof data.token === 'string' ? data.token : '',
    cases: (data.caseCache as CaseCache | undefined) ?? EMPTY_CASE_CACHE,
    account: (data.accountCache as AccountCache | undefined) ?? EMPTY_ACCOUNT_CACHE,
    poll: (data.pollState as PollState | undefined) ?? INITIAL_POLL_STATE,
  };
}
