import type { Me } from '../../../../core/api/schemas.js';
import { authorOf, type Outbox } from '../../internal/outbox.js';
import { hasText, type IncidentFields } from './incident-fields.js';

// The form's draft, saved as the customer types and given back only to the customer who wrote it.

/** Key of a form draft: per API, service, account and user. */
export function draftKey(apiBase: string, service: string, me: Me): string {
  return `${apiBase}|${service}|${me.account.id}|${me.user.id}`;
}

/** Saves the form as `me` types, so a reload or a closed tab loses nothing (nothing saved for an empty form). */
export async function saveDraft(store: Outbox, key: string, me: Me, fields: IncidentFields): Promise<void> {
  if (!hasText(fields)) return;
  try {
    await store.saveDraft(key, authorOf(me), fields, Date.now());
  } catch (error) {
    // Without IndexedDB (some private modes) the form still works; only the draft is not kept.
    console.warn('netscout-support: cannot keep the draft', error);
  }
}

/** `me`'s draft under `key`, if they wrote one. */
export async function savedDraft(store: Outbox, key: string, me: Me): Promise<Partial<IncidentFields> | undefined> {
  try {
    return (await store.draft(key, me))?.fields as Partial<IncidentFields> | undefined;
  } catch (error) {
    console.warn('netscout-support: cannot read the draft', error);
    return undefined;
  }
}
