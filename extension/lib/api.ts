import { type Case, type CaseListPage, contract, type Me, type SupportCalendar } from '../../core/api/schemas.js';
import type { PollErrorKind } from './storage.js';

/** A failed API call, as a value the UI can map to words: `kind` is stable, `message` is for logs. */
export class ApiError extends Error {
  readonly kind: PollErrorKind;
  readonly status: number | null;
  /** Seconds the server asked us to wait (`Retry-After`), when it did. */
  readonly retryAfterSeconds: number | null;
  constructor(
    kind: PollErrorKind,
    message: string,
    status: number | null = null,
    retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export interface ApiClientOptions {
  apiBase: string;
  token: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

interface Parser<T> {
  safeParse(
    value: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

/** The few calls the extension makes to the support API; every response is parsed with the contract. */
export class SupportApi {
  readonly #base: string;
  readonly #token: string;
  readonly #fetch: typeof fetch;
  readonly #signal: AbortSignal | undefined;

  constructor(options: ApiClientOptions) {
    this.#base = options.apiBase.replace(/\/+$/, '');
    this.#token = options.token;
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#signal = options.signal;
  }

  me(): Promise<Me> {
    return this.#get('/v1/me', contract.Me as Parser<Me>);
  }

  calendar(from: string, to: string): Promise<SupportCalendar> {
    const query = new URLSearchParams({ from, to });
    return this.#get(`/v1/calendar?${query}`, contract.SupportCalendar as Parser<SupportCalendar>);
  }

  /** Every case updated after `updatedSince` (all of them when `null`), following the pages. */
  async casesUpdatedSince(updatedSince: string | null, pageLimit = 100): Promise<Case[]> {
    const items: Case[] = [];
    let cursor: string | null = null;
    // A hard stop against a server that keeps handing out cursors.
    for (let page = 0; page < 1000; page++) {
      const query = new URLSearchParams({ limit: String(pageLimit) });
      if (updatedSince) query.set('updatedSince', updatedSince);
      if (cursor) query.set('cursor', cursor);
      const result: CaseListPage = await this.#get(`/v1/cases?${query}`, contract.CaseListPage as Parser<CaseListPage>);
      items.push(...result.items);
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    return items;
  }

  async #get<T>(path: string, schema: Parser<T>): Promise<T> {
    let response: Response;
    try {
      response = await this.#fetch(`${this.#base}${path}`, {
        headers: { Authorization: `Bearer ${this.#token}`, Accept: 'application/json' },
        signal: this.#signal,
      });
    } catch (error) {
      throw new ApiError('offline', `cannot reach ${this.#base}: ${(error as Error).message}`);
    }
    if (!response.ok) throw await problemError(response);
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new ApiError('invalid-response', `${path}: the response is not JSON`, response.status);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first ? `${first.path.map(String).join('.') || '(root)'} ${first.message}` : 'unknown issue';
      throw new ApiError(
        'invalid-response',
        `${path}: the response does not match the contract: ${where}`,
        response.status,
      );
    }
    return parsed.data;
  }
}

async function problemError(response: Response): Promise<ApiError> {
  let detail = response.statusText;
  try {
    const problem = await response.json();
    if (problem && typeof problem === 'object' && 'title' in problem) {
      detail = [problem.title, problem.detail].filter((part) => typeof part === 'string').join(': ');
    }
  } catch {
    // Not a problem document: the status line is all we have.
  }
  const message = `HTTP ${response.status}${detail ? ` ${detail}` : ''}`;
  if (response.status === 401 || response.status === 403) return new ApiError('unauthorized', message, response.status);
  if (response.status === 429 || response.status === 503) {
    const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
    return new ApiError(response.status === 429 ? 'rate-limited' : 'server', message, response.status, retryAfter);
  }
  return new ApiError('server', message, response.status);
}

/** `Retry-After` in seconds (delta-seconds form only; an HTTP date is ignored), or `null`. */
export function parseRetryAfter(value: string | null): number | null {
  if (!value || !/^\d+$/.test(value.trim())) return null;
  return Number(value.trim());
}
