import { html, nothing, type TemplateResult } from 'lit';
import type { ApiError } from '../../../../../client/api.js';
import { contract } from '../../../../../client/contract.js';
import { formatDateTime, formatList } from '../../../../../client/format.js';
import type { Case, IncidentDraft, KbSearchResults, Problem } from '../../../../../core/api/schemas.js';
import { findService, SERVICE_TYPES } from '../../../../../core/catalog.js';
import type { Messages } from '../../../i18n/messages.js';
import { safeHref } from '../../../internal/format.js';
import { authorOf } from '../../../internal/outbox.js';
import { draftKey, saveDraft } from '../incident-draft.js';
import type { NetscoutSupport } from '../netscout-support.js';
import { holidayName } from './overview.js';
import { openArticle, searchAsYouType } from './self-help.js';

/** The incident form's fields, as typed (strings, possibly empty). */
export type IncidentFields = Record<keyof IncidentDraft, string>;
type Field = keyof IncidentFields;

export interface IncidentState {
  fields: IncidentFields;
  files: File[];
  errors: Partial<Record<Field, string>>;
  submitting: boolean;
  uploads: { name: string; fraction: number }[];
  suggestions: KbSearchResults['items'];
  draftRestored: boolean;
  /** Incidents waiting in the outbox. */
  queued: number;
  /** Idempotency key of the submission in flight. */
  pending?: string;
  /** The submission went to the outbox because the network failed. */
  queuedNotice?: boolean;
  submitted?: Case;
  rejected?: ApiError;
  /** Idempotency key of the refused outbox entry whose text was put back in the form: it leaves on submit. */
  replaces?: string;
}

export function emptyFields(): IncidentFields {
  return { serviceId: '', subject: '', description: '', deviceSerial: '', firmwareVersion: '', contactEmail: '' };
}

const ORDER: Field[] = ['serviceId', 'subject', 'description', 'deviceSerial', 'firmwareVersion', 'contactEmail'];

function isHardwareBacked(serviceId: string): boolean {
  const service = findService(serviceId);
  return service ? SERVICE_TYPES[service.serviceType].hardwareBacked : false;
}

/** The draft the form describes: trimmed, with empty optional fields left out. */
export function draftOf(fields: IncidentFields): Record<string, string> {
  const draft: Record<string, string> = {};
  for (const field of ORDER) {
    const value = fields[field].trim();
    if (value !== '' || (field !== 'deviceSerial' && field !== 'firmwareVersion')) draft[field] = value;
  }
  return draft;
}

interface Issue {
  code: string;
  path: PropertyKey[];
  minimum?: unknown;
  maximum?: unknown;
  format?: string;
  params?: { minimumVisible?: number };
  message: string;
}

function issueText(issue: Issue, field: Field, value: string, m: Messages['incident']['fieldError']): string {
  switch (issue.code) {
    case 'too_small':
      return value.trim() === '' ? m.required : m.minLength(Number(issue.minimum));
    case 'too_big':
      return m.maxLength(Number(issue.maximum));
    case 'invalid_format':
      if (field === 'contactEmail') return value.trim() === '' ? m.required : m.email;
      if (field === 'deviceSerial') return m.serial;
      if (field === 'firmwareVersion') return m.firmware;
      if (field === 'serviceId') return m.unknownService;
      return m.controlCharacters;
    case 'custom':
      if (issue.params?.minimumVisible !== undefined) return m.minVisible(issue.params.minimumVisible);
      return field === 'serviceId' ? m.unknownService : m.requiredHardware;
    default:
      return m.required;
  }
}

/** The server's per-field reasons (a problem document's `errors`), by form field. */
export function serverFieldErrors(problem: Problem | undefined): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  for (const issue of problem?.errors ?? []) {
    const field = issue.path.replace(/^\//, '').split(/[./]/)[0] as Field;
    if (ORDER.includes(field)) errors[field] = issue.message;
  }
  return errors;
}

/** Validates the form with the contract's `IncidentDraft` schema; errors are in the UI's language. */
export function validateIncident(
  fields: IncidentFields,
  messages: Messages,
): { draft: IncidentDraft; errors?: undefined } | { draft?: undefined; errors: Partial<Record<Field, string>> } {
  const parsed = contract().IncidentDraft.safeParse(draftOf(fields));
  if (parsed.success) return { draft: parsed.data };
  const errors: Partial<Record<Field, string>> = {};
  for (const issue of parsed.error.issues as Issue[]) {
    const field = issue.path[0] as Field;
    if (!ORDER.includes(field) || errors[field]) continue;
    errors[field] = issueText(issue, field, fields[field], messages.incident.fieldError);
  }
  return { errors };
}

async function submit(host: NetscoutSupport, event: Event): Promise<void> {
  event.preventDefault();
  const me = host.me;
  if (host.incident.submitting || !me) return;
  const fields = { ...host.incident.fields, serviceId: host.incident.fields.serviceId || host.service };
  const result = validateIncident(fields, host.messages);
  if (result.errors) {
    host.incident = { ...host.incident, fields, errors: result.errors, rejected: undefined };
    await host.updateComplete;
    const first = ORDER.find((f) => result.errors[f]);
    host.shadowRoot?.querySelector<HTMLElement>(`#f-${first}`)?.focus();
    return;
  }
  const files = host.incident.files.map((file) => ({ name: file.name, type: file.type, blob: file as Blob }));
  host.incident = {
    ...host.incident,
    fields,
    errors: {},
    submitting: true,
    rejected: undefined,
    queuedNotice: false,
    uploads: files.map((f) => ({ name: f.name, fraction: 0 })),
  };
  // Written to IndexedDB before the first byte goes out: nothing is lost if the network or the tab dies.
  // Bound to the customer who wrote it: only their credentials will ever send it.
  const entry = await host.outbox.add(host.apiBase, authorOf(me), result.draft, files, Date.now());
  const replaces = host.incident.replaces;
  host.incident = { ...host.incident, pending: entry.idempotencyKey, draftRestored: false, replaces: undefined };
  // The refused submission this one corrects is now in the outbox again, as this entry.
  if (replaces) await host.outbox.remove(replaces);
  const key = draftKey(host);
  if (key) await host.outbox.clearDraft(key);
  await host.flushOutbox(true, entry);
  if (host.incident.pending === entry.idempotencyKey && !host.incident.submitted) {
    host.incident = {
      ...host.incident,
      submitting: false,
      queuedNotice: true,
      pending: undefined,
      fields: { ...emptyFields(), contactEmail: fields.contactEmail },
      files: [],
      uploads: [],
    };
    host.emit('netscout-incident-queued', { idempotencyKey: entry.idempotencyKey, draft: result.draft, offline: true });
  } else if (host.incident.submitted) {
    host.incident = { ...host.incident, fields: { ...emptyFields(), contactEmail: fields.contactEmail }, files: [] };
  }
  await host.updateComplete;
  host.shadowRoot?.querySelector<HTMLElement>('[data-focus-after-submit]')?.focus();
}

function onField(host: NetscoutSupport, field: Field, value: string): void {
  const errors = { ...host.incident.errors };
  delete errors[field];
  host.incident = { ...host.incident, fields: { ...host.incident.fields, [field]: value }, errors };
  void saveDraft(host);
  if (field === 'subject') {
    searchAsYouType(host, value, (items) => {
      host.incident = { ...host.incident, suggestions: items?.slice(0, 3) ?? [] };
    });
  }
}

function renderSubmitted(host: NetscoutSupport, submitted: Case): TemplateResult {
  const m = host.messages.incident;
  const holidays = [...new Map(submitted.sla.delayedBy.map((h) => [h.id, h])).values()];
  const names = holidays.map((h) => holidayName(host, h.id, h.name));
  return html`
    <div data-testid="submitted" class="notice" role="status">
      <h3 tabindex="-1" data-focus-after-submit>${m.submittedHeading(submitted.number)}</h3>
      <p data-testid="due-by">${m.dueBy(formatDateTime(submitted.dueAt, host.intlLocale, host.zone))}</p>
      ${names.length ? html`<p data-testid="delayed-by">${m.delayedBy(formatList(names, host.intlLocale))}</p>` : nothing}
      ${
        safeHref(submitted.myAccountUrl)
          ? html`<p>
              <a href=${safeHref(submitted.myAccountUrl)} target="_blank" rel="noopener noreferrer">${m.myAccountLink}</a>
            </p>`
          : nothing
      }
    </div>
    <button
      class="secondary"
      type="button"
      @click=${() => (host.incident = { ...host.incident, submitted: undefined, uploads: [] })}
    >
      ${m.newIncident}
    </button>
  `;
}

/** The new-incident form, or why the customer cannot file one. */
export function renderIncident(host: NetscoutSupport): TemplateResult {
  const m = host.messages;
  const state = host.incident;
  if (state.submitted) return renderSubmitted(host, state.submitted);
  if (!host.calendar && !host.loadError) return html`<p role="status">${m.loading}</p>`;
  if (!host.me) return html`<p class="notice">${m.overview.signIn}</p>`;
  const entitled = host.me.subscriptions.filter((s) => s.status === 'active' && s.entitlement.canSubmitIncidents);
  const own = host.subscription;
  if (entitled.length === 0 || (own && !own.entitlement.canSubmitIncidents)) {
    const e = own?.entitlement;
    return html`<div class="notice" data-testid="not-entitled">
      <p><strong>${m.incident.notEntitled}</strong></p>
      ${e?.reason ? html`<p>${m.overview.reason[e.reason]}</p>` : nothing}
      ${e?.upgrade ? html`<p>${m.overview.upgrade[e.upgrade]}</p>` : nothing}
      ${
        e?.upgrade === 'paid-plan' || e?.upgrade === 'premium-plan'
          ? html`<button class="primary" type="button" @click=${() => host.show('upgrade')}>${m.views.upgrade}</button>`
          : nothing
      }
    </div>`;
  }
  const fields = state.fields;
  const serviceId = fields.serviceId || host.service || entitled[0]!.serviceId;
  const hardware = isHardwareBacked(serviceId);
  const errorCount = Object.keys(state.errors).length;
  const input = (field: Field, label: string, type = 'text', hint?: string, optional = false) => html`
    <label for="f-${field}">${label}${optional ? html` <span class="muted">(${m.incident.optional})</span>` : nothing}</label>
    <input
      id="f-${field}"
      name=${field}
      type=${type}
      .value=${fields[field]}
      aria-invalid=${state.errors[field] ? 'true' : 'false'}
      aria-describedby=${[hint ? `h-${field}` : '', state.errors[field] ? `e-${field}` : ''].join(' ').trim() || nothing}
      @input=${(event: Event) => onField(host, field, (event.target as HTMLInputElement).value)}
    />
    ${hint ? html`<p class="hint" id="h-${field}">${hint}</p>` : nothing}
    ${state.errors[field] ? html`<p class="field-error" id="e-${field}">${state.errors[field]}</p>` : nothing}
  `;
  return html`
    <form novalidate data-testid="incident-form" @submit=${(event: Event) => submit(host, event)}>
      ${state.draftRestored ? html`<p class="notice" data-testid="draft-restored">${m.incident.draftRestored}</p>` : nothing}
      ${
        state.queuedNotice || state.queued > 0
          ? html`<p class="notice queued" role="status" data-testid="queued">
              ${m.incident.queued} ${state.queued > 0 ? m.incident.queuedCount(state.queued) : ''}
              ${host.outbox.persistent ? '' : m.incident.queuedInPageOnly}
            </p>`
          : nothing
      }
      ${
        state.rejected && errorCount === 0
          ? html`<p class="notice error" role="alert">${host.errorText(state.rejected)}</p>`
          : nothing
      }
      ${errorCount ? html`<p class="notice error" role="alert" data-testid="error-summary">${m.incident.fixErrors(errorCount)}</p>` : nothing}
      <label for="f-serviceId">${m.incident.service}</label>
      <select
        id="f-serviceId"
        name="serviceId"
        @change=${(event: Event) => onField(host, 'serviceId', (event.target as HTMLSelectElement).value)}
      >
        ${entitled.map((s) => html`<option value=${s.serviceId} ?selected=${s.serviceId === serviceId}>${s.serviceName}</option>`)}
      </select>
      ${input('subject', m.incident.subject)}
      ${
        state.suggestions.length
          ? html`<div data-testid="suggestions">
              <p class="hint">${m.incident.suggestions}</p>
              <ul>
                ${state.suggestions.map(
                  (s) => html`<li>
                    <button
                      class="link-button"
                      type="button"
                      @click=${() => {
                        host.show('self-help');
                        void openArticle(host, s.slug, s.lang);
                      }}
                    >
                      ${s.title}
                    </button>
                  </li>`,
                )}
              </ul>
            </div>`
          : nothing
      }
      <label for="f-description">${m.incident.description}</label>
      <textarea
        id="f-description"
        name="description"
        .value=${fields.description}
        aria-invalid=${state.errors.description ? 'true' : 'false'}
        aria-describedby=${state.errors.description ? 'h-description e-description' : 'h-description'}
        @input=${(event: Event) => onField(host, 'description', (event.target as HTMLTextAreaElement).value)}
      ></textarea>
      <p class="hint" id="h-description">${m.incident.descriptionHint}</p>
      ${state.errors.description ? html`<p class="field-error" id="e-description">${state.errors.description}</p>` : nothing}
      ${
        hardware
          ? html`<p class="hint">${m.incident.hardwareHint}</p>
              ${input('deviceSerial', m.incident.deviceSerial)} ${input('firmwareVersion', m.incident.firmwareVersion)}`
          : nothing
      }
      ${input('contactEmail', m.incident.contactEmail, 'email')}
      <label for="f-files">${m.incident.attachments} <span class="muted">(${m.incident.optional})</span></label>
      <input
        id="f-files"
        type="file"
        multiple
        @change=${(event: Event) => {
          host.incident = { ...host.incident, files: [...((event.target as HTMLInputElement).files ?? [])] };
        }}
      />
      ${state.uploads.map(
        (u) => html`<label for="u-${u.name}" class="hint">${m.incident.uploading(u.name)}</label>
          <progress id="u-${u.name}" max="1" .value=${u.fraction}></progress>`,
      )}
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${state.submitting} aria-busy=${state.submitting ? 'true' : 'false'}>
          ${state.submitting ? m.incident.submitting : m.incident.submit}
        </button>
      </div>
    </form>
  `;
}
