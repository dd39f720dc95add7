import { storage } from 'wxt/utils/storage';
import type { CaseStatus, SlaState, SupportCalendar } from '../../core/api/schemas.js';
import { DEFAULT_SETTINGS, migrateSettingsV1toV2, type Settings } from './storage-schema.js';

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
  sla: { state: SlaState; remainingMs: number; resumesAt: string | null };
  myAccountUrl: string | null;
}

/** Why a case shows as "news" (badge, highlight) until the customer opens it. */
export type NewsKind = 'first-response' | 'status-changed';

/** The customer's cases as last fetched. */
export interface CaseCache {
  /** When the list was last brought up to date (client clock, for "as of" labels). */
  syncedAt: string | null;
  /** Largest `updatedAt` seen: the next `updatedSince`. `null` until the first full sync. */
  cursor: string | null;
  /** The account this cache belongs to: a different token starts over. */
  userId: string | null;
  cases: CachedCase[];
  /** Cases with something the customer has not seen yet, by case id. */
  news: Record<string, NewsKind>;
}

export const EMPTY_CASE_CACHE: CaseCache = { syncedAt: null, cursor: null, userId: null, cases: [], news: {} };

export const caseCacheItem = storage.defineItem<CaseCache>('local:caseCache', {
  fallback: EMPTY_CASE_CACHE,
  version: 1,
});

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
}

export const EMPTY_ACCOUNT_CACHE: AccountCache = { syncedAt: null, userName: null, services: [], calendar: null };

export const accountCacheItem = storage.defineItem<AccountCache>('local:accountCache', {
  fallback: EMPTY_ACCOUNT_CACHE,
  version: 1,
});

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

export const pollStateItem = storage.defineItem<PollState>('local:pollState', {
  fallback: INITIAL_POLL_STATE,
  version: 1,
});
