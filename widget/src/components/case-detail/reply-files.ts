import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ApiError, type SupportApiClient } from '../../../../client/api.js';
import { attachmentAccept, checkAttachment } from '../../../../core/attachments.js';
import { fileRefusal } from '../../internal/outbox-delivery.js';
import { errorText, type Ui } from '../../internal/ui.js';
import { type RefusedFile, renderFileRefusals } from '../incident-form/file-refusals.js';

/**
 * The files a reply carries: picked with the same check as the incident form's (core's table of types and
 * limits, counting the files the case holds already), uploaded once the reply is posted, each named with the
 * server's reason if it still refuses one. The reply is sent without the refused files.
 */
export class ReplyFiles {
  files: File[] = [];
  /** Picked, but not to be sent. */
  refused: RefusedFile[] = [];
  /** Sent with the last reply, but not attached. */
  notAttached: RefusedFile[] = [];

  constructor(private readonly host: ReactiveControllerHost & { ui: Ui; renderRoot: HTMLElement | DocumentFragment }) {}

  /** Forgets every file (another case is shown). */
  reset(): void {
    this.files = [];
    this.refused = [];
    this.notAttached = [];
    const input = this.host.renderRoot.querySelector<HTMLInputElement>('#reply-files');
    if (input) input.value = '';
    this.host.requestUpdate();
  }

  private pick(picked: File[], onCase: number): void {
    this.files = [];
    this.refused = [];
    for (const file of picked) {
      const reason = checkAttachment(file, onCase + this.files.length);
      if (reason) this.refused.push({ name: file.name, reason });
      else this.files.push(file);
    }
    this.host.requestUpdate();
  }

  /** Uploads the picked files with the reply `commentId`; what the server refuses is named, the rest attached. */
  async send(api: SupportApiClient, caseId: string, commentId: string): Promise<void> {
    const files = this.files;
    const notAttached: RefusedFile[] = [];
    for (const file of files) {
      try {
        await api.uploadAttachment(caseId, file, file.name, () => undefined, commentId);
      } catch (error) {
        const apiError = error instanceof ApiError ? error : new ApiError('network', String(error));
        notAttached.push(
          apiError.problem
            ? fileRefusal(file.name, apiError)
            : { name: file.name, message: errorText(this.host.ui.messages, apiError) },
        );
      }
    }
    this.reset();
    this.notAttached = notAttached;
  }

  /** The picker, its hint, and the files refused before or after sending. `onCase`: files the case holds. */
  render(onCase: number): TemplateResult {
    const m = this.host.ui.messages;
    const described = this.refused.length ? 'h-reply-files reply-files-not-sent' : 'h-reply-files';
    return html`<label for="reply-files">${m.attachments.files} <span class="muted">(${m.incident.optional})</span></label>
      <input
        id="reply-files"
        type="file"
        multiple
        accept=${attachmentAccept()}
        aria-describedby=${described}
        @change=${(event: Event) => this.pick([...((event.target as HTMLInputElement).files ?? [])], onCase)}
      />
      <p class="hint" id="h-reply-files">${m.attachments.hint}</p>
      ${renderFileRefusals(m, this.refused, 'notSent', 'reply-files-not-sent')}
      ${renderFileRefusals(m, this.notAttached, 'notAttached', 'reply-files-not-attached')}`;
  }
}
