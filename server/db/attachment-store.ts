import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AttachmentType } from '../../core/attachments.js';

/** The per-account attachment quota when `NETSCOUT_ACCOUNT_STORAGE_QUOTA_MB` is not set. */
export const DEFAULT_ACCOUNT_QUOTA_MIB = 200;

const BLOB_NAME = /^[0-9a-f]{64}$/;

/**
 * Where attachment contents live, stored once per SHA-256: files in the data directory ({@link AttachmentStore},
 * one process) or PostgreSQL (`PostgresAttachmentStore`, every process). An S3-compatible store would be a third.
 */
export interface AttachmentContents {
  /** How many bytes of attachments one account may keep. */
  readonly accountQuotaBytes: number;
  /** Stores `bytes` (unless the same content is stored already) and holds them until {@link release}. */
  hold(bytes: Uint8Array): Promise<string>;
  /** Ends a hold; content nothing holds and no attachment refers to is deleted. */
  release(sha256: string, isReferenced: () => Promise<boolean>): Promise<void>;
  /** The stored content; rejects when there is none. */
  get(sha256: string): Promise<Buffer>;
  /** Deletes content left by a crash that no attachment refers to (`referenced`); run at start. */
  collectOrphans(referenced: ReadonlySet<string>): Promise<{ files: number; bytes: number }>;
}

/**
 * Attachment bytes, stored once per content (the file name is the SHA-256) under `<dataDir>/attachments`.
 * A file is written to a temporary name, fsynced, then renamed, so a stored blob is always complete.
 *
 * An upload holds its content from {@link hold} until {@link release}; released content that no attachment
 * refers to is deleted. Holding, releasing and deleting one content never interleave, so content that an
 * upload in flight or a recorded attachment uses is never deleted.
 */
export class AttachmentStore implements AttachmentContents {
  readonly root: string;
  /** How many bytes of attachments one account may keep (`NETSCOUT_ACCOUNT_STORAGE_QUOTA_MB`, in MiB). */
  readonly accountQuotaBytes: number;
  readonly #holds = new Map<string, number>();
  readonly #queues = new Map<string, Promise<unknown>>();

  constructor(dataDir: string, options: { accountQuotaBytes?: number; env?: NodeJS.ProcessEnv } = {}) {
    this.root = path.join(dataDir, 'attachments');
    this.accountQuotaBytes = options.accountQuotaBytes ?? quotaFromEnv(options.env ?? process.env);
  }

  #pathOf(sha256: string): string {
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  /** Runs `work` once every earlier piece of work on the same content has finished. */
  #serially<T>(sha256: string, work: () => Promise<T>): Promise<T> {
    const done = (this.#queues.get(sha256) ?? Promise.resolve()).then(work, work);
    const settled = done.catch(() => undefined);
    this.#queues.set(sha256, settled);
    void settled.then(() => {
      if (this.#queues.get(sha256) === settled) this.#queues.delete(sha256);
    });
    return done;
  }

  /** Stores `bytes` (unless the same content is stored already) and holds them until {@link release}. */
  async hold(bytes: Uint8Array): Promise<string> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    return this.#serially(sha256, async () => {
      await this.#write(sha256, bytes);
      this.#holds.set(sha256, (this.#holds.get(sha256) ?? 0) + 1);
      return sha256;
    });
  }

  /**
   * Ends a hold. Once nothing holds the content, it is deleted unless `isReferenced` (asked then, and only
   * then) says an attachment refers to it: a refused or failed upload leaves nothing behind.
   */
  async release(sha256: string, isReferenced: () => Promise<boolean>): Promise<void> {
    await this.#serially(sha256, async () => {
      const left = (this.#holds.get(sha256) ?? 1) - 1;
      if (left > 0) {
        this.#holds.set(sha256, left);
        return;
      }
      this.#holds.delete(sha256);
      if (!(await isReferenced())) await rm(this.#pathOf(sha256), { force: true });
    });
  }

  async #write(sha256: string, bytes: Uint8Array): Promise<void> {
    const file = this.#pathOf(sha256);
    try {
      if ((await stat(file)).size === bytes.byteLength) return;
    } catch {
      // Not stored yet.
    }
    const dir = path.dirname(file);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const temporary = path.join(dir, `.${sha256}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      const handle = await open(temporary, 'w', 0o600);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, file);
    } catch (error) {
      // A full disk (or any failure) leaves no partial file behind.
      await rm(temporary, { force: true }).catch(() => undefined);
      throw error;
    }
    const dirHandle = await open(dir, 'r');
    try {
      await dirHandle.sync();
    } finally {
      await dirHandle.close();
    }
  }

  async get(sha256: string): Promise<Buffer> {
    return readFile(this.#pathOf(sha256));
  }

  /**
   * Deletes what an interrupted upload or a crash left: temporary files, and content no attachment refers to
   * (`referenced`). Run at start, before any upload. Returns how many files and bytes it deleted.
   */
  async collectOrphans(referenced: ReadonlySet<string>): Promise<{ files: number; bytes: number }> {
    const collected = { files: 0, bytes: 0 };
    let folders: string[];
    try {
      folders = await readdir(this.root);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return collected;
      throw error;
    }
    for (const folder of folders) {
      const dir = path.join(this.root, folder);
      if (!(await stat(dir)).isDirectory()) continue;
      for (const name of await readdir(dir)) {
        const orphan = name.endsWith('.tmp') || (BLOB_NAME.test(name) && !referenced.has(name));
        if (!orphan) continue;
        const file = path.join(dir, name);
        collected.bytes += (await stat(file)).size;
        collected.files++;
        await rm(file, { force: true });
      }
    }
    return collected;
  }
}

/** `NETSCOUT_ACCOUNT_STORAGE_QUOTA_MB` in bytes (default {@link DEFAULT_ACCOUNT_QUOTA_MIB} MiB); a bad value stops the start. */
export function quotaFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = env.NETSCOUT_ACCOUNT_STORAGE_QUOTA_MB;
  if (raw === undefined || raw === '') return DEFAULT_ACCOUNT_QUOTA_MIB * 1024 * 1024;
  const mib = Number(raw);
  if (!Number.isFinite(mib) || mib <= 0) {
    throw new Error(`NETSCOUT_ACCOUNT_STORAGE_QUOTA_MB must be a positive number of MiB, not "${raw}"`);
  }
  return Math.floor(mib * 1024 * 1024);
}

/** The attachment types support accepts (`ATTACHMENT_TYPES` in core), recognised by their content (never by the name alone). */
export function sniffContentType(bytes: Uint8Array): AttachmentType | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (
    starts(0xd4, 0xc3, 0xb2, 0xa1) ||
    starts(0xa1, 0xb2, 0xc3, 0xd4) ||
    starts(0x4d, 0x3c, 0xb2, 0xa1) ||
    starts(0xa1, 0xb2, 0x3c, 0x4d)
  ) {
    return 'application/vnd.tcpdump.pcap';
  }
  if (starts(0x0a, 0x0d, 0x0d, 0x0a)) return 'application/x-pcapng';
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) return 'application/zip';
  if (isPlainText(bytes)) return 'text/plain; charset=utf-8';
  return null;
}

/** Tab, line feed, form feed, carriage return, escape. */
const ALLOWED_CONTROLS = new Set([0x09, 0x0a, 0x0c, 0x0d, 0x1b]);
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function isPlainText(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return false;
  }
  // Logs: printable text, tabs, line breaks, form feeds and ANSI colour escapes; nothing else below 0x20.
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && !ALLOWED_CONTROLS.has(code)) || code === 0x7f) return false;
  }
  return true;
}
