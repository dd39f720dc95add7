import type { ReactiveController } from 'lit';
import type { ApiError, SupportApiClient } from '../../../client/api.js';
import type { Case, IncidentDraft, Me } from '../../../core/api/schemas.js';
import type { NetscoutElement } from '../internal/netscout-element.js';
import { authorOf, type FileRefusal, Outbox, type OutboxEntry, type OutboxFile } from '../internal/outbox.js';
import { loadDelivery } from '../lazy-parts.js';

/** What the controller needs from the element that owns it. */
export interface OutboxSource {
  /** The API whose entries this element sends and shows ('' while none is set). */
  apiBase(): string;
  api(): SupportApiClient;
  /** Any incident reached the server (this submission or one that waited). */
  onDelivered(entry: OutboxEntry, delivered: Case): void;
}

/** How one submission from the form ended on its first attempt. */
export type SubmitOutcome =
  | { kind: 'delivered'; case: Case }
  | { kind: 'queued'; idempotencyKey: string }
  | { kind: 'refused'; error: ApiError; entry: OutboxEntry };

/** What the form follows while its own submission is sent. */
export interface SubmitWatch {
  /** The submission is safe in the outbox (before its first byte goes out). */
  onStored(): Promise<void>;
  onProgress(file: OutboxFile, fraction: number): void;
  /** The server refused one of the files (the confirmation names it through `refusedFiles`). */
  onAttachmentRefused?(file: OutboxFile, error: ApiError): void;
}

interface Attempt extends SubmitWatch {
  delivered?: Case;
  refused?: ApiError;
}

/**
 * The element's outbox: every incident is written to it before it is sent, and this controller sends what
 * waits — when the element connects, when the browser comes back online, after each backoff, and on
 * demand — under its author's credentials only, and tells the page (`netscout-incident-submitted`,
 * `netscout-error`). The host re-renders with `entries` (for the notices),
 * `waiting` and `delivered`.
 */
export class OutboxController implements ReactiveController {
  readonly store = new Outbox();
  /** Every entry for this API, whoever wrote it (the notices show each only to whom it concerns). */
  entries: OutboxEntry[] = [];
  /** Entries of the signed-in customer still waiting to be sent. */
  waiting = 0;
  /** The last incident the server accepted from this outbox. */
  delivered: Case | undefined;
  /** The files the server refused, by the id of the case they were for (the confirmation names them). */
  readonly refusedFiles = new Map<string, FileRefusal[]>();
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly attempts = new Map<string, Attempt>();
  private readonly online = () => void this.flush(true);

  constructor(
    private readonly host: NetscoutElement,
    private readonly source: OutboxSource,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('online', this.online);
    // A submission left by a previous page load (offline, closed tab) goes now, if its author is signed in.
    void this.flush(true);
  }

  hostDisconnected(): void {
    window.removeEventListener('online', this.online);
    clearTimeout(this.retryTimer);
  }

  private reportError(error: ApiError): void {
    this.host.emit('netscout-error', { code: error.code, message: error.message, status: error.status || undefined });
  }

  /** Whether entries outlive the page (false where the browser refuses IndexedDB). */
  get persistent(): boolean {
    return this.store.persistent;
  }

  /** Delivers what waits; schedules the next retry while something still waits. */
  async flush(force = false): Promise<void> {
    clearTimeout(this.retryTimer);
    const base = this.source.apiBase();
    if (!base) return;
    try {
      if ((await this.store.pending(base)).length === 0) {
        this.waiting = 0;
        return await this.refresh();
      }
      const { deliverOutbox } = await loadDelivery();
      const result = await deliverOutbox(
        this.store,
        this.source.api(),
        {
          now: () => Date.now(),
          onDelivered: (entry, delivered) => {
            const attempt = this.attempts.get(entry.idempotencyKey);
            if (attempt) attempt.delivered = delivered;
            if (entry.refusedFiles?.length) this.refusedFiles.set(delivered.id, entry.refusedFiles);
            this.delivered = delivered;
            this.host.emit('netscout-incident-submitted', {
              caseId: delivered.id,
              caseNumber: delivered.number,
              dueAt: delivered.dueAt,
              idempotencyKey: entry.idempotencyKey,
            });
            this.source.onDelivered(entry, delivered);
          },
          onRefused: (entry, error) => {
            const attempt = this.attempts.get(entry.idempotencyKey);
            if (attempt) attempt.refused = error;
            this.reportError(error);
          },
          onAttachmentRefused: (entry, file, error) => {
            this.reportError(error);
            this.attempts.get(entry.idempotencyKey)?.onAttachmentRefused?.(file, error);
          },
          onUploadProgress: (entry, file, fraction) =>
            this.attempts.get(entry.idempotencyKey)?.onProgress(file, fraction),
        },
        force,
      );
      this.waiting = result.waiting;
      await this.refresh();
      if (result.nextAttemptAt !== undefined && this.host.isConnected) {
        this.retryTimer = setTimeout(() => void this.flush(), Math.max(500, result.nextAttemptAt - Date.now()));
      }
    } catch (error) {
      // IndexedDB refused, or the delivery code could not be fetched (the network went with it): what waits
      // stays stored, and is tried again later as well as on the `online` event.
      console.warn('netscout-support: the outbox is unavailable', error);
      if (this.host.isConnected) this.retryTimer = setTimeout(() => void this.flush(), 30_000);
    }
  }

  /**
   * Writes `draft` by `me` to the outbox — before the first byte goes out, so nothing is lost if the
   * network or the tab dies — then sends it, and says how that first attempt ended. `replaces` is a refused
   * entry this submission corrects: it leaves once the new one is safely stored.
   */
  async submit(
    me: Me,
    draft: IncidentDraft,
    files: OutboxFile[],
    watch: SubmitWatch,
    replaces?: string,
  ): Promise<SubmitOutcome> {
    const entry = await this.store.add(this.source.apiBase(), authorOf(me), draft, files, Date.now());
    if (replaces) await this.store.remove(replaces);
    await watch.onStored();
    const attempt: Attempt = { ...watch };
    this.attempts.set(entry.idempotencyKey, attempt);
    try {
      await this.flush(true);
    } finally {
      this.attempts.delete(entry.idempotencyKey);
    }
    if (attempt.delivered) return { kind: 'delivered', case: attempt.delivered };
    if (attempt.refused) return { kind: 'refused', error: attempt.refused, entry };
    return { kind: 'queued', idempotencyKey: entry.idempotencyKey };
  }

  /** Reads the entries again (for the notices). */
  async refresh(): Promise<void> {
    const base = this.source.apiBase();
    if (!base) return;
    try {
      this.entries = await this.store.entries(base);
      this.host.requestUpdate();
    } catch (error) {
      console.warn('netscout-support: the outbox is unavailable', error);
    }
  }

  /** Removes an entry (its author discards it, or its text went back into the form). */
  async discard(idempotencyKey: string): Promise<void> {
    await this.store.remove(idempotencyKey);
    await this.refresh();
  }

  /** The signed-in customer claims an entry of the earlier version (no author) as theirs, and it is sent. */
  async claim(entry: OutboxEntry, me: Me): Promise<void> {
    const stored = await this.store.get(entry.idempotencyKey);
    if (!stored || stored.author) return;
    await this.store.put({ ...stored, author: authorOf(me), nextAttemptAt: Date.now() });
    await this.flush(true);
  }
}
