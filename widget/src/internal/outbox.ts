import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { IncidentDraft, Me, Problem } from '../../../core/api/schemas.js';
import type { AttachmentRefusal } from '../../../core/attachments.js';

/** A file the customer attached, kept as a Blob in IndexedDB until it is uploaded. */
export interface OutboxFile {
  name: string;
  type: string;
  blob: Blob;
}

/** A file the server would not attach, and why (`reason` when the UI has words for it, else its `message`). */
export interface FileRefusal {
  name: string;
  reason?: AttachmentRefusal | 'quota';
  message: string;
}

/** Who wrote an entry or a draft: the user and account `GET /v1/me` named when it was written. */
export interface OutboxAuthor {
  userId: string;
  accountId: string;
  /** Shown to whoever else signs in on this browser, so they know whose incident waits. */
  email: string;
}

/** What the server answered when it refused an incident for good (a 4xx other than 401). */
export interface OutboxRefusal {
  status: number;
  /** The problem document's title and detail, or the HTTP status when the server sent none. */
  message: string;
  problem?: Problem;
  at: number;
}

/** One incident waiting to be delivered, exactly once, to the support API. */
export interface OutboxEntry {
  /** Fresh per submission: the server's idempotency makes redelivery harmless. */
  idempotencyKey: string;
  apiBase: string;
  /**
   * Whose credentials may send it. Missing on entries written by versions before authors were recorded:
   * those are never sent until a signed-in customer confirms them as theirs.
   */
  author?: OutboxAuthor;
  draft: IncidentDraft;
  files: OutboxFile[];
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  /** Set once the server accepted the incident; attachments follow. */
  caseId?: string;
  /** How many of `files` are already uploaded (or refused). */
  uploaded: number;
  /** The files the server refused, kept so the confirmation names them even after a reload. */
  refusedFiles?: FileRefusal[];
  lastError?: string;
  /** Set when the server refused it: it stays, with its text, until its author edits or discards it. */
  refused?: OutboxRefusal;
}

/** A form draft, saved as the customer types; only its author's form gets it back. */
export interface SavedDraft {
  key: string;
  author?: OutboxAuthor;
  fields: Partial<Record<keyof IncidentDraft, string>>;
  savedAt: number;
}

interface SupportDb extends DBSchema {
  outbox: { key: string; value: OutboxEntry };
  drafts: { key: string; value: SavedDraft };
}

/**
 * Version 2 adds authors to entries and drafts (no change of stores). The bump is what matters: a tab still
 * running a version-1 widget can no longer open the database, so it cannot send an entry under whoever is
 * signed in there.
 */
const DB_VERSION = 2;

/** The author recorded for what `me` writes. */
export function authorOf(me: Me): OutboxAuthor {
  return { userId: me.user.id, accountId: me.account.id, email: me.user.email };
}

/** Whether `me` is the user (in the same account) who wrote an entry or a draft. */
export function isAuthor(author: OutboxAuthor | undefined, me: Me | null | undefined): boolean {
  return Boolean(author && me && author.userId === me.user.id && author.accountId === me.account.id);
}

/** An API base without trailing slashes: `https://x/` and `https://x` are the same outbox. */
export function normalizeBase(base: string): string {
  return base.replace(/\/+$/, '');
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
 * the server has accepted it (and its attachments) or its author discards it. Backed by IndexedDB, so it
 * survives reloads and closed tabs.
 */
type StoreName = 'outbox' | 'drafts';
type Row<N extends StoreName> = SupportDb[N]['value'];

/** The four operations the outbox needs, from IndexedDB or, where the browser refuses it, from memory. */
interface Store {
  get<N extends StoreName>(store: N, key: string): Promise<Row<N> | undefined>;
  getAll<N extends StoreName>(store: N): Promise<Row<N>[]>;
  put<N extends StoreName>(store: N, value: Row<N>): Promise<unknown>;
  delete(store: StoreName, key: string): Promise<void>;
}

/**
 * Where IndexedDB is refused (third-party storage blocked, private windows of some browsers, a database a newer
 * widget upgraded), the outbox keeps its entries in the page's memory: the incident is still sent at once and
 * retried while the page stays open, instead of the form waiting forever on a store that never opens.
 */
function memoryStore(): Store {
  const stores = { outbox: new Map<string, Row<'outbox'>>(), drafts: new Map<string, Row<'drafts'>>() };
  const map = <N extends StoreName>(name: N) => stores[name] as unknown as Map<string, Row<N>>;
  return {
    get: async (name, key) => map(name).get(key),
    getAll: async (name) => [...map(name).values()],
    put: async (name, value) =>
      map(name).set(name === 'outbox' ? (value as OutboxEntry).idempotencyKey : (value as SavedDraft).key, value),
    delete: async (name, key) => {
      map(name).delete(key);
    },
  };
}

/**
 * The outbox and drafts store: every incident is written here before it is sent, and leaves only once
 * the server has accepted it (and its attachments) or its author discards it. Backed by IndexedDB, so it
 * survives reloads and closed tabs; in memory where the browser refuses IndexedDB ({@link persistent} false).
 */
export class Outbox {
  private db: Promise<Store> | undefined;
  /** False once IndexedDB was refused: entries then last only as long as the page. */
  persistent = true;

  constructor(readonly dbName = 'netscout-support') {}

  private open(): Promise<Store> {
    // In an async function, so that a SecurityError thrown by `indexedDB.open` itself also falls back.
    const opening = async () =>
      openDB<SupportDb>(this.dbName, DB_VERSION, {
        upgrade(db) {
          // Entries and drafts of version 1 stay as they are: without an author, they are never sent or
          // shown to a form without a customer's confirmation. Stores are created by name, not by version,
          // so a database left empty (by anyone) still gets them.
          if (!db.objectStoreNames.contains('outbox')) db.createObjectStore('outbox', { keyPath: 'idempotencyKey' });
          if (!db.objectStoreNames.contains('drafts')) db.createObjectStore('drafts', { keyPath: 'key' });
        },
        // Another tab upgrades or deletes the database: let it, and reopen on next use.
        blocking: () => {
          void this.db?.then((db) => (db as Partial<IDBPDatabase<SupportDb>>).close?.());
          this.db = undefined;
        },
      });
    this.db ??= opening().then(
      (db): Store => db,
      (): Store => {
        this.persistent = false;
        return memoryStore();
      },
    );
    return this.db;
  }

  /** Writes a new submission by `author` with a fresh idempotency key. */
  async add(
    apiBase: string,
    author: OutboxAuthor,
    draft: IncidentDraft,
    files: OutboxFile[],
    now: number,
  ): Promise<OutboxEntry> {
    const entry: OutboxEntry = {
      idempotencyKey: newIdempotencyKey(),
      apiBase,
      author,
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

  /** Every entry for one API, whoever wrote it and whether or not it was refused, oldest first. */
  async entries(apiBase: string): Promise<OutboxEntry[]> {
    const base = normalizeBase(apiBase);
    const all = await (await this.open()).getAll('outbox');
    return all.filter((entry) => normalizeBase(entry.apiBase) === base).sort((a, b) => a.createdAt - b.createdAt);
  }

  /** The entries for one API that are still to be sent (not refused), oldest first. */
  async pending(apiBase: string): Promise<OutboxEntry[]> {
    return (await this.entries(apiBase)).filter((entry) => !entry.refused);
  }

  async get(idempotencyKey: string): Promise<OutboxEntry | undefined> {
    return (await this.open()).get('outbox', idempotencyKey);
  }

  async put(entry: OutboxEntry): Promise<void> {
    await (await this.open()).put('outbox', entry);
  }

  async remove(idempotencyKey: string): Promise<void> {
    await (await this.open()).delete('outbox', idempotencyKey);
  }

  async saveDraft(key: string, author: OutboxAuthor, fields: SavedDraft['fields'], now: number): Promise<void> {
    await (await this.open()).put('drafts', { key, author, fields, savedAt: now });
  }

  /** The draft saved under `key`, only if `me` wrote it. */
  async draft(key: string, me: Me): Promise<SavedDraft | undefined> {
    const saved = await (await this.open()).get('drafts', key);
    return saved && isAuthor(saved.author, me) ? saved : undefined;
  }

  async clearDraft(key: string): Promise<void> {
    await (await this.open()).delete('drafts', key);
  }
}
