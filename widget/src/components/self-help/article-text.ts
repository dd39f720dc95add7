import { html, type TemplateResult } from 'lit';
import { safeHref } from '../../internal/format.js';

/** An http(s) address in running text, up to the next space (or a character that cannot be in one). */
const ADDRESS = /https?:\/\/[^\s<>"'{}|\\^`]+/gi;
/** Punctuation that ends the sentence around an address rather than the address itself. */
const TRAILING = /[.,;:!?)\]»]+$/;

/**
 * One plain-text paragraph of an article, with each http(s) address a link that opens in a new tab and
 * tells the target nothing (`noopener noreferrer`). Anything else, `javascript:` and `data:` addresses
 * included, stays text: the paragraph is never parsed as HTML, only split around the addresses found.
 */
export function articleParagraph(text: string): TemplateResult {
  const parts: (string | TemplateResult)[] = [];
  let from = 0;
  for (const match of text.matchAll(ADDRESS)) {
    const address = match[0].replace(TRAILING, '');
    const href = safeHref(address);
    if (!href) continue;
    parts.push(text.slice(from, match.index));
    parts.push(html`<a href=${href} target="_blank" rel="noopener noreferrer">${address}</a>`);
    from = match.index + address.length;
  }
  parts.push(text.slice(from));
  return html`<p>${parts}</p>`;
}
