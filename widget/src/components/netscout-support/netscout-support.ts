import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ApiError, SupportApiClient } from '../../../../client/api.js';
import { contract } from '../../../../client/contract.js';
import type { Case, Me, Subscription, SupportCalendar } from '../../../../core/api/schemas.js';
import { type Messages, messagesFor, resolveLocale, type WidgetLocale } from '../../i18n/index.js';
import { browserTimeZone, isKnownTimeZone } from '../../internal/format.js';
import { NetscoutElement } from '../../internal/netscout-element.js';
import { isAuthor, Outbox, type OutboxEntry } from '../../internal/outbox.js';
import { deliverOutbox } from '../../internal/outbox-delivery.js';
import { adoptForm, clearForm, saveDraft } from './incident-draft.js';
import { styles } from './netscout-support.styles.js';
import { renderCases } from './views/cases.js';
import {
  emptyFields,
  type IncidentFields,
  type IncidentState,
  renderIncident,
  serverFieldErrors,
} from './views/incident.js';
import { renderOutboxNotices } from './views/outbox.js';
import { renderOverview } from './views/overview.js';
import { renderSelfHelp, type SelfHelpState } from './views/self-help.js';
import { renderUpgrade, type UpgradeState } from './views/upgrade.js';

/** What `loader.ts` leaves on the element when it starts the first requests at the click. */
interface LoaderWarmup {
  base: string;
  token: string | undefined;
  at: number;
  me?: Promise<Response>;
  calendar: Promise<Response>;
}

/** The views of the widget. */
export type WidgetView = 'overview' | 'self-help' | 'incident' | 'cases' | 'upgrade';

/** Where the API lives when `api-base` is not set: the origin that served the widget's script. */
function defaultApiBase(): string {
  try {
    const url = new URL(import.meta.url);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : '';
  } catch {
    return '';
  }
}

/**
 * The NETSCOUT support widget: what the customer is entitled to, whether support is open, self-help,
 * incidents that cannot be lost, and their cases.
 *
 * @summary Customer support for NETSCOUT subscription services.
 * @tag netscout-support
 *
 * @event netscout-open - The widget opened.
 * @event netscout-close - The widget closed.
 * @event netscout-incident-queued - An incident waits in the offline outbox (`detail.idempotencyKey`).
 * @event netscout-incident-submitted - The server accepted an incident (`detail.caseId`, `caseNumber`, `dueAt`).
 * @event netscout-error - Something failed (`detail.code`, `detail.message`).
 *
 * @slot payment - Filled by the widget itself with the Braintree Drop-in container (it needs light DOM).
 *
 * @csspart launcher - The floating "Assistance" button (launcher mode).
 * @csspart dialog - The dialog (launcher mode).
 * @csspart panel - The panel holding header, navigation and view.
 * @csspart header - The title bar.
 * @csspart nav - The view navigation.
 * @csspart body - The current view.
 *
 * @cssproperty --netscout-accent - Accent colour (buttons, links, focus ring).
 * @cssproperty --netscout-accent-fg - Text on the accent colour.
 * @cssproperty --netscout-bg - Background.
 * @cssproperty --netscout-fg - Text colour.
 * @cssproperty --netscout-muted - Secondary text.
 * @cssproperty --netscout-border - Borders.
 * @cssproperty --netscout-surface - Subtle backgrounds.
 * @cssproperty --netscout-danger - Errors.
 * @cssproperty --netscout-success - Success.
 * @cssproperty --netscout-warning - Warnings (closed, queued, test mode).
 * @cssproperty --netscout-radius - Corner radius.
 * @cssproperty --netscout-font - Font family.
 * @cssproperty --netscout-width - Dialog width.
 * @cssproperty --netscout-z-index - Stacking order of the launcher.
 */
export class NetscoutSupport extends NetscoutElement {
  static override styles = styles;

  /** Catalog id of the service this page belongs to (e.g. `onetouchat`, `linksprinter`). */
  @property() service = '';

  /** Base URL of the support API; defaults to the origin that served the widget. */
  @property({ attribute: 'api-base' }) apiBase = defaultApiBase();

  /** A bearer token, for pages that have one at render time. */
  @property() token: string | undefined;

  /** An async function returning a fresh bearer token, for short-lived tokens; wins over `token`. */
  @property({ attribute: false }) tokenProvider: (() => Promise<string>) | undefined;

  /** `en` or `fr`; default: the browser's languages. */
  @property() locale: string | undefined;

  /** IANA time zone to show times in; default: the browser's. */
  @property({ attribute: 'time-zone' }) timeZone: string | undefined;

  /** `launcher`: a floating button and a dialog; `inline`: rendered in place. */
  @property({ reflect: true }) mode: 'launcher' | 'inline' = 'launcher';

  /** Whether the dialog is open (the `open` attribute). */
  @property({ type: Boolean, reflect: true, attribute: 'open' }) opened = false;

  /** @internal */ @state() view: WidgetView = 'overview';
  /** @internal */ @state() me: Me | null | undefined;
  /** @internal */ @state() calendar: SupportCalendar | undefined;
  /** @internal */ @state() loadError: ApiError | undefined;
  /** @internal */ @state() loading = false;
  /** @internal */ @state() incident: IncidentState = {
    fields: emptyFields(),
    files: [],
    errors: {},
    submitting: false,
    uploads: [],
    suggestions: [],
    draftRestored: false,
    queued: 0,
  };
  /** @internal */ @state() selfHelp: SelfHelpState = { query: '', results: undefined, searching: false };
  /** @internal */ @state() cases: { list?: Case[]; detail?: Case; reply: string; sending: boolean } = {
    reply: '',
    sending: false,
  };
  /** @internal */ @state() upgrade: UpgradeState = {};
  /** @internal Every outbox entry for this API (the views show each only to whom it may concern). */
  @state() outboxEntries: OutboxEntry[] = [];
  /** @internal The server's time now (the browser's clock corrected by the skew seen on load); ticks each second. */
  @state() tick = Date.now();
  /** The server clock minus the browser clock, measured when the calendar loads: deadlines are the server's. */
  private clockSkewMs = 0;

  @query('dialog') private dialog!: HTMLDialogElement | null;

  /** @internal */ readonly outbox = new Outbox();
  private returnFocusTo: HTMLElement | null = null;
  /** @internal `userId|accountId` of the customer whose text the form holds (see `adoptForm`). */
  formOwner: string | undefined;
  private loaded = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private tickTimer: ReturnType<typeof setInterval> | undefined;
  private readonly aborts = new Set<AbortController>();
  private readonly onlineListener = () => void this.flushOutbox(true);

  /** The messages of the current locale. */
  get messages(): Messages {
    return messagesFor(this.resolvedLocale);
  }

  /** @internal */
  get resolvedLocale(): WidgetLocale {
    return resolveLocale(this.locale, typeof navigator === 'undefined' ? [] : navigator.languages);
  }

  /** @internal The BCP 47 tag for `Intl`: the browser's own variant when it speaks the widget's language. */
  get intlLocale(): string {
    const lang = this.resolvedLocale;
    if (this.locale?.toLowerCase().startsWith(lang)) return this.locale;
    const preferred = typeof navigator === 'undefined' ? [] : navigator.languages;
    return preferred.find((tag) => tag.toLowerCase().split('-')[0] === lang) ?? lang;
  }

  /** @internal */
  get zone(): string {
    return this.timeZone && isKnownTimeZone(this.timeZone) ? this.timeZone : browserTimeZone();
  }

  /** @internal */
  get api(): SupportApiClient {
    return new SupportApiClient(this.apiBase, async () => {
      if (this.tokenProvider) return this.tokenProvider();
      return this.token || undefined;
    });
  }

  /** @internal The customer's subscription to this page's service. */
  get subscription(): Subscription | undefined {
    const active = this.me?.subscriptions.filter((s) => s.status === 'active') ?? [];
    return this.service ? active.find((s) => s.serviceId === this.service) : active[0];
  }

  /** @internal */
  get hasCredentials(): boolean {
    return Boolean(this.tokenProvider || this.token);
  }

  /** Opens the widget. `trigger` gets the focus back on close (default: the focused element). */
  open(trigger?: HTMLElement | null): void {
    const active = trigger ?? (document.activeElement as HTMLElement | null);
    // A trigger gone from the page (the loader's placeholder button) hands over to the launcher.
    this.returnFocusTo = active && active !== document.body && active.isConnected ? active : null;
    // Requests first, rendering second: the API calls are on the wire while the dialog renders.
    void this.load();
    if (!this.opened) this.opened = true;
  }

  /** Closes the widget and returns the focus to what opened it. */
  close(): void {
    if (this.opened) this.opened = false;
  }

  /** Pre-fills the incident form (e.g. from a device page) and shows it. */
  prefill(fields: Partial<IncidentFields>): void {
    const clean: Partial<IncidentFields> = {};
    for (const [name, value] of Object.entries(fields)) {
      if (name in emptyFields() && typeof value === 'string') clean[name as keyof IncidentFields] = value;
    }
    this.incident = { ...this.incident, fields: { ...this.incident.fields, ...clean } };
    this.view = 'incident';
    void saveDraft(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('online', this.onlineListener);
    if (this.mode === 'inline') void this.load();
    // A submission left by a previous page load (offline, closed tab) goes now, if its author is signed in.
    void this.flushOutbox(true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.onlineListener);
    for (const abort of this.aborts) abort.abort();
    this.aborts.clear();
    clearTimeout(this.retryTimer);
    clearInterval(this.tickTimer);
    this.tickTimer = undefined;
  }

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    // The loader may have put a placeholder launcher in an open shadow root: reuse it.
    this.shadowRoot?.replaceChildren();
    return super.createRenderRoot();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const who = changed.has('apiBase') || changed.has('token') || changed.has('tokenProvider');
    if ((who || changed.has('service')) && this.hasUpdated) {
      this.loaded = false;
      this.me = undefined;
      this.calendar = undefined;
      this.cases = { reply: '', sending: false };
      // Text typed by a known customer belongs to them (and to this service): it is saved as their draft.
      // Without one, it can only come from `prefill()`, and stays for whoever signs in.
      if (this.formOwner !== undefined) clearForm(this);
      if (this.opened || this.mode === 'inline') void this.load();
      // Someone else may be signed in now: what they wrote earlier may go.
      if (who) void this.flushOutbox(true);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('opened') && this.mode === 'launcher') {
      const dialog = this.dialog;
      if (this.opened && dialog && !dialog.open) {
        dialog.showModal();
        this.emit('netscout-open', {});
        void this.load();
      } else if (!this.opened && changed.get('opened') === true) {
        if (dialog?.open) dialog.close();
        this.emit('netscout-close', {});
        const target = this.returnFocusTo ?? this.shadowRoot?.querySelector<HTMLElement>('.launcher');
        this.returnFocusTo = null;
        target?.focus();
      }
    }
    const wantsTick =
      this.view === 'cases' && this.cases.detail !== undefined && (this.opened || this.mode === 'inline');
    if (wantsTick && !this.tickTimer) this.tickTimer = setInterval(() => (this.tick = this.serverNow()), 1000);
    if (!wantsTick && this.tickTimer) {
      clearInterval(this.tickTimer);
      this.tickTimer = undefined;
    }
  }

  /** @internal The server's clock now, as far as this browser can tell. */
  serverNow(): number {
    return Date.now() + this.clockSkewMs;
  }

  /** @internal An AbortController released when the element leaves the page. */
  abortable(): AbortController {
    const controller = new AbortController();
    this.aborts.add(controller);
    return controller;
  }

  /** @internal Loads the overview's data once (the customer and the support calendar). */
  async load(force = false): Promise<void> {
    if ((this.loaded || this.loading) && !force) return;
    const abort = this.abortable();
    const api = this.api;
    const early = this.takeWarmup();
    // Both requests go out before any reactive state changes, so no render runs ahead of them.
    const requests = Promise.all([
      this.hasCredentials
        ? api.me(abort.signal, early?.me).catch((error: unknown) => {
            if (error instanceof ApiError && error.code === 'unauthorized') return null;
            throw error;
          })
        : Promise.resolve(null),
      api.calendar(abort.signal, early?.calendar),
    ]);
    contract(); // built while the requests are on the wire, ready to parse their answers
    this.loading = true;
    this.loadError = undefined;
    try {
      const [me, calendar] = await requests;
      this.me = me;
      this.calendar = calendar;
      this.clockSkewMs = Date.parse(calendar.now) - Date.now();
      this.tick = this.serverNow();
      this.loaded = true;
      if (me) await adoptForm(this, me);
      void this.refreshOutbox();
    } catch (error) {
      if (abort.signal.aborted) return;
      this.loadError = error instanceof ApiError ? error : new ApiError('network', String(error));
      this.reportError(this.loadError);
    } finally {
      this.aborts.delete(abort);
      this.loading = false;
    }
  }

  /**
   * The requests the loader started at the click (while this element was being fetched), if they are for
   * this API and token and still fresh; used once.
   */
  private takeWarmup(): { me?: Promise<Response>; calendar: Promise<Response> } | undefined {
    const host = this as unknown as { __netscoutWarmup?: LoaderWarmup };
    const warm = host.__netscoutWarmup;
    delete host.__netscoutWarmup;
    if (!warm || this.tokenProvider || Date.now() - warm.at > 10_000) return undefined;
    if (warm.base !== this.apiBase.replace(/\/+$/, '') || warm.token !== (this.token || undefined)) return undefined;
    return warm;
  }

  /** @internal */
  reportError(error: ApiError): void {
    this.emit('netscout-error', { code: error.code, message: error.message, status: error.status || undefined });
  }

  /** @internal The translated sentence for an API failure. */
  errorText(error: ApiError): string {
    const m = this.messages.errors;
    switch (error.code) {
      case 'network':
        return m.network;
      case 'unauthorized':
        return m.unauthorized;
      case 'forbidden':
        return m.forbidden;
      case 'not-found':
        return m.notFound;
      case 'invalid-response':
        return m.invalidResponse;
      default:
        return error.problem?.detail ?? m.server(error.status);
    }
  }

  /** @internal Shows a view, loading what it needs. */
  show(view: WidgetView): void {
    this.view = view;
    if (view === 'cases') this.cases = { ...this.cases, detail: undefined };
    if (view === 'cases' && this.me) void this.loadCases();
  }

  /** @internal */
  async loadCases(): Promise<void> {
    try {
      const page = await this.api.cases();
      this.cases = { ...this.cases, list: page.items };
    } catch (error) {
      if (error instanceof ApiError) {
        this.loadError = error;
        this.reportError(error);
      }
    }
  }

  /** @internal Delivers what waits in the outbox; schedules the next retry when something still waits. */
  async flushOutbox(force = false, current?: OutboxEntry): Promise<void> {
    clearTimeout(this.retryTimer);
    if (!this.apiBase) return;
    try {
      const result = await deliverOutbox(
        this.outbox,
        this.api,
        {
          now: () => Date.now(),
          onDelivered: (entry, delivered) => this.onDelivered(entry, delivered, current),
          onRefused: (entry, error) => void this.onRefused(entry, error),
          onAttachmentRefused: (_entry, _file, error) => {
            this.reportError(error);
            this.incident = { ...this.incident, rejected: error };
          },
          onUploadProgress: (_entry, file, fraction) => {
            const uploads = this.incident.uploads.map((u) => (u.name === file.name ? { ...u, fraction } : u));
            this.incident = { ...this.incident, uploads };
          },
        },
        force,
      );
      this.incident = { ...this.incident, queued: result.waiting };
      await this.refreshOutbox();
      if (result.nextAttemptAt !== undefined && this.isConnected) {
        this.retryTimer = setTimeout(() => void this.flushOutbox(), Math.max(500, result.nextAttemptAt - Date.now()));
      }
    } catch (error) {
      console.warn('netscout-support: the outbox is unavailable', error);
    }
  }

  private onDelivered(entry: OutboxEntry, delivered: Case, current?: OutboxEntry): void {
    this.emit('netscout-incident-submitted', {
      caseId: delivered.id,
      caseNumber: delivered.number,
      dueAt: delivered.dueAt,
      idempotencyKey: entry.idempotencyKey,
    });
    if (!current || current.idempotencyKey === entry.idempotencyKey || this.incident.pending === entry.idempotencyKey) {
      this.incident = { ...this.incident, submitted: delivered, submitting: false, pending: undefined };
    }
    if (this.cases.list) void this.loadCases();
  }

  /** @internal Reads the outbox again for the notices (waiting for their author, refused, to confirm). */
  async refreshOutbox(): Promise<void> {
    if (!this.apiBase) return;
    try {
      this.outboxEntries = await this.outbox.entries(this.apiBase);
    } catch (error) {
      console.warn('netscout-support: the outbox is unavailable', error);
    }
  }

  /**
   * The server refused an incident. The one just submitted from this form goes back into the form, with the
   * server's reasons, and is saved as the draft before it leaves the outbox; any other stays in the outbox,
   * marked refused, and its author sees it with its text (see `renderOutboxNotices`).
   */
  private async onRefused(entry: OutboxEntry, error: ApiError): Promise<void> {
    this.reportError(error);
    if (this.incident.pending !== entry.idempotencyKey || !isAuthor(entry.author, this.me)) return;
    this.incident = {
      ...this.incident,
      fields: { ...emptyFields(), ...(entry.draft as Partial<IncidentFields>) },
      errors: serverFieldErrors(error.problem),
      submitting: false,
      pending: undefined,
      rejected: error,
    };
    try {
      await saveDraft(this);
      await this.outbox.remove(entry.idempotencyKey);
    } finally {
      await this.refreshOutbox();
    }
  }

  private onKeydownCapture = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this.mode === 'launcher' && this.opened) {
      event.preventDefault();
      this.close();
    }
  };

  protected override render(): TemplateResult {
    const m = this.messages;
    const panel = html`
      <div class="panel" part="panel" lang=${this.resolvedLocale}>
        <header part="header">
          <h2 id="title">${m.title}</h2>
          ${
            this.mode === 'launcher'
              ? html`<button class="close" type="button" @click=${() => this.close()}>
                  ${m.close}
                </button>`
              : nothing
          }
        </header>
        ${this.renderNav(m)}
        <div class="body" part="body">${renderOutboxNotices(this)}${this.renderView(m)}</div>
      </div>
    `;
    if (this.mode === 'inline') return html`<section aria-labelledby="title">${panel}</section>`;
    return html`
      <button
        class="launcher"
        part="launcher"
        type="button"
        aria-haspopup="dialog"
        aria-expanded=${this.opened ? 'true' : 'false'}
        @click=${(event: Event) => this.open(event.currentTarget as HTMLElement)}
      >
        ${m.launcher}
      </button>
      <dialog
        part="dialog"
        aria-labelledby="title"
        @keydown=${this.onKeydownCapture}
        @cancel=${(event: Event) => {
          event.preventDefault();
          this.close();
        }}
        @close=${() => this.close()}
      >
        ${this.opened ? panel : nothing}
      </dialog>
      <slot name="payment"></slot>
    `;
  }

  private renderNav(m: Messages): TemplateResult {
    const views: [WidgetView, string][] = [
      ['overview', m.views.overview],
      ['self-help', m.views.selfHelp],
      ['incident', m.views.incident],
      ['cases', m.views.cases],
    ];
    const upgrade = this.subscription?.entitlement.upgrade;
    if (upgrade === 'paid-plan' || upgrade === 'premium-plan') views.push(['upgrade', m.views.upgrade]);
    return html`
      <nav part="nav" aria-label=${m.title}>
        ${views.map(
          ([view, label]) => html`<button
            class="tab"
            type="button"
            data-view=${view}
            aria-current=${this.view === view ? 'page' : 'false'}
            @click=${() => this.show(view)}
          >
            ${label}
          </button>`,
        )}
      </nav>
    `;
  }

  private renderView(m: Messages): TemplateResult {
    if (this.loadError && !this.calendar) {
      return html`<div class="notice error" role="alert">
          <p>${this.errorText(this.loadError)}</p>
          <button class="secondary" type="button" @click=${() => this.load(true)}>${m.retry}</button>
        </div>
        ${this.view === 'self-help' ? renderSelfHelp(this) : nothing}`;
    }
    switch (this.view) {
      case 'overview':
        return renderOverview(this);
      case 'self-help':
        return renderSelfHelp(this);
      case 'incident':
        return renderIncident(this);
      case 'cases':
        return renderCases(this);
      case 'upgrade':
        return renderUpgrade(this);
    }
  }
}
