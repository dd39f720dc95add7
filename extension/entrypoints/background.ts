import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { SignInError } from '../../client/sign-in.js';
import { tokenKeeper } from '../lib/auth.js';
import { ANY_TAB, FrameTickets } from '../lib/frame-tickets.js';
import { asBackgroundRequest, asFrameRequest, FRAME_CLOSED_NOTICE, type SignInAnswer } from '../lib/messages.js';
import { caseUrl } from '../lib/notifications.js';
import { registerPartnerHosts } from '../lib/partners.js';
import { caseIdFromNotificationId } from '../lib/polling.js';
import { authItem, caseCacheItem, settingsItem, tokenItem } from '../lib/storage.js';
import { frameSearch, parseFrameSearch, SUPPORT_FRAME_PAGE } from '../lib/support-frame.js';
import { ensurePolling, markSeen, POLL_ALARM, type PollOutcome, pollOnce, signOutCleanup } from '../lib/sync.js';

export default defineBackground(() => {
  const t = (key: string, substitutions?: string[]) =>
    // biome-ignore lint/suspicious/noExplicitAny: message keys are data from _locales.
    browser.i18n.getMessage(key as any, substitutions);

  // One poll at a time: the alarm and a popup's refresh may ask together.
  let inFlight: Promise<PollOutcome> | null = null;
  const poll = () => {
    inFlight ??= pollOnce({ now: () => new Date(), t }).finally(() => {
      inFlight = null;
    });
    return inFlight;
  };

  const start = async () => {
    if ((await ensurePolling()) === 'polling') await poll();
    await registerPartnerHosts((await settingsItem.getValue()).partnerHosts);
  };
  browser.runtime.onInstalled.addListener(() => void start());
  browser.runtime.onStartup.addListener(() => void start());

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === POLL_ALARM) void poll();
  });

  // A new token or API is a new sign-in: forget the previous account's cases and sync at once. One after
  // the other, so that saving both from the options page cannot clear the cache after its new sync.
  let signInChain: Promise<unknown> = Promise.resolve();
  const resync = () => {
    signInChain = signInChain
      .catch(() => undefined)
      .then(async () => {
        await inFlight?.catch(() => undefined);
        await signOutCleanup();
        if ((await ensurePolling()) === 'polling') await poll();
      });
  };
  tokenItem.watch(resync);
  // Signed in or out (a renewal changes only the tokens, and keeps the cases).
  authItem.watch((next, previous) => {
    if (next.status !== previous?.status) resync();
  });
  settingsItem.watch((next, previous) => {
    if (next.apiBase !== previous?.apiBase) resync();
  });

  browser.notifications.onClicked.addListener(async (notificationId) => {
    await browser.notifications.clear(notificationId);
    const caseId = caseIdFromNotificationId(notificationId);
    if (!caseId) return;
    const cached = (await caseCacheItem.getValue()).cases.find((c) => c.id === caseId);
    await markSeen(caseId);
    if (cached) await browser.tabs.create({ url: caseUrl(cached.serviceId, caseId) });
  });

  // The support frame: a ticket per customer's click (asked by the content script in that tab), redeemed
  // once by the frame; its "closed" goes back to the tab's content script, which removes it.
  const tickets = new FrameTickets();
  const frameUrl = browser.runtime.getURL(SUPPORT_FRAME_PAGE);
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const request = asFrameRequest(message);
    const tabId = sender.tab?.id;
    if (!request || sender.id !== browser.runtime.id || tabId === undefined) return undefined;
    if (request.type === 'support-frame-ticket') {
      sendResponse(tickets.issue(tabId));
      return undefined;
    }
    // Past this point, only the frame page itself (a page's scripts cannot message the extension at all).
    if (!sender.url?.startsWith(`${frameUrl}?`) && sender.url !== frameUrl) return undefined;
    if (request.type === 'support-frame-redeem') {
      sendResponse(tickets.redeem(request.ticket, tabId));
      return undefined;
    }
    if (request.type === 'support-frame-window') {
      const query = { ...parseFrameSearch(request.search), ticket: tickets.issue(ANY_TAB) };
      void browser.windows.create({ url: `${frameUrl}${frameSearch(query)}`, type: 'popup', width: 480, height: 760 });
    }
    void browser.tabs.sendMessage(tabId, FRAME_CLOSED_NOTICE, { frameId: 0 }).catch(() => undefined);
    return undefined;
  });

  browser.runtime.onMessage.addListener((message, sender) => {
    // Only the extension's own pages may drive the background.
    if (sender.id !== browser.runtime.id || !sender.url?.startsWith(browser.runtime.getURL('/'))) return undefined;
    const request = asBackgroundRequest(message);
    if (!request) return undefined;
    if (request.type === 'poll-now') return poll().then((outcome) => outcome.kind);
    if (request.type === 'case-opened') return markSeen(request.caseId).then(() => 'ok');
    if (request.type === 'access-token') return tokenKeeper.accessToken().catch(() => '');
    if (request.type === 'sign-in') return answer(signIn());
    if (request.type === 'sign-out') return answer(signOut());
    return settingsItem.getValue().then((s) => registerPartnerHosts(s.partnerHosts).then(() => 'ok'));
  });
});

/**
 * Signs in through the browser's web-auth window. It runs here, not in the popup: the popup closes as soon
 * as the window takes the focus, and its promise with it.
 */
function signIn(): Promise<void> {
  return tokenKeeper.signIn(
    (url) => browser.identity.launchWebAuthFlow({ url, interactive: true }) as Promise<string>,
    browser.identity.getRedirectURL(),
  );
}

/** A sign-in or sign-out's outcome, as a message answer (an error does not cross the message boundary). */
function answer(done: Promise<void>): Promise<SignInAnswer> {
  return done.then(
    () => ({ ok: true }) as const,
    (error: unknown) => ({
      ok: false,
      kind: error instanceof SignInError ? error.kind : 'invalid-response',
      message: (error as Error)?.message ?? String(error),
    }),
  );
}

/** Signs out; an answer `network` when the server could not be told (the tokens are forgotten all the same). */
async function signOut(): Promise<void> {
  if (!(await tokenKeeper.signOut())) throw new SignInError('network', 'the server could not be told');
}
