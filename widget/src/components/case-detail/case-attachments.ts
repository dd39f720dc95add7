import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ApiError, errorFor, type SupportApiClient } from '../../../../client/api.js';
import type { Attachment, Case } from '../../../../core/api/schemas.js';
import { ATTACHMENT_TYPES, isAttachmentType } from '../../../../core/attachments.js';
import { errorText, type Ui } from '../../internal/ui.js';

/**
 * An attachment's bytes, fetched with the bearer token: a plain link could not carry it, and the token never
 * goes into a URL.
 */
export async function fetchAttachment(api: SupportApiClient, caseId: string, attachmentId: string): Promise<Blob> {
  const token = await api.token();
  const path = `/v1/cases/${encodeURIComponent(caseId)}/attachments/${encodeURIComponent(attachmentId)}`;
  let response: Response;
  try {
    response = await fetch(api.base.replace(/\/+$/, '') + path, {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
      credentials: 'same-origin',
    });
  } catch (error) {
    throw new ApiError('network', `cannot reach ${api.base}: ${(error as Error).message}`);
  }
  if (!response.ok) throw errorFor(response.status, await response.json().catch(() => undefined), null);
  return response.blob();
}

/** How long the object URL of a download lives: the browser resolves it when the click starts the download. */
const REVOKE_AFTER_MS = 1000;

/** "12.5 kB", "3.1 MB": the size in the reader's locale (at least 0.1 kB, never a bare "0"). */
function formatSize(bytes: number, locale: string): string {
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'kilobyte'] : [bytes / 1024 / 1024, 'megabyte'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 1 }).format(Math.max(value, 0.1));
}

/** A short name of an accepted type (its usual extension), never the server's words. */
function typeLabel(contentType: string): string {
  return isAttachmentType(contentType) ? ATTACHMENT_TYPES[contentType][0].toUpperCase() : contentType.split(';')[0]!;
}

/**
 * The files of a case, listed where they came in (the incident's under its description, a reply's under that
 * reply) with name, size and type, each downloaded with the customer's token: fetched, handed to the browser
 * as an opaque blob with a `download` name, its object URL revoked after. Nothing of a file is ever rendered.
 */
export class CaseAttachments {
  /** The last download that failed, and why (shown next to the list). */
  failed: { id: string; error: ApiError } | undefined;

  constructor(private readonly host: ReactiveControllerHost & { api: SupportApiClient; case: Case; ui: Ui }) {}

  /** The case changed: an earlier failure no longer applies. */
  reset(): void {
    this.failed = undefined;
  }

  async download(attachment: Attachment): Promise<void> {
    this.failed = undefined;
    this.host.requestUpdate();
    try {
      const blob = await fetchAttachment(this.host.api, this.host.case.id, attachment.id);
      // Re-typed as opaque bytes: even opened by hand, the browser would save it, never show it as a page.
      const url = URL.createObjectURL(new Blob([blob], { type: 'application/octet-stream' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = attachment.fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
    } catch (error) {
      this.failed = {
        id: attachment.id,
        error: error instanceof ApiError ? error : new ApiError('network', String(error)),
      };
      this.host.requestUpdate();
    }
  }

  /** The files that came with `commentId` (`null`: the incident's own). */
  render(commentId: string | null): TemplateResult | typeof nothing {
    const { messages, locale } = this.host.ui;
    const files = this.host.case.attachments.filter((a) => (a.commentId ?? null) === commentId);
    if (files.length === 0) return nothing;
    const m = messages.attachments;
    return html`<ul class="files" aria-label=${m.files} data-testid=${commentId ? `files-${commentId}` : 'files'}>
      ${files.map(
        (a) => html`<li data-attachment=${a.id}>
          <button class="link-button" type="button" aria-label=${m.download(a.fileName)} @click=${() => this.download(a)}>
            ${a.fileName}
          </button>
          <span class="muted">${formatSize(a.sizeBytes, locale)} · ${typeLabel(a.contentType)}</span>
          ${
            this.failed?.id === a.id
              ? html`<p class="notice error" role="alert">${errorText(messages, this.failed.error)}</p>`
              : nothing
          }
        </li>`,
      )}
    </ul>`;
  }
}
