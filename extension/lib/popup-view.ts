import { countdownText, formatDateTime, holidayName } from '../../client/format.js';
import type { ClientCatalog } from '../../client/messages.js';
import { firstResponseCountdown } from '../../core/countdown.js';
import { caseUrl, newIncidentUrl, serviceName, statusMessageKey, type Translate } from './notifications.js';
import type { AccountCache, CachedCase, CaseCache, PollState } from './storage.js';

/** Everything the popup shows, read from storage. */
export interface PopupState {
  signedIn: boolean;
  /** Signed in with the "Sign in" button (so "Sign out" is offered), or its sign-in ended at the server. */
  session?: 'signed-in' | 'ended' | 'none';
  /** Why the last sign-in attempt failed, shown under the button. */
  signInError?: string;
  cases: CaseCache;
  account: AccountCache;
  poll: PollState;
  /** A refresh is under way (the list shown is the cached one). */
  refreshing: boolean;
}

export interface PopupViewOptions {
  t: Translate;
  /** UI language (`en`, `fr`, ...): dates, durations, and the "answers in English" note. */
  lang: string;
  now: Date;
  /** The words shared with the widget (holiday names, countdown), in the UI language. */
  catalog: ClientCatalog;
}

const SLA_KEYS = {
  'on-track': 'slaOnTrack',
  'at-risk': 'slaAtRisk',
  paused: 'slaPaused',
  met: 'slaMet',
  breached: 'slaBreached',
} as const;

/**
 * Renders the popup into `root` (replacing what was there). Plain DOM and `textContent` only: nothing
 * from the server is ever parsed as HTML.
 */
export function renderPopup(root: HTMLElement, state: PopupState, options: PopupViewOptions): void {
  const { t, lang, now, catalog } = options;
  const doc = root.ownerDocument;
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string) => {
    const node = doc.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  // The widget's date format, in the browser's zone (the popup has no zone setting).
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const formatDate = (iso: string) => formatDateTime(iso, lang, zone);
  const fragment = doc.createDocumentFragment();

  const header = el('header', 'header');
  header.append(el('h1', 'title', t('popupTitle')));
  const syncedAt = state.cases.syncedAt;
  const meta = el('p', 'meta', state.refreshing ? t('refreshing') : syncedAt ? t('asOf', [formatDate(syncedAt)]) : '');
  meta.dataset.testid = 'sync-status';
  header.append(meta);
  if (state.signedIn && state.session === 'signed-in') {
    const signOut = el('button', 'sign-out', t('signOut'));
    signOut.type = 'button';
    signOut.dataset.action = 'sign-out';
    header.append(signOut);
  }
  fragment.append(header);

  if (!state.signedIn) {
    const box = el('section', 'banner signed-out');
    box.dataset.testid = 'signed-out';
    box.append(el('h2', undefined, t('signedOutTitle')));
    if (state.session === 'ended') {
      const ended = el('p', 'ended', t('signInEnded'));
      ended.dataset.testid = 'sign-in-ended';
      box.append(ended);
    } else box.append(el('p', undefined, t('signedOutBody')));
    const signIn = el('button', 'primary', t('signIn'));
    signIn.type = 'button';
    signIn.dataset.action = 'sign-in';
    const options = el('button', undefined, t('openOptions'));
    options.type = 'button';
    options.dataset.action = 'open-options';
    box.append(signIn, options);
    if (state.signInError) {
      const failed = el('p', 'field-error', t('signInFailed', [state.signInError]));
      failed.dataset.testid = 'sign-in-error';
      failed.setAttribute('role', 'alert');
      box.append(failed);
    }
    fragment.append(box);
    root.replaceChildren(fragment);
    return;
  }

  const error = state.poll.lastError;
  if (error) {
    const banner = el('p', `banner ${error.kind}`);
    banner.dataset.testid = 'poll-error';
    banner.setAttribute('role', 'status');
    if (error.kind === 'unauthorized') banner.textContent = t('tokenRejected');
    else if (error.kind === 'offline')
      banner.textContent = syncedAt ? t('offlineBanner', [formatDate(syncedAt)]) : t('offlineNoCache');
    else banner.textContent = t('serverError', [syncedAt ? formatDate(syncedAt) : '—']);
    fragment.append(banner);
  }

  const calendar = state.account.calendar;
  if (calendar) {
    const support = el('p', calendar.closure ? 'support closed' : 'support open');
    support.dataset.testid = 'support-status';
    support.textContent = calendar.closure
      ? t('supportClosedHoliday', [
          holidayName(catalog, calendar.closure.holiday.id, calendar.closure.holiday.name),
          formatDate(calendar.closure.reopensAt),
        ])
      : t('supportOpen');
    fragment.append(support);
  }
  if (!lang.toLowerCase().startsWith('en')) fragment.append(el('p', 'note', t('englishOnly')));

  const list = el('ul', 'cases');
  list.dataset.testid = 'cases';
  if (state.cases.cases.length === 0) {
    fragment.append(el('p', 'empty', t('noCases')));
  } else {
    for (const item of state.cases.cases) list.append(renderCase(item, state.cases.news[item.id]));
    fragment.append(list);
  }

  const services = state.account.services;
  if (services.length > 0) {
    const section = el('section', 'services');
    section.append(el('h2', undefined, t('servicesHeading')));
    const actions = el('ul', 'service-actions');
    for (const service of services) {
      const li = el('li');
      if (service.canSubmitIncidents) {
        const link = el('a', 'new-incident', t('newIncidentFor', [service.serviceName]));
        link.href = newIncidentUrl(service.serviceId);
        link.target = '_blank';
        link.rel = 'noopener';
        link.dataset.serviceId = service.serviceId;
        li.append(link);
      } else {
        li.append(el('span', 'self-help', t('upgradeFor', [service.serviceName])));
      }
      actions.append(li);
    }
    section.append(actions);
    fragment.append(section);
  }
  root.replaceChildren(fragment);

  function renderCase(item: CachedCase, news: string | undefined): HTMLLIElement {
    const li = el('li', news ? 'case has-news' : 'case');
    li.dataset.caseId = item.id;
    const link = el('a', 'case-link');
    link.href = caseUrl(item.serviceId, item.id);
    link.target = '_blank';
    link.rel = 'noopener';
    link.dataset.caseId = item.id;
    link.append(el('span', 'case-number', item.number), el('span', 'case-subject', item.subject));
    li.append(link);

    const line = el('div', 'case-meta');
    line.append(el('span', 'service', serviceName(item.serviceId)));
    line.append(el('span', `chip status-${item.status}`, t(statusMessageKey(item.status))));
    const countdown = firstResponseCountdown(item, now);
    const slaState =
      countdown.kind === 'answered'
        ? countdown.state
        : countdown.kind === 'paused'
          ? 'paused'
          : countdown.kind === 'overdue'
            ? 'breached'
            : countdown.state;
    const sla = el('span', `chip sla sla-${slaState}`, t(SLA_KEYS[slaState]));
    sla.dataset.sla = slaState;
    line.append(sla);
    if (news) line.append(el('span', 'chip news', t(news === 'first-response' ? 'newsFirstResponse' : 'newsStatus')));
    li.append(line);

    const clock =
      countdown.kind === 'answered'
        ? t('answered', [formatDate(countdown.answeredAt.toISOString())])
        : countdownText(countdown, catalog, lang);
    li.append(el('p', 'countdown', clock ?? ''));
    return li;
  }
}
