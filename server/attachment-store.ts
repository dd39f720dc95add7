import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Attachment bytes, stored once per content (the file name is the SHA-256) under `<dataDir>/attachments`.
 * A file is written to a temporary name, fsynced, then renamed, so a stored blob is always complete.
 */
export class AttachmentStore {
  readonly root: string;
  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'attachments');
  }

  #pathOf(sha256: string): string {
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  async put(bytes: Uint8Array): Promise<string> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const file = this.#pathOf(sha256);
    try {
      if ((await stat(file)).size === bytes.byteLength) return sha256;
    } catch {
      // Not stored yet.
    }
    const dir = path.dirname(file);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const temporary = path.join(dir, `.${sha256}.${randomBytes(4).toString('hex')}.tmp`);
    const handle = await open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
    const dirHandle = await open(dir, 'r');
    try {
      await dirHandle.sync();
    } finally {
      await dirHandle.close();
    }
    return sha256;
  }

  async get(sha256: string): Promise<Buffer> {
    return readFile(this.#pathOf(sha256));
  }
}

/** The attachment types support accepts, recognised by their content (never by the name alone). */
export function sniffContentType(bytes: Uint8Array): string | null {
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
