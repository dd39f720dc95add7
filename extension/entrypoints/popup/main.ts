import { browser } from 'wxt/browser';
import { catalogFromLocales } from '../../lib/catalog.js';
import type { SignInAnswer } from '../../lib/messages.js';
import { type PopupState, renderPopup } from '../../lib/popup-view.js';
import { type PopupData, readPopupData } from '../../lib/settings-reader.js';

/** Marked once the first screen of the cached list is on screen: the benchmark reads it. */
export const FIRST_RENDER_MARK = 'netscout-popup-rendered';
/** Marked once every cached case is in the list. */
export const COMPLETE_RENDER_MARK = 'netscout-popup-complete';

/** The storage keys whose change redraws the popup. */
const WATCHED = new Set(['token', 'auth', 'caseCache', 'accountCache', 'pollState']);

async function main(): Promise<void> {
  performance.mark('netscout-popup-start');
  const root = document.getElementById('app');
  if (!root) return;
  const lang = browser.i18n.getUILanguage();
  document.documentElement.lang = lang;
  // Labels repeat for hundreds of cases: translate each key once.
  const labels = new Map<string, string>();
  const t = (key: string, substitutions?: string[]) => {
    // biome-ignore lint/suspicious/noExplicitAny: message keys are data from _locales.
    if (substitutions) return browser.i18n.getMessage(key as any, substitutions);
    let label = labels.get(key);
    if (label === undefined) {
      // biome-ignore lint/suspicious/noExplicitAny: message keys are data from _locales.
      label = browser.i18n.getMessage(key as any);
      labels.set(key, label);
    }
    return label;
  };

  const catalog = catalogFromLocales(t);

  let refreshing = true;
  let signInError: string | undefined;
  const stateOf = ({ token, session, cases, account, poll }: PopupData): PopupState => {
    const signedIn = token !== '' || session === 'signed-in';
    return { signedIn, session, signInError, cases, account, poll, refreshing: refreshing && signedIn };
  };
  // Deadlines are the server's: count down on its clock, as the widget does.
  const serverNow = (data: PopupData) => new Date(Date.now() + (data.account.clockSkewMs ?? 0));
  const render = async () => {
    const data = await readPopupData();
    renderPopup(root, stateOf(data), { t, lang, catalog, now: serverNow(data) });
  };

  // First the first screen of the cached list, at once; then the whole list; then fresh data.
  const head = await readPopupData({ head: true });
  performance.mark('netscout-popup-loaded');
  renderPopup(root, stateOf(head), { t, lang, catalog, now: serverNow(head) });
  performance.mark(FIRST_RENDER_MARK);
  if (head.total > head.cases.cases.length) await render();
  performance.mark(COMPLETE_RENDER_MARK);

  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && Object.keys(changes).some((key) => WATCHED.has(key))) void render();
  });
  setInterval(() => void render(), 60_000);

  root.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (target?.closest('[data-action="open-options"]')) {
      void browser.runtime.openOptionsPage();
      return;
    }
    if (target?.closest('[data-action="sign-in"]') || target?.closest('[data-action="sign-out"]')) {
      const type = target.closest('[data-action="sign-in"]') ? 'sign-in' : 'sign-out';
      // The background runs it: this popup closes when the sign-in window takes the focus.
      void (browser.runtime.sendMessage({ type }) as Promise<SignInAnswer>).then(async (outcome) => {
        signInError = outcome.ok || outcome.kind === 'cancelled' ? undefined : outcome.message;
        await render();
      });
      return;
    }
    const link = target?.closest<HTMLAnchorElement>('a.case-link');
    if (link?.dataset.caseId) void browser.runtime.sendMessage({ type: 'case-opened', caseId: link.dataset.caseId });
  });

  try {
    await browser.runtime.sendMessage({ type: 'poll-now' });
  } finally {
    refreshing = false;
    await render();
  }
}

void main();
