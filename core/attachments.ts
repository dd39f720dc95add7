/**
 * The files support accepts on a case: one table of types, the size and count limits. The server checks
 * each upload against them (by content), and the widget's file picker against the same table (by name and
 * size) so that a file the server would refuse is named, with the reason, before anything is sent.
 */

/** The largest attachment, in bytes (10 MiB). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** How many attachments one case may hold, the incident's and its replies' together. */
export const MAX_ATTACHMENTS_PER_CASE = 5;

/**
 * Each accepted type, recognised by content, with the extensions a file of that type may keep (the first is
 * given to a name that has none of them). Text keeps only extensions that no system opens as a document or a
 * program (`.html`, `.svg`, `.js` would).
 */
export const ATTACHMENT_TYPES = {
  'text/plain; charset=utf-8': ['txt', 'log', 'text', 'csv', 'cfg', 'conf', 'ini', 'out'],
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg', 'jpe'],
  'application/vnd.tcpdump.pcap': ['pcap', 'cap', 'dmp'],
  'application/x-pcapng': ['pcapng'],
  'application/zip': ['zip'],
} as const satisfies Record<string, readonly string[]>;

/** A content type support accepts. */
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

/** Whether `contentType` is one of {@link ATTACHMENT_TYPES} (safe to serve as itself). */
export function isAttachmentType(contentType: string): contentType is AttachmentType {
  return Object.hasOwn(ATTACHMENT_TYPES, contentType);
}

/**
 * The `accept` attribute of a file input for attachments: every accepted extension.
 *
 * @example attachmentAccept() // ".txt,.log,…,.zip"
 */
export function attachmentAccept(): string {
  return Object.values(ATTACHMENT_TYPES)
    .flat()
    .map((extension) => `.${extension}`)
    .join(',');
}

/** Why a file cannot be attached: a type outside the table, over the size limit, empty, or one too many. */
export type AttachmentRefusal = 'type' | 'size' | 'empty' | 'count';

/**
 * What the picker can tell of a file before sending it: `null` when it may be sent. A name without an
 * extension is left to the server, which recognises text, captures and images by their content.
 *
 * @param file the picked file's name and size in bytes
 * @param alreadyAttached how many files the case holds, or were picked before this one
 * @example checkAttachment({ name: 'setup.exe', size: 120 }, 0) // 'type'
 */
export function checkAttachment(
  file: { name: string; size: number },
  alreadyAttached: number,
): AttachmentRefusal | null {
  const dot = file.name.lastIndexOf('.');
  const extension = dot > 0 ? file.name.slice(dot + 1).toLowerCase() : '';
  if (extension && !Object.values(ATTACHMENT_TYPES).some((list) => (list as readonly string[]).includes(extension))) {
    return 'type';
  }
  if (file.size > MAX_ATTACHMENT_BYTES) return 'size';
  if (file.size === 0) return 'empty';
  if (alreadyAttached >= MAX_ATTACHMENTS_PER_CASE) return 'count';
  return null;
}
