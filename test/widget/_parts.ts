// Mounting one part of the widget alone, as the root element would render it: its data as properties, the
// real API behind its client, and the events it tells its parent recorded.
import { SupportApiClient } from '../../client/api.js';
import type { Me } from '../../core/api/schemas.js';
import type { PartEventMap } from '../../widget/src/internal/part-events.js';
import type { Ui } from '../../widget/src/internal/ui.js';
import { loadAllParts } from '../../widget/src/lazy-parts.js';
import { apiGet, env } from './_helpers.js';
import { uiIn } from './_words.js';

// The parts the widget loads on demand are defined before a test mounts one by itself.
await loadAllParts();

type Api = 'holiday' | 'regular';
type Account = keyof (typeof env)['holiday']['demo'];

/** An address nothing listens on (the discard port): every request to it fails as the network would. */
export const UNREACHABLE = 'http://127.0.0.1:9';

/** English (or French) in New York time, as the root passes it to its parts. */
export function ui(lang: 'en' | 'fr' = 'en'): Ui {
  return uiIn(lang, 'America/New_York');
}

/** A client of the real test API with `account`'s token (none: a visitor); `base` overrides the address. */
export function client(api: Api, account: Account | null, base = env[api].url): SupportApiClient {
  const token = account ? env[api].demo[account].token : undefined;
  return new SupportApiClient(base, async () => token);
}

/** `GET /v1/me` for `account`, as the root would hand it to a part. */
export function meOf(account: Account, api: Api = 'holiday'): Promise<Me> {
  return apiGet<Me>(api, '/v1/me', account);
}

/** Puts the part `tag` in the page with `properties` set before its first render. */
export function mountPart<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  properties: Partial<HTMLElementTagNameMap[K]>,
): HTMLElementTagNameMap[K] {
  const part = document.createElement(tag);
  Object.assign(part, properties);
  document.body.append(part);
  return part;
}

/** A recorded event: its detail, and whether it would have left the widget's shadow root. */
export interface Told<D> {
  detail: D;
  composed: boolean;
  bubbles: boolean;
}

/** Records every `name` event the part dispatches on itself (what its parent hears). */
export function told<K extends keyof PartEventMap>(part: HTMLElement, name: K): Told<PartEventMap[K]>[] {
  const seen: Told<PartEventMap[K]>[] = [];
  part.addEventListener(name, (event) => {
    const { detail, composed, bubbles } = event as CustomEvent<PartEventMap[K]>;
    seen.push({ detail, composed, bubbles });
  });
  return seen;
}
