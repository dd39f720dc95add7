import { browser } from 'wxt/browser';
import { ApiError, SupportApiClient } from '../../client/api.js';
import { hasCredential, tokenKeeper } from './auth.js';
import { planNotifications, type Translate } from './notifications.js';
import { badgeText, forgetReadAnswers, markCaseSeen, mergeCases, nextPollDelayMinutes } from './polling.js';
import {
  type AccountCache,
  accountCacheItem,
  caseCacheItem,
  EMPTY_ACCOUNT_CACHE,
  EMPTY_CASE_CACHE,
  INITIAL_POLL_STATE,
  type PollErrorKind,
  type PollState,
  pollStateItem,
  saveCaseCache,
  settingsItem,
  usableSettings,
} from './storage.js';

/** The one alarm that drives polling. */
export const POLL_ALARM = 'netscout-poll';

export interface SyncDependencies {
  now: () => Date;
  t: Translate;
  fetch?: typeof fetch;
  /** The access token to call the API with ('' when signed out): the background's {@link tokenKeeper}. */
  accessToken?: () => Promise<string>;
}

export type PollOutcome =
  | { kind: 'signed-out' }
  | { kind: 'synced'; changed: number; notified: number }
  | { kind: 'failed'; error: ApiError; retryInMinutes: number | null };

/**
 * One round of polling: asks the API for the account, the support calendar and the cases updated since
 * the last round; updates the caches, the badge and the notifications; schedules the next round (the
 * normal interval, or a backoff after a failure). Signed out (no token) or a rejected token: no polling.
 */
export async function pollOnce(deps: SyncDependencies): Promise<PollOutcome> {
  const [settings, cache, previousState] = await Promise.all([
    settingsItem.getValue(),
    caseCacheItem.getValue(),
    pollStateItem.getValue(),
  ]);
  const accessToken = deps.accessToken ?? (() => tokenKeeper.accessToken());
  // Never the token to a refused address (plain http to another computer), whatever storage holds.
  const api = new SupportApiClient(usableSettings(settings).apiBase, accessToken, { fetch: deps.fetch });
  const now = deps.now();
  try {
    // Renewed here if it is about to expire; a refused renewal is a sign-out.
    if (!(await accessToken())) {
      await signOutCleanup();
      return { kind: 'signed-out' };
    }
    const me = await api.me();
    const [calendar, { items: cases, unread }] = await Promise.all([
      api.calendar(undefined, undefined, { from: isoDate(now, 0), to: isoDate(now, 14) }),
      // A cache without cases asks for all of them: an earlier version kept this computer's clock as the
      // cursor of an account without cases, which hides the account's cases when that clock is ahead.
      api.casesUpdatedSince(cache.userId === me.user.id && cache.cases.length > 0 ? cache.cursor : null),
    ]);
    const merged = forgetReadAnswers(mergeCases(cache, cases, { userId: me.user.id, now }), unread);
    const account: AccountCache = {
      syncedAt: now.toISOString(),
      userName: me.user.name,
      calendar,
      clockSkewMs: Date.parse(calendar.now) - deps.now().getTime(),
      services: me.subscriptions
        .filter((s) => s.status === 'active')
        .map((s) => ({
          serviceId: s.serviceId,
          serviceName: s.serviceName,
          serviceType: s.serviceType,
          canSubmitIncidents: s.entitlement.canSubmitIncidents,
        })),
    };
    await Promise.all([saveCaseCache(merged.cache), accountCacheItem.setValue(account)]);
    await showBadge(badgeText(merged.cache.news));
    const plans = planNotifications(merged.events, deps.t);
    for (const plan of plans) {
      await browser.notifications.create(plan.id, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title: plan.title,
        message: plan.message,
      });
    }
    const delay = nextPollDelayMinutes({ consecutiveFailures: 0, baseMinutes: settings.pollMinutes });
    await pollStateItem.setValue({
      consecutiveFailures: 0,
      lastError: null,
      lastSuccessAt: now.toISOString(),
      nextPollAt: new Date(now.getTime() + delay * 60_000).toISOString(),
    });
    await schedulePoll(delay);
    return { kind: 'synced', changed: cases.length, notified: plans.length };
  } catch (error) {
    const apiError =
      error instanceof ApiError ? error : new ApiError('invalid-response', (error as Error)?.message ?? String(error));
    const failures = previousState.consecutiveFailures + 1;
    // A rejected token is "signed out" until the customer fixes it in the options: polling would only fail.
    const retryInMinutes =
      pollErrorKind(apiError) === 'unauthorized'
        ? null
        : nextPollDelayMinutes({
            consecutiveFailures: failures,
            baseMinutes: settings.pollMinutes,
            retryAfterSeconds: apiError.retryAfterSeconds,
          });
    const state: PollState = {
      ...previousState,
      consecutiveFailures: failures,
      lastError: { kind: pollErrorKind(apiError), message: apiError.message, at: now.toISOString() },
      nextPollAt: retryInMinutes === null ? null : new Date(now.getTime() + retryInMinutes * 60_000).toISOString(),
    };
    await pollStateItem.setValue(state);
    if (retryInMinutes === null) await browser.alarms.clear(POLL_ALARM);
    else await schedulePoll(retryInMinutes);
    return { kind: 'failed', error: apiError, retryInMinutes };
  }
}

/** Repeats every `minutes` from now on (a periodic alarm survives the service worker being stopped). */
export async function schedulePoll(minutes: number): Promise<void> {
  await browser.alarms.create(POLL_ALARM, { delayInMinutes: minutes, periodInMinutes: minutes });
}

/** Makes sure polling runs when signed in (and stops when not), e.g. after a restart. */
export async function ensurePolling(): Promise<'polling' | 'signed-out'> {
  if (!(await hasCredential())) {
    await signOutCleanup();
    return 'signed-out';
  }
  const existing = await browser.alarms.get(POLL_ALARM);
  if (!existing) {
    const settings = await settingsItem.getValue();
    await schedulePoll(settings.pollMinutes);
  }
  return 'polling';
}

/** Signed out: no alarm, no badge, and no cached cases of the previous account. */
export async function signOutCleanup(): Promise<void> {
  await browser.alarms.clear(POLL_ALARM);
  await Promise.all([
    saveCaseCache(EMPTY_CASE_CACHE),
    accountCacheItem.setValue(EMPTY_ACCOUNT_CACHE),
    pollStateItem.setValue(INITIAL_POLL_STATE),
  ]);
  await showBadge('');
}

/** The customer opened a case (popup link or notification): its news is read. */
export async function markSeen(caseId: string): Promise<void> {
  const cache = await caseCacheItem.getValue();
  const next = markCaseSeen(cache, caseId);
  if (next === cache) return;
  await saveCaseCache(next);
  await showBadge(badgeText(next.news));
}

async function showBadge(text: string): Promise<void> {
  // Manifest V2 (Firefox) calls the toolbar button `browserAction`.
  const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
  await action.setBadgeBackgroundColor({ color: '#b3261e' });
  await action.setBadgeText({ text });
}

function isoDate(now: Date, plusDays: number): string {
  return new Date(now.getTime() + plusDays * 86_400_000).toISOString().slice(0, 10);
}

/** The popup's banner for a failed poll: a refused token (401 or 403) stops polling until it is fixed. */
function pollErrorKind(error: ApiError): PollErrorKind {
  switch (error.code) {
    case 'network':
      return 'offline';
    case 'unauthorized':
    case 'forbidden':
      return 'unauthorized';
    case 'rate-limited':
    case 'invalid-response':
      return error.code;
    default:
      return 'server';
  }
}
