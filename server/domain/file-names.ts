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
 * The extensions each accepted type may keep, the first being the one given to a name that has none of them.
 * Text keeps only extensions that no system opens as a document or a program (`.html`, `.svg`, `.js` would).
 */
const EXTENSIONS: Record<string, readonly string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg', 'jpe'],
  'application/vnd.tcpdump.pcap': ['pcap', 'cap', 'dmp'],
  'application/x-pcapng': ['pcapng'],
  'application/zip': ['zip'],
  'text/plain; charset=utf-8': ['txt', 'log', 'text', 'csv', 'cfg', 'conf', 'ini', 'out'],
};

/**
 * The name an attachment is stored and downloaded under: its own name when the extension matches the type its
 * content was recognised as, otherwise that name with the type's extension added (`x.html` holding a PDF is
 * `x.html.pdf`), so a download opens as what it is and never as a page or a program.
 */
export function nameForType(fileName: string, contentType: string): string {
  const allowed = EXTENSIONS[contentType];
  if (!allowed) return fileName;
  const dot = fileName.lastIndexOf('.');
  const extension = dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
  if (allowed.includes(extension)) return fileName;
  return `${fileName.slice(0, 200 - allowed[0].length - 1)}.${allowed[0]}`;
}
