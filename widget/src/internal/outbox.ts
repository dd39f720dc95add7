import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { Case, IncidentDraft } from '../../../core/api/schemas.js';
import { ApiError, type SupportApi } from './api.js';

/** A file the customer attached, kept as a Blob in IndexedDB until it is uploaded. */
export interface OutboxFile {
  name: string;
  type: string;
  blob: Blob;
}

/** One incident waiting to be delivered, exactly once, to the support API. */
export interface OutboxEntry {
  /** Fresh per submission: the server's idempotency makes redelivery harmless. */
  idempotencyKey: string;
  apiBase: string;
  draft: IncidentDraft;
  files: OutboxFile[];
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  /** Set once the server accepted the incident; attachments follow. */
  caseId?: string;
  /** How many of `files` are already uploaded. */
  uploaded: number;
  lastError?: string;
}

/** A form draft, saved as the customer types. */
export interface SavedDraft {
  key: string;
  fields: Partial<Record<keyof IncidentDraft, string>>;
  savedAt: number;
}

interface SupportDb extends DBSchema {
  outbox: { key: string; value: OutboxEntry };
  drafts: { key: string; value: SavedDraft };
}

/**
 * A fresh random (v4) UUID for an idempotency key. `crypto.randomUUID` exists only in secure contexts; a
 * service homepage on plain http still has `crypto.getRandomValues`.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Retry delay after `attempts` failures: 2 s doubling up to 5 min, with ±25 % jitter. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(300_000, 2000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.75 + random() * 0.5));
}

/**
 * The outbox and drafts store: every incident is written here before it is sent, and leaves only once
 * the server has accepted it (and its attachments). Backed by IndexedDB, so it survives reloads and
 * closed tabs.
 */
export class Outbox {
  private db: Promise<IDBPDatabase<SupportDb>> | undefined;

  constructor(readonly dbName = 'netscout-support') {}

  private open(): Promise<IDBPDatabase<SupportDb>> {
    this.db ??= openDB<SupportDb>(this.dbName, 1, {
      upgrade(db) {
        db.createObjectStore('outbox', { keyPath: 'idempotencyKey' });
        db.createObjectStore('drafts', { keyPath: 'key' });
      },
      // Another tab upgrades or deletes the database: let it, and reopen on next use.
      blocking: () => {
        void this.db?.then((db) => db.close());
        this.db = undefined;
      },
    });
    return this.db;
  }

  /** Writes a new submission with a fresh idempotency key. */
  async add(apiBase: string, draft: IncidentDraft, files: OutboxFile[], now: number): Promise<OutboxEntry> {
    const entry: OutboxEntry = {
      idempotencyKey: newIdempotencyKey(),
      apiBase,
      draft,
      files,
      createdAt: now,
      attempts: 0,
      nextAttemptAt: now,
      uploaded: 0,
    };
    await (await this.open()).put('outbox', entry);
    return entry;
  }

  /** The entries waiting for one API, oldest first. */
  async pending(apiBase: string): Promise<OutboxEntry[]> {
    const all = await (await this.open()).getAll('outbox');
    return all.filter((entry) => entry.apiBase === apiBase).sort((a, b) => a.createdAt - b.createdAt);
  }

  async put(entry: OutboxEntry): Promise<void> {
    await (await this.open()).put('outbox', entry);
  }

  async remove(idempotencyKey: string): Promise<void> {
    await (await this.open()).delete('outbox', idempotencyKey);
  }

  async saveDraft(key: string, fields: SavedDraft['fields'], now: number): Promise<void> {
    await (await this.open()).put('drafts', { key, fields, savedAt: now });
  }

  async draft(key: string): Promise<SavedDraft | undefined> {
    return (await this.open()).get('drafts', key);
  }

  async clearDraft(key: string): Promise<void> {
    await (await this.open()).delete('drafts', key);
  }
}

/** What the delivery loop tells its caller. */
export interface DeliveryHooks {
  now(): number;
  onDelivered(entry: OutboxEntry, delivered: Case): void;
  /** The server refused the incident for good (invalid, not entitled): it leaves the outbox. */
  onRejected(entry: OutboxEntry, error: ApiError): void;
  onUploadProgress?(entry: OutboxEntry, file: OutboxFile, fraction: number): void;
}

export interface DeliveryResult {
  delivered: number;
  /** Entries still waiting (network down, server unwell). */
  waiting: number;
  /** The earliest time a waiting entry should be retried. */
  nextAttemptAt: number | undefined;
}

let localChain: Promise<unknown> = Promise.resolve();

/** Runs `task` alone across this origin's tabs (Web Locks) or, without them, within this page. */
function exclusively<T>(task: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks) return locks.request('netscout-support-outbox', task) as Promise<T>;
  const run = localChain.then(task, task);
  localChain = run.catch(() => undefined);
  return run;
}

/**
 * Sends every due entry of the outbox for `api`. An entry is retried with backoff while the failure is
 * transient; the idempotency key makes a retry of an already-received incident return the same case.
 * `force` ignores the backoff schedule (the `online` event, a new page load).
 */
export function deliverOutbox(outbox: Outbox, api: SupportApi, hooks: DeliveryHooks, force = false) {
  return exclusively(async (): Promise<DeliveryResult> => {
    const result: DeliveryResult = { delivered: 0, waiting: 0, nextAttemptAt: undefined };
    for (const entry of await outbox.pending(api.base)) {
      if (!force && entry.nextAttemptAt > hooks.now()) {
        result.waiting++;
        result.nextAttemptAt = Math.min(result.nextAttemptAt ?? Number.POSITIVE_INFINITY, entry.nextAttemptAt);
        continue;
      }
      try {
        let delivered: Case | undefined;
        if (!entry.caseId) {
          delivered = await api.createIncident(entry.draft, entry.idempotencyKey);
          entry.caseId = delivered.id;
          await outbox.put(entry);
        }
        while (entry.uploaded < entry.files.length) {
          const file = entry.files[entry.uploaded]!;
          try {
            await api.uploadAttachment(entry.caseId, file.blob, file.name, (f) =>
              hooks.onUploadProgress?.(entry, file, f),
            );
          } catch (error) {
            if (error instanceof ApiError && !error.transient) hooks.onRejected(entry, error);
            else throw error;
          }
          entry.uploaded++;
          await outbox.put(entry);
        }
        delivered = await api.case(entry.caseId).catch(() => delivered);
        await outbox.remove(entry.idempotencyKey);
        result.delivered++;
        if (delivered) hooks.onDelivered(entry, delivered);
      } catch (error) {
        const apiError =
          error instanceof ApiError ? error : new ApiError('network', String((error as Error)?.message ?? error));
        if (apiError.transient || apiError.code === 'unauthorized') {
          entry.attempts++;
          entry.lastError = apiError.message;
          entry.nextAttemptAt = hooks.now() + backoffMs(entry.attempts);
          await outbox.put(entry);
          result.waiting++;
          result.nextAttemptAt = Math.min(result.nextAttemptAt ?? Number.POSITIVE_INFINITY, entry.nextAttemptAt);
        } else {
          await outbox.remove(entry.idempotencyKey);
          hooks.onRejected(entry, apiError);
        }
      }
    }
    return result;
  });
}
