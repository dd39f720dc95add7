import { html, nothing, type TemplateResult } from 'lit';
import { authorOf, isAuthor, type OutboxEntry } from '../../../internal/outbox.js';
import { formHasText, saveDraft } from '../incident-draft.js';
import type { NetscoutSupport } from '../netscout-support.js';
import { emptyFields, type IncidentFields, serverFieldErrors } from './incident.js';

/** The services the signed-in customer may file incidents for now. */
function entitledServices(host: NetscoutSupport): string[] {
  return (host.me?.subscriptions ?? [])
    .filter((s) => s.status === 'active' && s.entitlement.canSubmitIncidents)
    .map((s) => s.serviceId);
}

/** An entry written before authors were recorded, addressed (by its contact email) to this customer. */
function addressedTo(entry: OutboxEntry, email: string): boolean {
  return contactOf(entry).toLowerCase() === email.trim().toLowerCase();
}

/** The entry's contact email; '' for an entry stored without one (another version, a damaged store). */
function contactOf(entry: OutboxEntry): string {
  return String(entry.draft?.contactEmail ?? '').trim();
}

/** Puts a refused entry's text back in the form; the entry stays until the corrected one is submitted. */
async function putBack(host: NetscoutSupport, entry: OutboxEntry): Promise<void> {
  const entitled = entitledServices(host);
  const fields: IncidentFields = { ...emptyFields(), ...(entry.draft as Partial<IncidentFields>) };
  if (!entitled.includes(fields.serviceId)) fields.serviceId = '';
  host.incident = {
    ...host.incident,
    fields,
    errors: serverFieldErrors(entry.refused?.problem),
    rejected: undefined,
    submitted: undefined,
    queuedNotice: false,
    replaces: entry.idempotencyKey,
  };
  host.show('incident');
  await saveDraft(host);
}

async function discard(host: NetscoutSupport, entry: OutboxEntry): Promise<void> {
  await host.outbox.remove(entry.idempotencyKey);
  if (host.incident.replaces === entry.idempotencyKey) host.incident = { ...host.incident, replaces: undefined };
  await host.refreshOutbox();
}

/** The signed-in customer claims an entry of the earlier version as theirs: it is sent under their name. */
async function confirm(host: NetscoutSupport, entry: OutboxEntry): Promise<void> {
  const me = host.me;
  const stored = await host.outbox.get(entry.idempotencyKey);
  if (!me || !stored || stored.author) return;
  await host.outbox.put({ ...stored, author: authorOf(me), nextAttemptAt: Date.now() });
  host.show('incident'); // where the confirmation (or the refusal) of this submission shows
  await host.flushOutbox(true);
}

function draftText(host: NetscoutSupport, entry: OutboxEntry): TemplateResult {
  const m = host.messages.incident;
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
export function renderOutboxNotices(host: NetscoutSupport): TemplateResult | typeof nothing {
  const me = host.me;
  if (me === undefined || host.outboxEntries.length === 0) return nothing;
  const m = host.messages.outbox;
  const waiting = new Map<string, number>();
  const refused: OutboxEntry[] = [];
  const toConfirm: OutboxEntry[] = [];
  for (const entry of host.outboxEntries) {
    const mine = isAuthor(entry.author, me);
    if (entry.refused) {
      if (mine) refused.push(entry);
    } else if (!entry.author && me && addressedTo(entry, me.user.email)) toConfirm.push(entry);
    else if (!mine) {
      const email = entry.author?.email ?? contactOf(entry);
      waiting.set(email, (waiting.get(email) ?? 0) + 1);
    }
  }
  const busy = formHasText(host);
  // Without a plan that files incidents there is no form to put the text back into: copy or discard.
  const canFile = entitledServices(host).length > 0;
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
        ${draftText(host, entry)}
        <div class="actions">
          ${
            canFile
              ? html`<button
                  class="secondary"
                  type="button"
                  data-action="edit"
                  ?disabled=${busy}
                  @click=${() => putBack(host, entry)}
                >
                  ${m.edit}
                </button>`
              : nothing
          }
          <button class="secondary" type="button" data-action="discard" @click=${() => discard(host, entry)}>
            ${m.discard}
          </button>
        </div>
        ${busy && canFile ? html`<p class="hint">${m.editBlocked}</p>` : nothing}
      </section>`,
    )}
    ${toConfirm.map(
      (entry) => html`<section class="notice queued" data-testid="needs-confirmation">
        <p>${m.needsConfirmation}</p>
        ${draftText(host, entry)}
        <div class="actions">
          <button class="primary" type="button" data-action="confirm" @click=${() => confirm(host, entry)}>
            ${m.confirmSend(me?.user.email ?? '')}
          </button>
          <button class="secondary" type="button" data-action="discard" @click=${() => discard(host, entry)}>
            ${m.discard}
          </button>
        </div>
      </section>`,
    )}
  `;
}
