import type { Case } from '../../core/api/schemas.js';
import type { CachedCase, CaseCache, NewsKind } from './storage.js';

/** Longest wait between two polls while the API keeps failing. */
export const MAX_BACKOFF_MINUTES = 60;

export interface PollDelayOptions {
  /** Failures in a row so far (0 after a success). */
  consecutiveFailures: number;
  /** The normal interval. */
  baseMinutes: number;
  /** What the server asked for with `Retry-After`, if anything. */
  retryAfterSeconds?: number | null;
}

/**
 * Minutes until the next poll: the normal interval after a success; after failures, the interval doubled
 * per failure in a row, capped at {@link MAX_BACKOFF_MINUTES}, and never sooner than `Retry-After`.
 *
 * @example
 * nextPollDelayMinutes({ consecutiveFailures: 2, baseMinutes: 5 }) // 20
 */
export function nextPollDelayMinutes(options: PollDelayOptions): number {
  const base = Math.max(1, options.baseMinutes);
  const failures = Math.max(0, Math.floor(options.consecutiveFailures));
  const backoff = failures === 0 ? base : Math.min(base * 2 ** failures, Math.max(base, MAX_BACKOFF_MINUTES));
  const retryAfterMinutes = options.retryAfterSeconds ? Math.ceil(options.retryAfterSeconds / 60) : 0;
  return Math.max(backoff, retryAfterMinutes);
}

/** Keeps what the popup shows of a case. */
export function toCachedCase(item: Case): CachedCase {
  return {
    id: item.id,
    number: item.number,
    serviceId: item.serviceId,
    serviceType: item.serviceType,
    subject: item.subject,
    status: item.status,
    receivedAt: item.receivedAt,
    updatedAt: item.updatedAt,
    firstResponseAt: item.firstResponseAt,
    dueAt: item.dueAt,
    firstResponseHours: item.firstResponseHours,
    sla: {
      state: item.sla.state,
      remainingMs: item.sla.remainingMs,
      resumesAt: item.sla.resumesAt ?? null,
      pausedBy: item.sla.pausedBy?.map((holiday) => ({ id: holiday.id })),
    },
    myAccountUrl: item.myAccountUrl,
  };
}

/** Something about a case the customer should hear about. */
export interface CaseEvent {
  kind: NewsKind;
  caseId: string;
  caseNumber: string;
  subject: string;
  serviceId: string;
  /** For `status-changed`: the old and new status. */
  from?: CachedCase['status'];
  to?: CachedCase['status'];
}

/**
 * What changed between the cached version of a case and a fresh one: its first response (which wins,
 * as it usually moves the status too) or its status. `null` when neither changed or the case is new to us.
 */
export function caseEvent(previous: CachedCase | undefined, next: CachedCase): CaseEvent | null {
  if (!previous) return null;
  const base = { caseId: next.id, caseNumber: next.number, subject: next.subject, serviceId: next.serviceId };
  if (!previous.firstResponseAt && next.firstResponseAt) return { kind: 'first-response', ...base };
  if (previous.status !== next.status)
    return { kind: 'status-changed', ...base, from: previous.status, to: next.status };
  return null;
}

export interface MergeOptions {
  /** The account the fetched cases belong to: a different one replaces the cache. */
  userId: string;
  now: Date;
}

/**
 * Folds a batch of cases fetched with `updatedSince` into the cache. The first sync of an account
 * records the cases without news (nothing is "new" to a customer who just signed in); later syncs
 * mark first responses and status changes as news and return them as events to notify.
 */
export function mergeCases(
  cache: CaseCache,
  fetched: readonly Case[],
  options: MergeOptions,
): { cache: CaseCache; events: CaseEvent[] } {
  // The first sync of an account is over once it has been recorded, cases or not.
  const sameAccount = cache.userId === options.userId && cache.syncedAt !== null;
  const byId = new Map<string, CachedCase>(sameAccount ? cache.cases.map((c) => [c.id, c]) : []);
  const news: Record<string, NewsKind> = sameAccount ? { ...cache.news } : {};
  const events: CaseEvent[] = [];
  let cursor = sameAccount ? cache.cursor : null;
  for (const item of fetched) {
    const next = toCachedCase(item);
    const event = sameAccount ? caseEvent(byId.get(next.id), next) : null;
    if (event) {
      events.push(event);
      // A first response stays the headline until the customer has seen it.
      if (news[next.id] !== 'first-response') news[next.id] = event.kind;
    }
    byId.set(next.id, next);
    if (!cursor || Date.parse(next.updatedAt) > Date.parse(cursor)) cursor = next.updatedAt;
  }
  const cases = [...byId.values()].sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
  return {
    cache: {
      syncedAt: options.now.toISOString(),
      // Only the server's own times: this computer's clock may be ahead of the server's, and a cursor taken
      // from it would hide every case updated before that instant. Without cases yet, the next poll asks for
      // all of them (there are none or few).
      cursor,
      userId: options.userId,
      cases,
      news,
    },
    events,
  };
}

/**
 * The server keeps, per user, which answers the customer has opened (in the widget, on any site): a first
 * response already read there is no news here, and is not notified. `unread`: the server's list, `undefined`
 * from a server that does not keep one (then nothing changes).
 */
export function forgetReadAnswers(
  merged: { cache: CaseCache; events: CaseEvent[] },
  unread: readonly string[] | undefined,
): { cache: CaseCache; events: CaseEvent[] } {
  if (!unread) return merged;
  const read = (id: string) => !unread.includes(id);
  const news = { ...merged.cache.news };
  for (const id of Object.keys(news)) if (news[id] === 'first-response' && read(id)) delete news[id];
  const events = merged.events.filter((event) => event.kind !== 'first-response' || !read(event.caseId));
  return { cache: { ...merged.cache, news }, events };
}

/** The badge: how many cases have news; empty when none (Chrome hides an empty badge). */
export function badgeText(news: Record<string, NewsKind>): string {
  const count = Object.keys(news).length;
  if (count === 0) return '';
  return count > 99 ? '99+' : String(count);
}

/** The cache once the customer has seen a case: its news is cleared. */
export function markCaseSeen(cache: CaseCache, caseId: string): CaseCache {
  if (!(caseId in cache.news)) return cache;
  const news = { ...cache.news };
  delete news[caseId];
  return { ...cache, news };
}

/** Notification id of a case: clicking it tells the background which case to open. */
export function notificationIdFor(caseId: string): string {
  return `netscout-case:${caseId}`;
}

/** The case id a notification id refers to, or `null` for other notifications. */
export function caseIdFromNotificationId(notificationId: string): string | null {
  return notificationId.startsWith('netscout-case:') ? notificationId.slice('netscout-case:'.length) : null;
}
