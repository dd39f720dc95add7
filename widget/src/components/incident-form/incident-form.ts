import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ApiError, SupportApiClient } from '../../../../client/api.js';
import type { Case, Me } from '../../../../core/api/schemas.js';
import { type AttachmentRefusal, checkAttachment } from '../../../../core/attachments.js';
import { KbSearchController } from '../../controllers/kb-search.js';
import type { OutboxController } from '../../controllers/outbox-controller.js';
import { NetscoutElement } from '../../internal/netscout-element.js';
import type { Ui } from '../../internal/ui.js';
import { shared } from '../../styles/shared.styles.js';
import { draftKey, saveDraft, savedDraft } from './incident-draft.js';
import {
  emptyFields,
  FIELD_ORDER,
  type Field,
  type FieldErrors,
  hasText,
  type IncidentFields,
  serverFieldErrors,
  validateIncident,
} from './incident-fields.js';
import { styles } from './incident-form.styles.js';
import { renderFields, renderSubmitted } from './incident-form.view.js';

/** Text the root puts in the form: `prefill()`, or a refused incident its author edits again. */
export interface FormLoad {
  fields: Partial<IncidentFields>;
  errors?: FieldErrors;
  /** The refused outbox entry this text comes from: it leaves when the corrected incident is submitted. */
  replaces?: string;
}

/**
 * The new-incident form: validation in the customer's language, a draft saved as they type (given back
 * only to them), knowledge-base suggestions, attachments with progress, and a submission that goes through
 * the outbox so that it cannot be lost.
 *
 * @event netscout-incident-queued - The submission waits in the outbox for the network.
 */
export class NetscoutIncidentForm extends NetscoutElement {
  static override styles = [shared, styles];

  @property({ attribute: false }) ui!: Ui;
  /** The signed-in customer; `null` when nobody is, `undefined` while that is not known. */
  @property({ attribute: false }) me: Me | null | undefined;
  /** Whether the widget still waits for its first answers. */
  @property({ type: Boolean }) loading = false;
  @property() service = '';
  @property({ attribute: false }) apiBase = '';
  @property({ attribute: false }) api!: SupportApiClient;
  @property({ attribute: false }) outbox!: OutboxController;
  /** Incidents of this customer waiting in the outbox. */
  @property({ type: Number }) queued = 0;
  /** The last incident the outbox delivered (maybe one that waited): its confirmation shows here. */
  @property({ attribute: false }) delivered: Case | undefined;
  @property({ attribute: false }) load: FormLoad | undefined;

  @state() fields: IncidentFields = emptyFields();
  @state() files: File[] = [];
  /** Picked files the form will not send, with the reason (the picker's check against core's table). */
  @state() refusedFiles: { name: string; reason: AttachmentRefusal }[] = [];
  @state() errors: FieldErrors = {};
  @state() submitting = false;
  @state() uploads: { name: string; fraction: number }[] = [];
  @state() draftRestored = false;
  @state() queuedNotice = false;
  @state() submitted: Case | undefined;
  @state() rejected: ApiError | undefined;
  private replaces: string | undefined;
  /** The draft key of the customer (and service) whose text the form holds. */
  private adoptedKey: string | undefined;
  private reportedText = false;
  readonly suggestions = new KbSearchController(this);

  /** Whether the form holds text the customer typed. */
  get hasText(): boolean {
    return hasText(this.fields);
  }

  private get key(): string | undefined {
    return this.me ? draftKey(this.apiBase, this.service, this.me) : undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('load') && this.load) {
      this.fields = { ...this.fields, ...this.load.fields };
      this.errors = this.load.errors ?? {};
      this.replaces = this.load.replaces;
      this.rejected = this.submitted = undefined;
      this.queuedNotice = false;
      void this.save();
      // Suggestions follow the subject whoever writes it: emptied by prefill(), none stay from the old one.
      this.suggest();
    }
    if ((changed.has('me') || changed.has('service') || changed.has('apiBase')) && this.me) this.adopt(this.me);
    if (changed.has('delivered') && this.delivered && !this.submitting) {
      this.submitted = this.delivered;
      this.queuedNotice = false;
    }
  }

  protected override updated(): void {
    if (this.hasText !== this.reportedText) {
      this.reportedText = this.hasText;
      this.tell('netscout-form-text', { hasText: this.reportedText });
    }
  }

  /**
   * The form now belongs to `me` (for this service): another customer's text leaves it (it is saved as
   * their draft), text filled in before anyone was known (`prefill`) is kept and saved as `me`'s, and
   * `me`'s own draft comes back.
   */
  private adopt(me: Me): void {
    const key = draftKey(this.apiBase, this.service, me);
    if (key === this.adoptedKey) return;
    if (this.adoptedKey !== undefined) this.reset();
    this.adoptedKey = key;
    if (!this.fields.contactEmail) this.fields = { ...this.fields, contactEmail: me.user.email };
    if (this.hasText) void this.save();
    else void this.restore(me, key);
  }

  private async restore(me: Me, key: string): Promise<void> {
    const saved = await savedDraft(this.outbox.store, key, me);
    if (!saved || this.adoptedKey !== key || this.hasText) return;
    this.fields = { ...this.fields, ...saved };
    this.draftRestored = true;
  }

  private save(): Promise<void> {
    const key = this.key;
    return key && this.me ? saveDraft(this.outbox.store, key, this.me, this.fields) : Promise.resolve();
  }

  /** Empties the form (its text stays in its author's saved draft). */
  private reset(): void {
    this.fields = emptyFields();
    this.files = [];
    this.refusedFiles = [];
    this.errors = {};
    this.uploads = [];
    this.suggestions.clear();
    this.draftRestored = this.queuedNotice = false;
    this.rejected = this.submitted = this.replaces = undefined;
  }

  /** @internal */
  onField(field: Field, value: string): void {
    const errors = { ...this.errors };
    delete errors[field];
    this.errors = errors;
    this.fields = { ...this.fields, [field]: value };
    void this.save();
    if (field === 'subject' || field === 'serviceId') this.suggest();
  }

  private suggest(): void {
    if (this.api)
      this.suggestions.search(this.api, this.fields.subject, this.ui.lang, this.fields.serviceId || this.service);
  }

  /** @internal */
  onFiles(files: File[]): void {
    this.files = [];
    this.refusedFiles = [];
    for (const file of files) {
      const reason = checkAttachment(file, this.files.length);
      if (reason) this.refusedFiles.push({ name: file.name, reason });
      else this.files.push(file);
    }
  }

  /** @internal */
  async submit(event: Event): Promise<void> {
    event.preventDefault();
    const me = this.me;
    if (this.submitting || !me) return;
    const fields = { ...this.fields, serviceId: this.fields.serviceId || this.service };
    const result = validateIncident(fields, this.ui.messages);
    this.fields = fields;
    this.rejected = undefined;
    if (result.errors) {
      this.errors = result.errors;
      await this.updateComplete;
      const first = FIELD_ORDER.find((f) => result.errors[f]);
      this.renderRoot.querySelector<HTMLElement>(`#f-${first}`)?.focus();
      return;
    }
    const files = this.files.map((file) => ({ name: file.name, type: file.type, blob: file as Blob }));
    this.errors = {};
    this.submitting = true;
    this.queuedNotice = this.draftRestored = false;
    this.uploads = files.map((f) => ({ name: f.name, fraction: 0 }));
    const replaces = this.replaces;
    this.replaces = undefined;
    const key = this.key;
    const outcome = await this.outbox.submit(
      me,
      result.draft,
      files,
      {
        // Submitted, the text lives in the outbox: a draft kept too would come back after a reload.
        onStored: async () => {
          if (key) await this.outbox.store.clearDraft(key).catch(() => undefined);
        },
        onProgress: (file, fraction) => {
          this.uploads = this.uploads.map((u) => (u.name === file.name ? { ...u, fraction } : u));
        },
      },
      replaces,
    );
    this.submitting = false;
    if (outcome.kind === 'refused') {
      // The text goes back into the form with the server's reasons, saved as the draft before the entry goes.
      this.errors = serverFieldErrors(outcome.error.problem);
      this.rejected = outcome.error;
      await this.save();
      await this.outbox.discard(outcome.entry.idempotencyKey);
      return;
    }
    this.fields = { ...emptyFields(), contactEmail: fields.contactEmail };
    this.files = [];
    this.refusedFiles = [];
    this.suggestions.clear();
    if (outcome.kind === 'delivered') this.submitted = outcome.case;
    else {
      this.uploads = [];
      this.queuedNotice = true;
      this.emit('netscout-incident-queued', {
        idempotencyKey: outcome.idempotencyKey,
        draft: result.draft,
        offline: true,
      });
    }
    await this.updateComplete;
    if (this.submitted) this.renderRoot.querySelector<HTMLElement>('[data-focus-after-submit]')?.focus();
    // The notice is above the form the customer scrolled down to send: it comes into view.
    else this.renderRoot.querySelector('[data-testid="queued"]')?.scrollIntoView({ block: 'nearest' });
  }

  /** @internal */
  newIncident(): void {
    this.submitted = undefined;
    this.uploads = [];
  }

  protected override render(): TemplateResult {
    const m = this.ui.messages;
    if (this.submitted) return renderSubmitted(this, this.submitted);
    if (this.loading) return html`<p role="status">${m.loading}</p>`;
    if (!this.me) return html`<p class="notice">${m.overview.signIn}</p>`;
    const entitled = this.me.subscriptions.filter((s) => s.status === 'active' && s.entitlement.canSubmitIncidents);
    const active = this.me.subscriptions.filter((s) => s.status === 'active');
    const own = this.service ? active.find((s) => s.serviceId === this.service) : active[0];
    if (entitled.length === 0 || (own && !own.entitlement.canSubmitIncidents)) {
      const e = own?.entitlement;
      return html`<div class="notice" data-testid="not-entitled">
        <p><strong>${m.incident.notEntitled}</strong></p>
        ${e?.reason ? html`<p>${m.overview.reason[e.reason]}</p>` : nothing}
        ${e?.upgrade ? html`<p>${m.overview.upgrade[e.upgrade]}</p>` : nothing}
        ${
          e?.upgrade === 'paid-plan' || e?.upgrade === 'premium-plan'
            ? html`<button class="primary" type="button" @click=${() => this.tell('netscout-show-view', { view: 'upgrade' })}>
                ${m.views.upgrade}
              </button>`
            : nothing
        }
      </div>`;
    }
    return renderFields(this, entitled);
  }
}
