import { storage } from 'wxt/utils/storage';
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
export const accountCacheItem = storage.defineItem<AccountCache>('local:accountCache', {
  fallback: EMPTY_ACCOUNT_CACHE,
  version: 1,
});
export const pollStateItem = storage.defineItem<PollState>('local:pollState', {
  fallback: INITIAL_POLL_STATE,
  version: 1,
});
