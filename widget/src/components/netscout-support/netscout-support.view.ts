import { html, nothing, type TemplateResult } from 'lit';
import { cache } from 'lit/directives/cache.js';
import { SELF_HELP_RESOURCES } from '../../../../core/targets.js';
import type { WidgetView } from '../../internal/part-events.js';
import { errorText, type Ui } from '../../internal/ui.js';
import type { LazyPartTag } from '../../lazy-parts.js';
import type { NetscoutSupport } from './netscout-support.js';
import { renderOutboxNotices } from './outbox-notices.js';
import { renderOverview } from './overview.js';

function renderNav(el: NetscoutSupport, ui: Ui): TemplateResult {
  const m = ui.messages;
  const views: [WidgetView, string][] = [
    ['overview', m.views.overview],
    ['self-help', m.views.selfHelp],
    ['incident', m.views.incident],
    ['cases', m.views.cases],
  ];
  const upgrade = el.subscription?.entitlement.upgrade;
  if (upgrade === 'paid-plan' || upgrade === 'premium-plan') views.push(['upgrade', m.views.upgrade]);
  else if (el.subscription?.paidThrough) views.push(['upgrade', m.upgrade.billingTab]);
  return html`
    <nav part="nav" aria-label=${m.title}>
      ${views.map(
        ([view, label]) => html`<button
          class="tab"
          type="button"
          data-view=${view}
          aria-current=${el.view === view ? 'page' : 'false'}
          @click=${() => el.showView(view)}
        >
          ${label}
        </button>`,
      )}
    </nav>
  `;
}

/** `part` once its chunk is defined; until then a status, or the failure with a retry. */
function lazy(el: NetscoutSupport, ui: Ui, tag: LazyPartTag, part: () => TemplateResult): TemplateResult {
  if (el.parts.ready(tag)) return part();
  const m = ui.messages;
  if (!el.parts.hasFailed(tag)) return html`<p role="status">${m.loading}</p>`;
  return html`<div class="notice error" role="alert">
    <p>${m.errors.network}</p>
    <button class="secondary" type="button" @click=${() => el.parts.retry(tag)}>${m.retry}</button>
  </div>`;
}

function renderSelfHelp(el: NetscoutSupport, ui: Ui): TemplateResult {
  return lazy(
    el,
    ui,
    'netscout-self-help',
    () => html`<netscout-self-help
    .ui=${ui}
    .api=${el.api}
    .resources=${el.subscription?.entitlement.selfHelp ?? SELF_HELP_RESOURCES}
    .requestedArticle=${el.article}
    .service=${el.service}
  ></netscout-self-help>`,
  );
}

function renderCases(el: NetscoutSupport, ui: Ui): TemplateResult {
  const m = ui.messages;
  const me = el.me;
  if (!me) return html`<p class="notice">${el.calendar ? m.overview.signIn : m.loading}</p>`;
  if (el.caseId) {
    const detail = el.caseTask.value;
    if (detail?.id === el.caseId) {
      return lazy(
        el,
        ui,
        'netscout-case-detail',
        () => html`<netscout-case-detail
        .ui=${ui}
        .case=${detail}
        .userName=${me.user.name}
        .api=${el.api}
        .skewMs=${el.clock.skewMs}
        @netscout-close-case=${() => el.showView('cases')}
        @netscout-case-changed=${() => el.caseReads++}
      ></netscout-case-detail>`,
      );
    }
    const error = el.caseError;
    if (error) {
      return html`<p class="notice error" role="alert">${errorText(m, error)}</p>
        <button class="secondary" type="button" @click=${() => el.showView('cases')}>${m.cases.back}</button>`;
    }
    return html`<p role="status">${m.loading}</p>`;
  }
  const page = el.casesTask.value;
  return html`<netscout-case-list
    .ui=${ui}
    .cases=${page?.items}
    .unread=${page?.unread}
    .skewMs=${el.clock.skewMs}
    .myAccountUrl=${el.subscription?.entitlement.myAccountUrl}
    @netscout-open-case=${(event: CustomEvent<{ id: string }>) => el.openCase(event.detail.id)}
  ></netscout-case-list>`;
}

function renderView(el: NetscoutSupport, ui: Ui): TemplateResult {
  switch (el.view) {
    case 'overview':
      return renderOverview({
        ui,
        calendar: el.calendar,
        me: el.me,
        subscription: el.subscription,
        service: el.service,
        onUpgrade: () => el.showView('upgrade'),
      });
    case 'self-help':
      return renderSelfHelp(el, ui);
    case 'incident':
      return html`<netscout-incident-form
        .ui=${ui}
        .me=${el.me}
        ?loading=${!el.calendar && !el.loadError}
        .service=${el.service}
        .apiBase=${el.apiBase}
        .api=${el.api}
        .outbox=${el.outbox}
        .queued=${el.outbox.waiting}
        .delivered=${el.outbox.delivered}
        .load=${el.formLoad}
        @netscout-show-view=${(event: CustomEvent<{ view: WidgetView }>) => el.showView(event.detail.view)}
        @netscout-open-article=${(event: CustomEvent<{ slug: string; lang: 'en' | 'fr' }>) => {
          el.article = event.detail;
          el.showView('self-help');
        }}
        @netscout-form-text=${(event: CustomEvent<{ hasText: boolean }>) => (el.formBusy = event.detail.hasText)}
      ></netscout-incident-form>`;
    case 'cases':
      return renderCases(el, ui);
    case 'upgrade':
      return lazy(
        el,
        ui,
        'netscout-upgrade',
        () => html`<netscout-upgrade
        .ui=${ui}
        .api=${el.api}
        .service=${el.subscription?.serviceId ?? el.service}
        .subscription=${el.subscription}
        .paymentContainer=${el.paymentContainer}
        @netscout-plan-purchased=${() => el.retry()}
        @netscout-plan-cancelled=${() => el.retry()}
      ></netscout-upgrade>`,
      );
  }
}

function renderBody(el: NetscoutSupport, ui: Ui): TemplateResult {
  const m = ui.messages;
  const notices = renderOutboxNotices({
    messages: m,
    me: el.me,
    entries: el.outbox.entries,
    formBusy: el.formBusy,
    onEdit: (entry) => el.editRefused(entry),
    onDiscard: (entry) => void el.outbox.discard(entry.idempotencyKey),
    onConfirm: (entry) => el.confirmEntry(entry),
  });
  const failed = el.loadError && !el.calendar;
  return html`<div class="body" part="body">
    ${notices}
    ${
      failed
        ? html`<div class="notice error" role="alert">
            <p>${errorText(m, el.loadError!)}</p>
            <button class="secondary" type="button" @click=${() => el.retry()}>${m.retry}</button>
          </div>`
        : nothing
    }
    ${failed && el.view !== 'self-help' ? nothing : cache(renderView(el, ui))}
  </div>`;
}

/** A container in the widget's light DOM, slotted into it: Braintree's Drop-in needs light DOM. */
export function slotPaymentContainer(el: HTMLElement): HTMLElement {
  const container = document.createElement('div');
  container.slot = 'payment';
  el.replaceChildren(container);
  return container;
}

/** The panel: title bar, navigation and the current view. */
function renderPanel(el: NetscoutSupport, ui: Ui): TemplateResult {
  const m = ui.messages;
  return html`
    <div class="panel" part="panel" lang=${ui.lang}>
      <header part="header">
        <h2 id="title">${m.title}</h2>
        ${
          el.mode === 'launcher'
            ? html`<button class="close" type="button" @click=${() => el.close()}>${m.close}</button>`
            : nothing
        }
      </header>
      ${renderNav(el, ui)} ${renderBody(el, ui)}
    </div>
  `;
}

/**
 * The widget: the launcher and its dialog, or the panel in place (inline). While the words of its language
 * load, the panel waits; the launcher's word, like the loader's placeholder, is the same in both languages.
 */
export function renderWidget(el: NetscoutSupport): TemplateResult | typeof nothing {
  const ui = el.ui;
  if (el.mode === 'inline')
    return ui ? html`<section aria-labelledby="title">${renderPanel(el, ui)}</section>` : nothing;
  return html`
    <button
      class="launcher"
      part="launcher"
      type="button"
      aria-haspopup="dialog"
      aria-expanded=${el.opened ? 'true' : 'false'}
      @click=${(event: Event) => el.open(event.currentTarget as HTMLElement)}
    >
      ${ui?.messages.launcher ?? 'Assistance'}
    </button>
    <dialog
      part="dialog"
      aria-labelledby="title"
      @keydown=${el.dialog.onKeydown}
      @cancel=${(event: Event) => {
        event.preventDefault();
        el.close();
      }}
      @close=${() => el.close()}
    >
      ${el.activated && ui ? renderPanel(el, ui) : nothing}
    </dialog>
    <slot name="payment"></slot>
  `;
}
