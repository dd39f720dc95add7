/**
 * The support frame, as the content script and the frame page see it: the widget lives in an extension
 * page (`support-frame.html`) framed over the homepage, so the homepage's scripts can neither read it nor
 * drive it (the frame is cross-origin to them), and the token never enters the page's process state.
 * DOM only, no extension APIs: the content script imports this before any click.
 */
import type { FragmentRequest } from './assistance.js';

/** The extension page that renders the widget (listed in `web_accessible_resources` for the service hosts). */
export const SUPPORT_FRAME_PAGE = '/support-frame.html';

/** What the frame is asked to show: the ticket that lets it, the page's service, and a fragment's request. */
export interface FrameQuery {
  ticket: string;
  service: string;
  request: FragmentRequest;
}

/** The query string of the frame's address. */
export function frameSearch(query: FrameQuery): string {
  const params = new URLSearchParams({ ticket: query.ticket });
  if (query.service) params.set('service', query.service);
  if (query.request?.view === 'cases') params.set('case', query.request.caseId);
  if (query.request?.view === 'incident') params.set('view', 'incident');
  return `?${params}`;
}

/** Reads the frame's address back (values the content script did not write are dropped). */
export function parseFrameSearch(search: string): FrameQuery {
  const params = new URLSearchParams(search);
  const caseId = params.get('case') ?? '';
  const request: FragmentRequest = /^[A-Za-z0-9_-]{1,64}$/.test(caseId)
    ? { view: 'cases', caseId }
    : params.get('view') === 'incident'
      ? { view: 'incident' }
      : null;
  const service = params.get('service') ?? '';
  return { ticket: params.get('ticket') ?? '', service: /^[a-z0-9-]{1,64}$/.test(service) ? service : '', request };
}

/** Covers the viewport, like the widget's own modal dialog: the frame's backdrop dims the page. */
const FRAME_CSS =
  ':host{all:initial}iframe{position:fixed;inset:0;width:100%;height:100%;margin:0;padding:0;border:0;' +
  'display:block;background:transparent;z-index:2147483647}';

/** The mounted frame: its host in the page, and how to take it away. */
export interface MountedFrame {
  host: HTMLElement;
  remove(): void;
}

/**
 * Appends the frame to `parent`, inside a CLOSED shadow root: the page's scripts cannot reach the iframe
 * element, so they can neither read its address (and its one-time ticket) nor navigate or restyle it;
 * all they see is an empty host element. A constructed sheet, so that a strict `style-src` does not refuse it.
 */
export function mountSupportFrame(parent: HTMLElement, src: string, title: string): MountedFrame {
  const host = document.createElement('netscout-extension-frame');
  const shadow = host.attachShadow({ mode: 'closed' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(FRAME_CSS);
  shadow.adoptedStyleSheets = [sheet];
  const iframe = document.createElement('iframe');
  iframe.src = src;
  iframe.title = title;
  shadow.append(iframe);
  parent.append(host);
  iframe.focus();
  return { host, remove: () => host.remove() };
}
