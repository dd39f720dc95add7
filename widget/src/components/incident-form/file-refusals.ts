import { html, nothing, type TemplateResult } from 'lit';
import type { AttachmentRefusal } from '../../../../core/attachments.js';
import type { Messages } from '../../i18n/messages.js';

/** A file that will not be (or was not) attached: its name, and the reason in the UI's words or the server's. */
export interface RefusedFile {
  name: string;
  reason?: AttachmentRefusal | 'quota';
  message?: string;
}

/**
 * The refused files, each named with its reason: `notSent` for the picker's refusals (the rest goes without
 * them), `notAttached` for the server's once the incident or reply was sent. Plain text, never HTML.
 */
export function renderFileRefusals(
  messages: Messages,
  files: readonly RefusedFile[] | undefined,
  kind: 'notSent' | 'notAttached',
  id: string,
): TemplateResult | typeof nothing {
  if (!files?.length) return nothing;
  const m = messages.attachments;
  return html`<ul class="field-error" id=${id} data-testid=${id}>
    ${files.map((f) => html`<li>${m[kind](f.name, f.reason ? m.reason[f.reason] : (f.message ?? ''))}</li>`)}
  </ul>`;
}
