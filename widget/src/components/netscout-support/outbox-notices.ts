import { html, nothing, type TemplateResult } from 'lit';
import type { Me } from '../../../../core/api/schemas.js';
import type { Messages } from '../../i18n/messages.js';
import { isAuthor, type OutboxEntry } from '../../internal/outbox.js';
import { emptyFields, type IncidentFields, knownFields, serverFieldErrors } from '../incident-form/incident-fields.js';
import type { FormLoad } from '../incident-form/incident-form.js';

/** What the notices show, and what their buttons do (the root element acts). */
export interface OutboxNoticesInput {
  messages: Messages;
  me: Me | null | undefined;
  entries: OutboxEntry[];
  /** The form holds text the customer typed: a refused incident cannot be put back into it now. */
  formBusy: boolean;
  onEdit(entry: OutboxEntry): void;
  onDiscard(entry: OutboxEntry): void;
  onConfirm(entry: OutboxEntry): void;
}

/** The services the signed-in customer may file incidents for now. */
export function entitledServices(me: Me | null | undefined): string[] {
  return (me?.subscriptions ?? [])
    .filter((s) => s.status === 'active' && s.entitlement.canSubmitIncidents)
    .map((s) => s.serviceId);
}

/** What goes back into the form when the author edits a refused entry (it stays until the corrected one is sent). */
export function refusedFormLoad(entry: OutboxEntry, me: Me | null | undefined): FormLoad {
  const fields: IncidentFields = { ...emptyFields(), ...knownFields(entry.draft as Record<string, unknown>) };
  if (!entitledServices(me).includes(fields.serviceId)) fields.serviceId = '';
  return { fields, errors: serverFieldErrors(entry.refused?.problem), replaces: entry.idempotencyKey };
}

/** An entry written before authors were recorded, addressed (by its contact email) to this customer. */
function addressedTo(entry: OutboxEntry, email: string): boolean {
  return contactOf(entry).toLowerCase() === email.trim().toLowerCase();
}

/** The entry's contact email; '' for an entry stored without one (another version, a damaged store). */
function contactOf(entry: OutboxEntry): string {
  return String(entry.draft?.contactEmail ?? '').trim();
}

function draftText(messages: Messages, entry: OutboxEntry): TemplateResult {
  const m = messages.incident;
  return html`<dl>
    <dt>${m.subject}</dt>
    <dd class="quoted" data-testid="outbox-subject">${String(entry.draft?.subject ?? '')}</dd>
    <dt>${m.description}</dt>
    <dd class="quoted" data-testid="outbox-description">${String(entry.draft?.description ?? '')}</dd>
  </dl>`;
}

/**
 * What the outbox holds that the customer must know about, each shown only to whom it concerns: incidents
 * another customer wrote here (a count and their email, never their text), the signed-in customer's
 * refused incidents (their text, the server's reason, edit or discard) and incidents of the earlier
 * version addressed to them (send or discard). Nothing while the customer is not known yet.
 */
export function renderOutboxNotices(input: OutboxNoticesInput): TemplateResult | typeof nothing {
  const me = input.me;
  if (me === undefined || input.entries.length === 0) return nothing;
  const m = input.messages.outbox;
  const waiting = new Map<string, number>();
  const refused: OutboxEntry[] = [];
  const toConfirm: OutboxEntry[] = [];
  for (const entry of input.entries) {
    const mine = isAuthor(entry.author, me);
    if (entry.refused) {
      if (mine) refused.push(entry);
    } else if (!entry.author && me && addressedTo(entry, me.user.email)) toConfirm.push(entry);
    else if (!mine) {
      const email = entry.author?.email ?? contactOf(entry);
      waiting.set(email, (waiting.get(email) ?? 0) + 1);
    }
  }
  const busy = input.formBusy;
  // Without a plan that files incidents there is no form to put the text back into: copy or discard.
  const canFile = entitledServices(me).length > 0;
  return html`
    ${[...waiting].map(
      ([email, count]) => html`<p class="notice queued" role="status" data-testid="waiting-for-author">
        ${m.waitingForAuthor(count, email)}
      </p>`,
    )}
    ${refused.map(
      (entry) => html`<section class="notice error" role="alert" data-testid="refused">
        <h3>${m.refusedHeading}</h3>
        <p data-testid="refused-reason">
          ${m.refusedReason(entry.refused?.problem?.detail ?? entry.refused?.message ?? '')}
        </p>
        <p class="hint">${m.refusedHelp}</p>
        ${draftText(input.messages, entry)}
        <div class="actions">
          ${
            canFile
              ? html`<button
                  class="secondary"
                  type="button"
                  data-action="edit"
                  ?disabled=${busy}
                  @click=${() => input.onEdit(entry)}
                >
                  ${m.edit}
                </button>`
              : nothing
          }
          <button class="secondary" type="button" data-action="discard" @click=${() => input.onDiscard(entry)}>
            ${m.discard}
          </button>
        </div>
        ${busy && canFile ? html`<p class="hint">${m.editBlocked}</p>` : nothing}
      </section>`,
    )}
    ${toConfirm.map(
      (entry) => html`<section class="notice queued" data-testid="needs-confirmation">
        <p>${m.needsConfirmation}</p>
        ${draftText(input.messages, entry)}
        <div class="actions">
          <button class="primary" type="button" data-action="confirm" @click=${() => input.onConfirm(entry)}>
            ${m.confirmSend(me?.user.email ?? '')}
          </button>
          <button class="secondary" type="button" data-action="discard" @click=${() => input.onDiscard(entry)}>
            ${m.discard}
          </button>
        </div>
      </section>`,
    )}
  `;
}
