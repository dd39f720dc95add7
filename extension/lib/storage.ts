import { storage } from 'wxt/utils/storage';
import {
  type AccountCache,
  type CaseCache,
  type CaseCacheHead,
  caseCacheHead,
  DEFAULT_SETTINGS,
  EMPTY_ACCOUNT_CACHE,
  EMPTY_CASE_CACHE,
  INITIAL_POLL_STATE,
  migrateSettingsV1toV2,
  type PollState,
  type Settings,
} from './storage-schema.js';

export * from './storage-schema.js';

/**
 * Every piece of state the extension keeps, declared once, typed and versioned. All of it lives in
 * `local` storage: nothing is synced (the token must never leave this browser profile).
 */

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 2,
  migrations: { 2: migrateSettingsV1toV2 },
});

/** The personal API token: local only, read by the background and by the content script's widget. */
export const tokenItem = storage.defineItem<string>('local:token', { fallback: '', version: 1 });

export const caseCacheItem = storage.defineItem<CaseCache>('local:caseCache', {
  fallback: EMPTY_CASE_CACHE,
  version: 1,
});
/** The first screen of `caseCache`, always written with it (see `saveCaseCache`). */
export const caseCacheHeadItem = storage.defineItem<CaseCacheHead | null>('local:caseCacheHead', {
  fallback: null,
  version: 1,
});

/** Stores the case cache and its head together. */
export async function saveCaseCache(cache: CaseCache): Promise<void> {
  await Promise.all([caseCacheItem.setValue(cache), caseCacheHeadItem.setValue(caseCacheHead(cache))]);
}

export const accountCacheItem = storage.defineItem<AccountCache>('local:accountCache', {
  fallback: EMPTY_ACCOUNT_CACHE,
  version: 1,
});
export const pollStateItem = storage.defineItem<PollState>('local:pollState', {
  fallback: INITIAL_POLL_STATE,
  version: 1,
});
