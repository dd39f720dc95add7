import { executeServerCommand } from '@web/test-runner-commands';
import { openDB } from 'idb';
// The bundle's entry: defines <netscout-support> and installs the data-netscout-support hook.
import '../../widget/src/netscout-support.js';
import type { Case } from '../../core/api/schemas.js';
import type { NetscoutSupport } from '../../widget/src/index.js';
import { loadAllParts } from '../../widget/src/lazy-parts.js';
import { waitFor } from './_wait.js';

export { waitFor };

type DemoKey = 'gold' | 'goldLapsed' | 'linksprinterPaid' | 'standalonePaid' | 'free' | 'agent';
interface ApiEnv {
  url: string;
  demo: Record<DemoKey, { token: string }>;
}

/** The servers the wtr config started: `holiday` (clock on Thanksgiving 2026), `regular`, `flaky` (proxy). */
export const env = (window as unknown as { __NETSCOUT_TEST__: Record<'holiday' | 'regular' | 'flaky', ApiEnv> })
  .__NETSCOUT_TEST__;

export interface MountOptions {
  api?: 'holiday' | 'regular' | 'flaky';
  account?: DemoKey | null;
  service?: string;
  locale?: 'en' | 'fr';
  mode?: 'launcher' | 'inline';
  timeZone?: string;
  apiBase?: string;
  /** How often the cases view reads again what it shows (ms); the widget's own default when unset. */
  refreshMs?: number;
}

/** Mounts a widget in the page (inline by default, New York time, English). */
export function mount(options: MountOptions = {}): NetscoutSupport {
  const api = env[options.api ?? 'holiday'];
  const el = document.createElement('netscout-support');
  el.setAttribute('service', options.service ?? 'onetouchat');
  el.setAttribute('api-base', options.apiBase ?? api.url);
  el.setAttribute('locale', options.locale ?? 'en');
  el.setAttribute('mode', options.mode ?? 'inline');
  el.setAttribute('time-zone', options.timeZone ?? 'America/New_York');
  const account = options.account === undefined ? 'gold' : options.account;
  if (account) el.setAttribute('token', api.demo[account].token);
  if (options.refreshMs !== undefined) el.refreshMs = options.refreshMs;
  document.body.append(el);
  return el;
}

/** The widget's shadow root and those of its parts inside it, outermost first. */
function shadowRoots(host: Element): ShadowRoot[] {
  const roots: ShadowRoot[] = [];
  const visit = (root: ShadowRoot) => {
    roots.push(root);
    for (const inner of root.querySelectorAll('*')) if (inner.shadowRoot) visit(inner.shadowRoot);
  };
  if (host.shadowRoot) visit(host.shadowRoot);
  return roots;
}

/** The first element matching `selector` in the widget, looking into each of its parts. */
export function $(el: Element, selector: string): HTMLElement | null {
  for (const root of shadowRoots(el)) {
    const found = root.querySelector<HTMLElement>(selector);
    if (found) return found;
  }
  return null;
}

export function $$(el: Element, selector: string): HTMLElement[] {
  return shadowRoots(el).flatMap((root) => [...root.querySelectorAll<HTMLElement>(selector)]);
}

/** What a reader sees of `node`: its text, with that of the parts it renders, styles left out. */
function visibleText(node: Node): string {
  if (node instanceof HTMLStyleElement) return '';
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  const from = (node as Element).shadowRoot ?? node;
  return [...from.childNodes].map(visibleText).join(' ');
}

/** The visible text of a part of the widget, whitespace collapsed. */
export function text(el: Element, selector = '.body'): string {
  const node = $(el, selector);
  return (node ? visibleText(node) : '').replace(/\s+/g, ' ').trim();
}

/** The focused element, inside whichever part of the widget holds it. */
export function focused(el: Element): Element | null {
  let active = el.shadowRoot?.activeElement ?? null;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Waits until the widget and every part it renders have finished updating. */
export async function settle(el: Element): Promise<void> {
  // A view may wait for its part's chunk (lazy-parts.ts): the same import the root started.
  await loadAllParts();
  const parts = () =>
    [el, ...shadowRoots(el).flatMap((root) => [...root.querySelectorAll('*')])].filter(
      (node): node is Element & { updateComplete: Promise<boolean> } => 'updateComplete' in node,
    );
  // An update may render new parts, which then update in turn: until nothing is left to do.
  for (let round = 0; round < 10; round++) {
    const before = parts();
    const done = await Promise.all(before.map((part) => part.updateComplete));
    if (done.every(Boolean) && parts().length === before.length) return;
  }
}

/** Waits until the overview (or the chosen view) has rendered with server data. */
export async function ready(el: NetscoutSupport): Promise<void> {
  // The words of the widget's language are a chunk of their own: the panel shows once they are here too.
  await waitFor(() => el.calendar && !el.loading && el.ui, 'the overview data and the words to show it');
  await settle(el);
}

export async function showView(el: NetscoutSupport, view: string): Promise<void> {
  (await waitFor(() => $(el, `[data-view="${view}"]`), `the ${view} tab`)).click();
  await settle(el);
}

/** Types into a field of the widget the way a user does (value + input event). */
export async function type(el: Element, selector: string, value: string): Promise<void> {
  const field = $(el, selector) as HTMLInputElement | HTMLTextAreaElement;
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await settle(el);
}

interface AxeResult {
  violations: { id: string; impact: string; nodes: { target: unknown; failureSummary: string }[] }[];
}

/** Runs axe-core (all its rules) on the widget and returns the violations, described. */
export async function axeViolations(el: Element): Promise<string[]> {
  const axe = (window as unknown as { axe: { run(ctx: Element, opts?: object): Promise<AxeResult> } }).axe;
  const result = await axe.run(el, { resultTypes: ['violations'] });
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary}`).join(' | ')}`,
  );
}

export async function screenshot(name: string): Promise<void> {
  await executeServerCommand('netscout-screenshot', { name });
}

export async function apiOutage(state: 'down' | 'up'): Promise<void> {
  await executeServerCommand('netscout-api', { state });
}

/** Calls the real API directly (to check what the server holds). */
export async function apiGet<T>(api: 'holiday' | 'regular', path: string, account: DemoKey): Promise<T> {
  const response = await fetch(env[api].url + path, {
    headers: { Authorization: `Bearer ${env[api].demo[account].token}` },
  });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json() as Promise<T>;
}

/** A support engineer answers and/or changes the status of a case, through the real agent route. */
export async function agentUpdate(
  api: 'holiday' | 'regular',
  caseId: string,
  change: { response?: string; status?: Case['status'] },
): Promise<Case> {
  const response = await fetch(`${env[api].url}/v1/agent/cases/${caseId}`, {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${env[api].demo.agent.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(change),
  });
  if (response.status !== 200) throw new Error(`agent update: HTTP ${response.status}`);
  return response.json() as Promise<Case>;
}

/** Files a OneTouchAT case as the Gold customer, straight through the real API. */
export async function fileCase(api: 'holiday' | 'regular', subject: string): Promise<Case> {
  const response = await fetch(`${env[api].url}/v1/incidents`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${env[api].demo.gold.token}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': crypto.randomUUID(),
    },
    body: JSON.stringify({
      serviceId: 'onetouchat',
      subject,
      description: 'The Wi-Fi analysis never finishes on the second floor access point.',
      deviceSerial: 'OTAT-777',
      firmwareVersion: '6.5.1',
      contactEmail: 'alice@acme.example',
    }),
  });
  if (response.status !== 201) throw new Error(`filing a case: HTTP ${response.status}`);
  return response.json() as Promise<Case>;
}

/** The form drafts as IndexedDB holds them (read directly, not through the widget's code). */
export async function storedDrafts(): Promise<{ key: string; fields: Record<string, string> }[]> {
  const db = await openDB('netscout-support');
  try {
    return db.objectStoreNames.contains('drafts') ? await db.getAll('drafts') : [];
  } finally {
    db.close();
  }
}

/** Waits until a draft holding `fields` has reached IndexedDB. */
export async function draftSaved(fields: Record<string, string>): Promise<void> {
  const holds = (draft: { fields: Record<string, string> }) =>
    Object.entries(fields).every(([name, value]) => draft.fields[name] === value);
  await waitFor(async () => (await storedDrafts()).some(holds), `the draft ${JSON.stringify(fields)} in IndexedDB`);
}

/** Removes the widgets, the parts mounted alone, the tests' own hosts and the outbox/drafts database. */
export async function cleanUp(): Promise<void> {
  for (const el of document.body.querySelectorAll(':scope > *')) {
    if (/^(netscout|test)-/.test(el.localName)) el.remove();
  }
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase('netscout-support');
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

export function unique(prefix: string): string {
  return `${prefix} ${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Opens a LinkSprinter Pro customer's form on the API behind the outage proxy, takes the API down, and files an
 * incident: it goes to the outbox. The element and the entry's idempotency key.
 */
export async function fileWhileDown(subject: string, description: string) {
  const el = mount({ api: 'flaky', account: 'linksprinterPaid', service: 'linksprinter' });
  await ready(el);
  await showView(el, 'incident');
  await apiOutage('down');
  await type(el, '#f-subject', subject);
  await type(el, '#f-description', description);
  await type(el, '#f-deviceSerial', 'LS-2024');
  await type(el, '#f-firmwareVersion', '1.2.3');
  const queued: string[] = [];
  el.addEventListener('netscout-incident-queued', (e) => queued.push(e.detail.idempotencyKey));
  ($(el, 'button[type="submit"]') as HTMLButtonElement).click();
  await waitFor(() => queued.length === 1, 'the queued event');
  await el.updateComplete;
  return { el, key: queued[0]! };
}
