import { html, nothing, type TemplateResult } from 'lit';
import { formatDateTime, formatList, holidayName } from '../../../../client/format.js';
import type { Case, Subscription } from '../../../../core/api/schemas.js';
import { attachmentAccept } from '../../../../core/attachments.js';
import { safeHref } from '../../internal/format.js';
import { errorText } from '../../internal/ui.js';
import { renderFileRefusals } from './file-refusals.js';
import { type Field, isHardwareBacked } from './incident-fields.js';
import type { NetscoutIncidentForm } from './incident-form.js';

/** The confirmation: case number, the deadline in the customer's zone, the holidays that moved it. */
export function renderSubmitted(form: NetscoutIncidentForm, submitted: Case): TemplateResult {
  const { messages, locale, zone } = form.ui;
  const m = messages.incident;
  const holidays = [...new Map(submitted.sla.delayedBy.map((h) => [h.id, h])).values()];
  const names = holidays.map((h) => holidayName(messages.client, h.id, h.name));
  const myAccount = safeHref(submitted.myAccountUrl);
  return html`
    <div data-testid="submitted" class="notice" role="status">
      <h3 tabindex="-1" data-focus-after-submit>${m.submittedHeading(submitted.number)}</h3>
      <p data-testid="due-by">${m.dueBy(formatDateTime(submitted.dueAt, locale, zone))}</p>
      ${names.length ? html`<p data-testid="delayed-by">${m.delayedBy(formatList(names, locale))}</p>` : nothing}
      ${renderFileRefusals(messages, form.outbox.refusedFiles.get(submitted.id), 'notAttached', 'files-not-attached')}
      ${
        myAccount
          ? html`<p><a href=${myAccount} target="_blank" rel="noopener noreferrer">${m.myAccountLink}</a></p>`
          : nothing
      }
    </div>
    <button class="secondary" type="button" @click=${() => form.newIncident()}>${m.newIncident}</button>
  `;
}

function renderSuggestions(form: NetscoutIncidentForm): TemplateResult | typeof nothing {
  const items = form.suggestions.results?.slice(0, 3) ?? [];
  if (!items.length) return nothing;
  return html`<div data-testid="suggestions">
    <p class="hint">${form.ui.messages.incident.suggestions}</p>
    <ul>
      ${items.map(
        (s) => html`<li>
          <button
            class="link-button"
            type="button"
            @click=${() => form.tell('netscout-open-article', { slug: s.slug, lang: s.lang })}
          >
            ${s.title}
          </button>
        </li>`,
      )}
    </ul>
  </div>`;
}

function renderNotices(form: NetscoutIncidentForm): TemplateResult {
  const m = form.ui.messages;
  const errorCount = Object.keys(form.errors).length;
  return html`
    ${form.draftRestored ? html`<p class="notice" data-testid="draft-restored">${m.incident.draftRestored}</p>` : nothing}
    ${
      form.queuedNotice || form.queued > 0
        ? html`<p class="notice queued" role="status" data-testid="queued">
            ${m.incident.queued} ${form.queued > 0 ? m.incident.queuedCount(form.queued) : ''}
            ${form.outbox.persistent ? '' : m.incident.queuedInPageOnly}
          </p>`
        : nothing
    }
    ${
      form.rejected && errorCount === 0
        ? html`<p class="notice error" role="alert">${errorText(m, form.rejected)}</p>`
        : nothing
    }
    ${errorCount ? html`<p class="notice error" role="alert" data-testid="error-summary">${m.incident.fixErrors(errorCount)}</p>` : nothing}
  `;
}

/** The form itself, for the services `entitled` to incidents. */
export function renderFields(form: NetscoutIncidentForm, entitled: Subscription[]): TemplateResult {
  const m = form.ui.messages;
  const { fields, errors } = form;
  const serviceId = fields.serviceId || form.service || entitled[0]!.serviceId;
  const onInput = (field: Field) => (event: Event) =>
    form.onField(field, (event.target as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement).value);
  const input = (field: Field, label: string, type = 'text') => html`
    <label for="f-${field}">${label}</label>
    <input
      id="f-${field}"
      name=${field}
      type=${type}
      .value=${fields[field]}
      aria-invalid=${errors[field] ? 'true' : 'false'}
      aria-describedby=${errors[field] ? `e-${field}` : nothing}
      @input=${onInput(field)}
    />
    ${errors[field] ? html`<p class="field-error" id="e-${field}">${errors[field]}</p>` : nothing}
  `;
  return html`
    <form novalidate data-testid="incident-form" @submit=${(event: Event) => form.submit(event)}>
      ${renderNotices(form)}
      ${m.overview.englishOnly ? html`<p class="notice" data-testid="english-only">${m.overview.englishOnly}</p>` : nothing}
      <label for="f-serviceId">${m.incident.service}</label>
      <select id="f-serviceId" name="serviceId" @change=${onInput('serviceId')}>
        ${entitled.map((s) => html`<option value=${s.serviceId} ?selected=${s.serviceId === serviceId}>${s.serviceName}</option>`)}
      </select>
      ${input('subject', m.incident.subject)} ${renderSuggestions(form)}
      <label for="f-description">${m.incident.description}</label>
      <textarea
        id="f-description"
        name="description"
        .value=${fields.description}
        aria-invalid=${errors.description ? 'true' : 'false'}
        aria-describedby=${errors.description ? 'h-description e-description' : 'h-description'}
        @input=${onInput('description')}
      ></textarea>
      <p class="hint" id="h-description">${m.incident.descriptionHint}</p>
      ${errors.description ? html`<p class="field-error" id="e-description">${errors.description}</p>` : nothing}
      ${
        isHardwareBacked(serviceId)
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
        accept=${attachmentAccept()}
        aria-describedby=${form.refusedFiles.length ? 'h-files files-not-sent' : 'h-files'}
        @change=${(event: Event) => form.onFiles([...((event.target as HTMLInputElement).files ?? [])])}
      />
      <p class="hint" id="h-files">${m.attachments.hint}</p>
      ${renderFileRefusals(m, form.refusedFiles, 'notSent', 'files-not-sent')}
      ${form.uploads.map(
        (u) => html`<label for="u-${u.name}" class="hint">${m.incident.uploading(u.name)}</label>
          <progress id="u-${u.name}" max="1" .value=${u.fraction}></progress>`,
      )}
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${form.submitting} aria-busy=${form.submitting ? 'true' : 'false'}>
          ${form.submitting ? m.incident.submitting : m.incident.submit}
        </button>
      </div>
    </form>
  `;
}
