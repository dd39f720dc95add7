/**
 * Finding a homepage's "assistance" option, and deciding what the content script should do there.
 * DOM only, no extension APIs: this is the part of the content script that runs before any click.
 */

/** Texts of an assistance option, in English and French (compared without case, accents or punctuation). */
export const ASSISTANCE_TEXTS: readonly string[] = [
  'assistance',
  'support',
  'help',
  'get help',
  'get support',
  'contact support',
  'customer support',
  'aide',
  'obtenir de l aide',
  'besoin d aide',
  'contacter l assistance',
  'contacter le support',
  'assistance technique',
  'support technique',
];

/** Lower case, no accents, punctuation and apostrophes as spaces, single spaces. */
export function normalizeLabel(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * The page's assistance option: the first element matching one of `selectors` (invalid selectors are
 * skipped), else a link or button whose visible text or label is one of {@link ASSISTANCE_TEXTS}.
 */
export function findAssistanceOption(root: ParentNode, selectors: readonly string[]): HTMLElement | null {
  for (const selector of selectors) {
    let found: Element | null = null;
    try {
      found = root.querySelector(selector);
    } catch {
      continue; // A bad selector in the options must not break the page.
    }
    if (found instanceof HTMLElement) return found;
  }
  const wanted = new Set(ASSISTANCE_TEXTS);
  for (const candidate of root.querySelectorAll<HTMLElement>('a, button, [role="button"], [role="link"]')) {
    const label = candidate.getAttribute('aria-label') ?? candidate.textContent ?? '';
    if (wanted.has(normalizeLabel(label))) return candidate;
  }
  return null;
}

/** Whether the page embeds the widget itself: then the extension adds nothing (never two widgets). */
export function pageHasWidget(root: ParentNode): boolean {
  return root.querySelector('netscout-support:not([data-netscout-extension])') !== null;
}

/** What a page's fragment asks the widget to show when the extension opens it (from popup links). */
export type FragmentRequest = { view: 'cases'; caseId: string } | { view: 'incident' } | null;

/** Reads `#netscout-case=<id>` and `#netscout-new-incident`. */
export function fragmentRequest(hash: string): FragmentRequest {
  const match = /^#netscout-case=([A-Za-z0-9_-]{1,64})$/.exec(hash);
  if (match) return { view: 'cases', caseId: match[1]! };
  if (hash === '#netscout-new-incident') return { view: 'incident' };
  return null;
}

/** The catalog id of the service a homepage host belongs to (`www.onetouchat.com` → `onetouchat`). */
export function serviceIdForHost(hostname: string): string {
  const host = hostname.toLowerCase();
  if (host === 'onetouchat.com' || host.endsWith('.onetouchat.com')) return 'onetouchat';
  if (host === 'linksprinter.com' || host.endsWith('.linksprinter.com')) return 'linksprinter';
  return '';
}
