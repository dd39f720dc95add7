/**
 * `dist/widget/loader.js`: the only script a host page loads up front (≤ 3 KB gzip).
 *
 * - Puts a lightweight placeholder "Assistance" button in each `<netscout-support>` launcher until the
 *   full element arrives (the element then reuses that shadow root).
 * - Prefetches the full element only once the page has loaded and painted (after `load`, the next frame, then
 *   idle time), at low priority (`<link rel="modulepreload" fetchpriority="low">`: fetched and compiled, not
 *   run), and not at all under Save-Data or on a 2G connection: the host page's own loading never shares
 *   the network or the main thread with it. Runs it on the first interaction (hover, focus or click on a
 *   trigger or the launcher), importing it at once then (an unfinished prefetch is joined, not repeated).
 * - Where custom elements are missing, loads the `@webcomponents/webcomponentsjs` polyfill first.
 * - After load and paint, runs the element at once if this browser's outbox holds an incident for a widget's API, so it
 *   is delivered on this page load without the customer opening the widget (the element checks whose it is).
 */
import { resolveLocale } from './i18n/locale.js';
import { installHostHook } from './internal/host-hook.js';
import { leaveWarmUp } from './warm-up.js';

// Sibling files of loader.js in dist/widget/. Variables, not literals: the bundler must neither inline
// them nor chain the element to the loader; they are fetched at run time, relative to the loader's URL.
const ELEMENT = './netscout-support.js';
const POLYFILL = './legacy/webcomponents-loader.js';
const MESSAGES = './chunks/messages.';

type Openable = HTMLElement & { open(trigger?: HTMLElement | null): void };

let loading: Promise<unknown> | undefined;

function loadPolyfill(): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = new URL(POLYFILL, import.meta.url).href;
    script.onerror = () => reject(new Error('netscout-support: cannot load the custom elements polyfill'));
    window.addEventListener('WebComponentsReady', () => resolve(), { once: true });
    document.head.append(script);
  });
}

/** Loads the full element once. */
export function loadNetscoutSupport(): Promise<unknown> {
  preloadLanguages('auto');
  loading ??= (window.customElements ? Promise.resolve() : loadPolyfill()).then(
    () => import(/* @vite-ignore */ new URL(ELEMENT, import.meta.url).href),
  );
  return loading;
}

/** The widget's API base, as the element reads it (default: the origin that served the scripts). */
function apiBaseOf(widget: HTMLElement): string {
  return (widget.getAttribute('api-base') || new URL(import.meta.url).origin).replace(/\/+$/, '');
}

/**
 * The widget's first two requests, started at the click while the element is still being fetched and run:
 * the element picks them up (see `warm-up.ts`) instead of sending its own. Only for a `token` attribute (a
 * `tokenProvider` is the element's to call).
 */
function warmup(widget: HTMLElement): void {
  if ((widget as { tokenProvider?: unknown }).tokenProvider || customElements?.get(widget.localName)) return;
  const base = apiBaseOf(widget);
  const token = widget.getAttribute('token') || undefined;
  const get = (path: string, auth: boolean) => {
    const response = fetch(base + path, {
      headers: auth ? { Accept: 'application/json', Authorization: `Bearer ${token}` } : { Accept: 'application/json' },
      credentials: 'same-origin',
    });
    response.catch(() => undefined); // the element reports failures, if it uses this response at all
    return response;
  };
  leaveWarmUp(widget, {
    base,
    token,
    at: Date.now(),
    me: token ? get('/v1/me', true) : undefined,
    calendar: get('/v1/calendar', false),
  });
}

/**
 * Whether the outbox (IndexedDB `netscout-support`, written by the element) holds an incident for one of
 * `bases` that a signed-in author may send: not refused, author recorded. Raw IndexedDB, not the `idb`
 * library the element uses, to keep the loader small; it never creates the database.
 */
function hasPending(bases: string[]): Promise<boolean> {
  return new Promise((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.open('netscout-support');
    } catch {
      return resolve(false); // no IndexedDB here (sandboxed frame, some private modes)
    }
    // No database yet: abort its creation, or an empty version-1 database would stop the element's upgrade.
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = request.onblocked = () => resolve(false);
    request.onsuccess = () => {
      const db = request.result;
      const done = (found: boolean) => {
        db.close();
        resolve(found);
      };
      db.onversionchange = () => db.close();
      if (!db.objectStoreNames.contains('outbox')) return done(false);
      const cursor = db.transaction('outbox').objectStore('outbox').openCursor();
      cursor.onerror = () => done(false);
      cursor.onsuccess = () => {
        const at = cursor.result;
        if (!at) return done(false);
        const entry = at.value as { apiBase?: string; author?: unknown; refused?: unknown };
        if (entry.author && !entry.refused && bases.includes(String(entry.apiBase).replace(/\/+$/, ''))) done(true);
        else at.continue();
      };
    };
  });
}

let prefetched = false;
let languagesAsked = false;

/**
 * `modulepreload` rather than `prefetch`: it puts the module in the page's module map, so the click's
 * `import()` joins a fetch still under way instead of starting another, and it is fetched in CORS mode like
 * that import (a `prefetch` of a cross-origin loader's element would be a second download).
 */
function preload(file: string, priority: 'low' | 'auto'): void {
  const link = document.createElement('link');
  link.rel = 'modulepreload';
  link.setAttribute('fetchpriority', priority);
  link.href = new URL(file, import.meta.url).href;
  document.head.append(link);
}

/**
 * The words of the page's widgets' languages (one chunk each), fetched alongside the element: otherwise
 * they would be asked for only once the element runs, one request waiting on another.
 */
function preloadLanguages(priority: 'low' | 'auto'): void {
  if (languagesAsked) return;
  languagesAsked = true;
  const widgets = [...document.querySelectorAll('netscout-support')];
  const asked = widgets.length ? widgets.map((w) => w.getAttribute('locale')) : [null];
  for (const lang of new Set(asked.map((tag) => resolveLocale(tag, navigator.languages)))) {
    preload(`${MESSAGES}${lang}.js`, priority);
  }
}

/** Fetches and compiles the element without running it, unless the visitor's connection must be spared. */
function prefetch(): void {
  const connection = (navigator as { connection?: { saveData?: boolean; effectiveType?: string } }).connection;
  if (connection?.saveData || /2g$/.test(connection?.effectiveType ?? '')) return; // '2g' and 'slow-2g'
  if (prefetched || loading) return;
  prefetched = true;
  preload(ELEMENT, 'low');
  preloadLanguages('low');
}

/**
 * Runs `task` once the page has fired `load` and painted: in idle time after the next frame (a hidden page
 * paints no frame: idle time only). Before that, a prefetch would compete with the page's own requests, and
 * Lighthouse's simulation would count it on the path to the first paint.
 */
function afterLoadAndPaint(task: () => void): void {
  const idle = () =>
    'requestIdleCallback' in window ? requestIdleCallback(task, { timeout: 2000 }) : setTimeout(task);
  const loaded = () => (document.visibilityState === 'hidden' ? idle() : requestAnimationFrame(idle));
  if (document.readyState === 'complete') loaded();
  else window.addEventListener('load', loaded, { once: true });
}

const sheet = (() => {
  try {
    const s = new CSSStyleSheet();
    s.replaceSync(
      'button{position:fixed;right:1.25rem;bottom:1.25rem;z-index:2147483000;border:0;border-radius:999px;' +
        'padding:.75rem 1.25rem;background:var(--netscout-accent,#0b5cad);color:var(--netscout-accent-fg,#fff);' +
        'font:600 1rem system-ui,sans-serif;cursor:pointer;box-shadow:0 4px 14px rgb(0 0 0/25%)}' +
        'button:focus-visible{outline:3px solid var(--netscout-accent,#0b5cad);outline-offset:2px}',
    );
    return s;
  } catch {
    return undefined;
  }
})();

function placeholder(widget: HTMLElement): void {
  if (widget.shadowRoot || widget.getAttribute('mode') === 'inline' || customElements.get(widget.localName)) return;
  const root = widget.attachShadow({ mode: 'open' });
  if (sheet) root.adoptedStyleSheets = [sheet];
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'launcher';
  button.setAttribute('part', 'launcher');
  button.setAttribute('aria-haspopup', 'dialog');
  button.textContent = 'Assistance';
  button.addEventListener('pointerenter', () => void loadNetscoutSupport());
  button.addEventListener('focus', () => void loadNetscoutSupport());
  button.addEventListener('click', () => {
    warmup(widget);
    void loadNetscoutSupport().then(() => (widget as Openable).open(button));
  });
  root.append(button);
}

function start(): void {
  const widgets = [...document.querySelectorAll<HTMLElement>('netscout-support')];
  if (window.customElements) widgets.forEach(placeholder);
  (globalThis as unknown as Record<string, boolean>).__netscoutSupportHook = true;
  installHostHook(document, loadNetscoutSupport, warmup);
  const warm = (event: Event) => {
    if ((event.target as Element | null)?.closest?.('[data-netscout-support]')) void loadNetscoutSupport();
  };
  document.addEventListener('pointerover', warm, { passive: true });
  document.addEventListener('focusin', warm);
  if (widgets.some((w) => w.getAttribute('mode') === 'inline')) return void loadNetscoutSupport();
  const bases = widgets.map(apiBaseOf);
  const idle = () => {
    prefetch();
    if (bases.length && window.customElements)
      void hasPending(bases).then((pending) => pending && loadNetscoutSupport());
  };
  afterLoadAndPaint(idle);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
