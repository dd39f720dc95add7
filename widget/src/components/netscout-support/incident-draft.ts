import type { Me } from '../../../../core/api/schemas.js';
import { authorOf } from '../../internal/outbox.js';
import type { NetscoutSupport } from './netscout-support.js';
import { emptyFields, type IncidentFields } from './views/incident.js';

// The form's draft, saved as the customer types and given back only to the customer who wrote it.

/** Key of this page's form draft for the signed-in customer (none while nobody is known). */
export function draftKey(host: NetscoutSupport): string | undefined {
  const me = host.me;
  return me ? `${host.apiBase}|${host.service}|${me.account.id}|${me.user.id}` : undefined;
}

/** Whether the form holds text the customer typed (not only what the widget fills in). */
export function formHasText(host: NetscoutSupport): boolean {
  return Object.entries(host.incident.fields).some(([k, v]) => k !== 'serviceId' && k !== 'contactEmail' && v !== '');
}

/** Saves the form as the customer types, so a reload or a closed tab loses nothing. */
export async function saveDraft(host: NetscoutSupport): Promise<void> {
  const key = draftKey(host);
  if (key && host.me && formHasText(host)) {
    await host.outbox.saveDraft(key, authorOf(host.me), host.incident.fields, Date.now());
  }
}

/** Empties the form (its text stays in its author's saved draft). */
export function clearForm(host: NetscoutSupport): void {
  host.incident = {
    ...host.incident,
    fields: emptyFields(),
    files: [],
    errors: {},
    uploads: [],
    suggestions: [],
    draftRestored: false,
    queuedNotice: false,
    rejected: undefined,
    submitted: undefined,
    replaces: undefined,
  };
}

/**
 * The form now belongs to `me`: another customer's text leaves it, text filled in before anyone was known
 * (`prefill`) is kept and saved as `me`'s, and `me`'s own draft comes back.
 */
export async function adoptForm(host: NetscoutSupport, me: Me): Promise<void> {
  const owner = `${me.user.id}|${me.account.id}`;
  if (host.formOwner !== undefined && host.formOwner !== owner) clearForm(host);
  host.formOwner = owner;
  if (!host.incident.fields.contactEmail) {
    host.incident = { ...host.incident, fields: { ...host.incident.fields, contactEmail: me.user.email } };
  }
  try {
    if (formHasText(host)) await saveDraft(host);
    else await restoreDraft(host, me);
  } catch (error) {
    // Without IndexedDB (some private modes) the form still works; only the draft is not kept.
    console.warn('netscout-support: cannot keep the draft', error);
  }
}

async function restoreDraft(host: NetscoutSupport, me: Me): Promise<void> {
  const key = draftKey(host);
  if (!key) return;
  const saved = await host.outbox.draft(key, me);
  if (!saved || host.me !== me) return;
  host.incident = {
    ...host.incident,
    fields: { ...host.incident.fields, ...(saved.fields as Partial<IncidentFields>) },
    draftRestored: true,
  };
}
