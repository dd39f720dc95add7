import { TaskStatus } from '@lit/task';
import type { PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { type ApiError, SupportApiClient } from '../../../../client/api.js';
import type { Me, Subscription, SupportCalendar } from '../../../../core/api/schemas.js';
import { LauncherDialogController } from '../../controllers/launcher-dialog.js';
import { LazyPartsController } from '../../controllers/lazy-parts.js';
import { MessagesController } from '../../controllers/messages.js';
import { OutboxController } from '../../controllers/outbox-controller.js';
import { ServerClockController } from '../../controllers/server-clock.js';
import { NetscoutElement } from '../../internal/netscout-element.js';
import type { OutboxEntry } from '../../internal/outbox.js';
import type { WidgetView } from '../../internal/part-events.js';
import type { Ui } from '../../internal/ui.js';
import { shared } from '../../styles/shared.styles.js';
import { takeWarmUp, type WarmUp, type WarmUpTarget } from '../../warm-up.js';
import { type IncidentFields, knownFields } from '../incident-form/incident-fields.js';
import type { FormLoad } from '../incident-form/incident-form.js';
import type { ArticleRequest } from '../self-help/self-help.js';
import { styles } from './netscout-support.styles.js';
import {
  asApiError,
  calendarTask,
  casesTask,
  caseTask,
  defaultApiBase,
  type LiveCasesHost,
  liveCases,
  meTask,
  subscriptionFor,
} from './netscout-support.tasks.js';
import { renderWidget, slotPaymentContainer } from './netscout-support.view.js';
import { refusedFormLoad } from './outbox-notices.js';

export type { WidgetView };

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
export class NetscoutSupport extends NetscoutElement implements LiveCasesHost {
  static override styles = [shared, styles];

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
  /** @internal The case shown in the cases view (none: the list). */
  @state() caseId: string | undefined;
  /** @internal Opened once, or inline: from then on the widget loads what it shows. */
  @state() activated = false;
  /** @internal */ @state() reloads = 0;
  /** @internal */ @state() casesAsked = 0;
  /** @internal */ @state() caseReads = 0;
  /** @internal */ @state() formLoad: FormLoad | undefined;
  /** @internal */ @state() formBusy = false;
  /** @internal */ @state() article: ArticleRequest | undefined;

  /** @internal */ readonly dialog = new LauncherDialogController(this);
  /** @internal */ readonly parts = new LazyPartsController(this, () => this.activated);
  private readonly words = new MessagesController(this);
  private client: [string, SupportApiClient] | undefined;
  /** @internal The requests the loader started at the click, for the first tasks. */
  warmUp: WarmUp | undefined;
  private interrupted = false;

  /** @internal The server's clock (deadlines are the server's). */ readonly clock = new ServerClockController(this);

  /** @internal */
  readonly outbox = new OutboxController(this, {
    apiBase: () => this.apiBase,
    api: () => this.api,
    onDelivered: () => void (this.casesTask.value && this.casesAsked++),
  });

  private readonly meTask = meTask(this);
  private readonly calendarTask = calendarTask(this);
  /** @internal */ readonly casesTask = casesTask(this);
  /** @internal */ readonly caseTask = caseTask(this);
  /** @internal How often the cases view is read again while on screen, in ms. */
  refreshMs = 5_000;
  private readonly live = liveCases(this);

  /** @internal How the parts speak: messages, locale and zone (undefined while the messages load). */
  get ui(): Ui | undefined {
    return this.words.ui(this.locale, this.timeZone);
  }

  /** @internal One client per API base (it reads the token at each call): parts get the same object each render. */
  get api(): SupportApiClient {
    if (this.client?.[0] !== this.apiBase) {
      const token = async () => (this.tokenProvider ? this.tokenProvider() : this.token || undefined);
      this.client = [this.apiBase, new SupportApiClient(this.apiBase, token, { language: () => this.ui?.lang })];
    }
    return this.client[1];
  }

  /** @internal The signed-in customer (`null`: nobody), only once known for the current credentials. */
  get me(): Me | null | undefined {
    const value = this.meTask.value;
    if (!value || value.base !== this.apiBase) return undefined;
    return value.token === this.token && value.provider === this.tokenProvider ? value.me : undefined;
  }

  /** @internal The support calendar of the current API. */
  get calendar(): SupportCalendar | undefined {
    const value = this.calendarTask.value;
    return value && value.base === this.apiBase ? value.calendar : undefined;
  }

  /** @internal Whether the overview's data is on its way. */
  get loading(): boolean {
    return this.meTask.status === TaskStatus.PENDING || this.calendarTask.status === TaskStatus.PENDING;
  }

  /** @internal Why the overview's data could not be loaded. */
  get loadError(): ApiError | undefined {
    const failed = [this.calendarTask, this.meTask].find((task) => task.status === TaskStatus.ERROR);
    return failed ? asApiError(failed.error) : undefined;
  }

  /** @internal Why the case asked for could not be shown. */
  get caseError(): ApiError | undefined {
    return this.caseTask.status === TaskStatus.ERROR ? asApiError(this.caseTask.error) : undefined;
  }

  /** @internal The customer's subscription to this page's service. */
  get subscription(): Subscription | undefined {
    return subscriptionFor(this.me, this.service);
  }

  /** Opens the widget. `trigger` gets the focus back on close (default: the focused element). */
  open(trigger?: HTMLElement | null): void {
    this.dialog.rememberTrigger(trigger);
    this.activated = true;
    if (!this.opened) this.opened = true;
  }

  /** Closes the widget and returns the focus to what opened it. */
  close(): void {
    if (this.opened) this.opened = false;
  }

  /** Shows one view (`overview`, `self-help`, `incident`, `cases`, `upgrade`), opening the widget if needed. */
  showView(view: WidgetView): void {
    this.view = view;
    if (view === 'cases') {
      this.caseId = undefined;
      this.casesAsked++;
    }
    this.reveal();
  }

  /** Shows one case of the signed-in customer by its id, opening the widget if needed. */
  openCase(id: string): void {
    this.view = 'cases';
    this.caseId = id;
    this.reveal();
  }

  /** Pre-fills the incident form (e.g. from a device page) and shows it. */
  prefill(fields: Partial<IncidentFields>): void {
    this.formLoad = { fields: knownFields(fields) };
    this.showView('incident');
  }

  private reveal(): void {
    this.activated = true;
    if (this.mode === 'launcher' && !this.opened) this.open();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.mode === 'inline') this.activated = true;
    if (this.interrupted) {
      this.interrupted = false;
      this.reloads++;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Nothing answers into a widget that left the page; coming back, it asks again.
    for (const task of [this.meTask, this.calendarTask, this.casesTask, this.caseTask]) {
      if (task.status === TaskStatus.PENDING) {
        task.abort();
        this.interrupted = true;
      }
    }
  }

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    // The loader may have put a placeholder launcher in an open shadow root: reuse it.
    this.shadowRoot?.replaceChildren();
    return super.createRenderRoot();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('mode') && this.mode === 'inline') this.activated = true;
    if (changed.get('opened') === false && this.opened) this.live.resume();
    if (changed.has('activated') && this.activated) {
      const token = this.tokenProvider ? undefined : this.token || undefined;
      this.warmUp = takeWarmUp(this as WarmUpTarget, this.apiBase, token, Date.now());
    }
    const who = changed.has('apiBase') || changed.has('token') || changed.has('tokenProvider');
    if (who && this.hasUpdated) {
      // Another customer may be signed in: nothing of the previous one stays on screen, and what this one
      // wrote earlier may go now.
      this.caseId = undefined;
      if (this.view === 'cases') this.casesAsked++;
      void this.outbox.flush(true);
    }
  }

  /** @internal */
  reportError(error: ApiError): void {
    this.emit('netscout-error', { code: error.code, message: error.message, status: error.status || undefined });
  }

  /** @internal Reloads what failed to load. */
  retry(): void {
    this.reloads++;
  }

  /** @internal A refused incident's text goes back into the form; the entry stays until the corrected one is sent. */
  editRefused(entry: OutboxEntry): void {
    this.formLoad = refusedFormLoad(entry, this.me);
    this.showView('incident');
  }

  /** @internal The customer confirms an incident of the earlier version as theirs: it is sent. */
  confirmEntry(entry: OutboxEntry): void {
    const me = this.me;
    if (!me) return;
    this.showView('incident'); // where the confirmation (or the refusal) of this submission shows
    void this.outbox.claim(entry, me);
  }

  /** @internal Makes the Braintree Drop-in's container in light DOM, slotted into the widget. */
  paymentContainer = (): HTMLElement => slotPaymentContainer(this);

  protected override render(): unknown {
    return renderWidget(this);
  }
}
