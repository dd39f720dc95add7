import { ATTACHMENT_TYPES, isAttachmentType } from '../../core/attachments.js';

/** A file name safe to store and to send back in Content-Disposition: no path, no control characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base
    .replace(/[\p{Cc}\p{Cf}"]/gu, '')
    .trim()
    .slice(0, 200);
  return clean || 'attachment';
}

/**
 * The name an attachment is stored and downloaded under: its own name when the extension matches the type its
 * content was recognised as, otherwise that name with the type's extension added (`x.html` holding a PDF is
 * `x.html.pdf`), so a download opens as what it is and never as a page or a program.
 */
export function nameForType(fileName: string, contentType: string): string {
  if (!isAttachmentType(contentType)) return fileName;
  const allowed: readonly string[] = ATTACHMENT_TYPES[contentType];
  const dot = fileName.lastIndexOf('.');
  const extension = dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
  if (allowed.includes(extension)) return fileName;
  return `${fileName.slice(0, 200 - allowed[0].length - 1)}.${allowed[0]}`;
}
