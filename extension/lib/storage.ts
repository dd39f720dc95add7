/**
 * Every piece of state the extension keeps, declared once, typed and versioned. All of it lives in
 * `local` storage: nothing is synced (the token must never leave this browser profile). Shapes, defaults
 * and migrations are in `storage-schema.ts`, which the content script reads without this library.
 */
import { storage } from 'wxt/utils/storage';
import {
  type AccountCache,
  type AuthState,
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
  SIGNED_OUT,
} from './storage-schema.js';

export * from './storage-schema.js';

/** The customer's settings; version 2 (version 1 had `apiUrl`: see `migrateSettingsV1toV2`). */
export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 2,
  migrations: { 2: migrateSettingsV1toV2 },
});

/** The personal API token: local only, read by the background and by the content script's widget. */
export const tokenItem = storage.defineItem<string>('local:token', { fallback: '', version: 1 });

/** The sign-in's tokens (local only, like the personal token); written by the background alone. */
export const authItem = storage.defineItem<AuthState>('local:auth', { fallback: SIGNED_OUT, version: 1 });

/** The customer's cases as last fetched, with the cursor of the next poll and the news. */
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

/** Account and support calendar as last fetched. */
export const accountCacheItem = storage.defineItem<AccountCache>('local:accountCache', {
  fallback: EMPTY_ACCOUNT_CACHE,
  version: 1,
});
/** The polling loop's own state (failures in a row, last error, next poll). */
export const pollStateItem = storage.defineItem<PollState>('local:pollState', {
  fallback: INITIAL_POLL_STATE,
  version: 1,
});
