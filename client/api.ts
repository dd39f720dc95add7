import type {
  BillingHistory,
  Cancellation,
  Case,
  CaseFeedback,
  CaseFeedbackDraft,
  CaseListPage,
  ClientToken,
  Comment,
  IncidentDraft,
  KbArticle,
  KbSearchResults,
  KbVote,
  Me,
  Purchase,
  PurchaseRequest,
  SupportCalendar,
} from '../core/api/schemas.js';
import { ApiError, errorFor } from './api-error.js';
import { contract } from './contract.js';
import { HeldAnswers } from './held-answers.js';
import { uploadWithProgress } from './upload.js';

export { ApiError, type ApiErrorCode, errorFor, parseRetryAfter } from './api-error.js';

/** Supplies the bearer token for each call (a fixed attribute, or the host page's `tokenProvider`). */
export type TokenSource = () => Promise<string | undefined>;

type Schemas = ReturnType<typeof contract>;
type SchemaName = keyof Schemas;
type Parsed<K extends SchemaName> = ReturnType<Schemas[K]['parse']>;

/** What a client may replace: the `fetch` it calls (a test's, or a service worker's). */
export interface SupportApiClientOptions {
  fetch?: typeof fetch;
  /** The language the customer reads (`Accept-Language`): the server writes their e-mail in it. */
  language?: () => string | undefined;
}

/**
 * The support API as the widget and the extension see it (browser only). Every response is parsed with
 * the contract's `zod/mini` schemas, so a wrong payload is an `invalid-response` error, never a
 * half-rendered view. Each call takes an `AbortSignal`.
 */
export class SupportApiClient {
  readonly #fetch: typeof fetch;
  /** Answers to conditional reads (`ETag`), for `304 Not Modified`. */
  readonly #held = new HeldAnswers();
  constructor(
    readonly base: string,
    /** Where each call gets its bearer token. */
    readonly token: TokenSource,
    readonly options: SupportApiClientOptions = {},
  ) {
    // Called unbound, `window.fetch` throws "Illegal invocation".
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /** The same API with one fixed token: every call then carries the credentials of one caller. */
  withToken(token: string | undefined): SupportApiClient {
    return new SupportApiClient(this.base, async () => token, this.options);
  }

  /** `early`: the same request, already sent by the loader at the click. */
  me(signal?: AbortSignal, early?: Promise<Response>): Promise<Me> {
    return this.call('GET', '/v1/me', 'Me', { signal, early });
  }

  /** Whether support is open now, and the closure in progress (the server's clock is authoritative). */
  calendar(
    signal?: AbortSignal,
    early?: Promise<Response>,
    range?: { from: string; to: string },
  ): Promise<SupportCalendar> {
    const path = range ? `/v1/calendar?${new URLSearchParams(range)}` : '/v1/calendar';
    return this.call('GET', path, 'SupportCalendar', { signal, auth: false, early });
  }

  createIncident(draft: IncidentDraft, idempotencyKey: string): Promise<Case> {
    return this.call('POST', '/v1/incidents', 'Case', {
      body: draft,
      headers: { 'Idempotency-Key': idempotencyKey },
    });
  }

  /** The 50 latest cases; asked again, `304 Not Modified` gives back the same object. */
  cases(signal?: AbortSignal): Promise<CaseListPage> {
    return this.call('GET', '/v1/cases?limit=50', 'CaseListPage', { signal, conditional: true });
  }

  /**
   * Every case updated after `updatedSince` (all of them when `null`), following the pages, with the ids of the
   * account's cases holding an engineer's answer the customer has not opened (`undefined`: the server does not say).
   */
  async casesUpdatedSince(
    updatedSince: string | null,
    pageLimit = 100,
    signal?: AbortSignal,
  ): Promise<{ items: Case[]; unread: string[] | undefined }> {
    const items: Case[] = [];
    let unread: string[] | undefined;
    let cursor: string | null = null;
    // A hard stop against a server that keeps handing out cursors.
    for (let page = 0; page < 1000; page++) {
      const query = new URLSearchParams({ limit: String(pageLimit) });
      if (updatedSince) query.set('updatedSince', updatedSince);
      if (cursor) query.set('cursor', cursor);
      const result: CaseListPage = await this.call('GET', `/v1/cases?${query}`, 'CaseListPage', { signal });
      items.push(...result.items);
      unread ??= result.unread;
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    return { items, unread };
  }

  /** One case; asked again, `304 Not Modified` gives back the same object. */
  case(id: string, signal?: AbortSignal): Promise<Case> {
    return this.call('GET', `/v1/cases/${encodeURIComponent(id)}`, 'Case', { signal, conditional: true });
  }

  /** Closes a case (closing a closed case is harmless). */
  closeCase(caseId: string): Promise<Case> {
    return this.call('POST', `/v1/cases/${encodeURIComponent(caseId)}/close`, 'Case', { body: {} });
  }

  /** Rates the answer of a resolved case; a new rating replaces the earlier one. */
  rateCase(caseId: string, draft: CaseFeedbackDraft): Promise<CaseFeedback> {
    return this.call('POST', `/v1/cases/${encodeURIComponent(caseId)}/feedback`, 'CaseFeedback', { body: draft });
  }

  /** `idempotencyKey`: one per reply, the same on every retry of it (the server posts it once). */
  comment(caseId: string, body: string, idempotencyKey?: string): Promise<Comment> {
    return this.call('POST', `/v1/cases/${encodeURIComponent(caseId)}/comments`, 'Comment', {
      body: { body },
      headers: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : undefined,
    });
  }

  /** `service`: the service whose page asks, so its own articles come first. */
  kbSearch(query: string, lang: 'en' | 'fr', signal?: AbortSignal, service?: string): Promise<KbSearchResults> {
    const q = encodeURIComponent(query);
    const s = service ? `&service=${encodeURIComponent(service)}` : '';
    return this.call('GET', `/v1/kb/search?q=${q}&lang=${lang}${s}`, 'KbSearchResults', { signal });
  }

  /** The caller's "was this helpful?" answer about an article; `helpful` given: records it (changeable). */
  kbVote(slug: string, helpful?: boolean, signal?: AbortSignal): Promise<KbVote> {
    const path = `/v1/kb/articles/${encodeURIComponent(slug)}/vote`;
    return helpful === undefined
      ? this.call('GET', path, 'KbVote', { signal })
      : this.call('PUT', path, 'KbVote', { body: { helpful }, signal });
  }

  kbArticle(slug: string, lang: 'en' | 'fr', signal?: AbortSignal): Promise<KbArticle> {
    const path = `/v1/kb/articles/${encodeURIComponent(slug)}?lang=${lang}`;
    return this.call('GET', path, 'KbArticle', { signal });
  }

  clientToken(): Promise<ClientToken> {
    return this.call('GET', '/v1/payments/client-token', 'ClientToken', {});
  }

  /** `idempotencyKey`: one per purchase attempt, the same on every retry of it (the server charges once). */
  purchase(request: PurchaseRequest, idempotencyKey: string): Promise<Purchase> {
    return this.call('POST', '/v1/subscriptions', 'Purchase', {
      body: request,
      headers: { 'Idempotency-Key': idempotencyKey },
    });
  }

  /** The account's charges, newest first. */
  billingHistory(signal?: AbortSignal): Promise<BillingHistory> {
    return this.call('GET', '/v1/billing/history', 'BillingHistory', { signal });
  }

  /** Cancels a subscription (idempotent): premium support lasts until the end of the billed period. */
  cancelSubscription(id: string): Promise<Cancellation> {
    return this.call('DELETE', `/v1/subscriptions/${encodeURIComponent(id)}`, 'Cancellation', {});
  }

  /**
   * Uploads one attachment with `XMLHttpRequest`, the only browser API that reports upload progress.
   * `onProgress` receives a fraction between 0 and 1. `commentId`: the reply the file comes with.
   */
  async uploadAttachment(
    caseId: string,
    file: Blob,
    fileName: string,
    onProgress: (fraction: number) => void,
    commentId?: string,
  ) {
    const query = commentId ? `?commentId=${encodeURIComponent(commentId)}` : '';
    const url = this.url(`/v1/cases/${encodeURIComponent(caseId)}/attachments${query}`);
    return uploadWithProgress(url, await this.token(), file, fileName, onProgress);
  }

  private url(path: string): string {
    return this.base.replace(/\/+$/, '') + path;
  }

  /**
   * One request. The response schema is named, not passed: the contract is built on first use, and that
   * must not delay the first request.
   */
  private async call<K extends SchemaName>(
    method: string,
    path: string,
    schema: K,
    options: {
      body?: unknown;
      headers?: Record<string, string>;
      signal?: AbortSignal;
      auth?: boolean;
      early?: Promise<Response>;
      /** Send the held answer's tag, and take `304` as "the held answer". */
      conditional?: boolean;
    },
  ): Promise<Parsed<K>> {
    if (options.early) return this.read(method, path, schema, options.early, options.signal);
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    const language = this.options.language?.();
    if (language) headers['Accept-Language'] = language;
    const held = options.conditional ? this.#held.get(path) : undefined;
    if (held) headers['If-None-Match'] = held.etag;
    if (options.auth !== false) {
      const token = await this.token();
      if (token) headers.Authorization = `Bearer ${token}`;
    }
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const response = this.#fetch(this.url(path), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      // Bearer tokens, never cookies. 'same-origin' (not 'omit') lets a same-origin page reuse its open
      // connection; cross-origin requests carry no credentials either way.
      credentials: 'same-origin',
    });
    return this.read(method, path, schema, response, options.signal, options.conditional);
  }

  private async read<K extends SchemaName>(
    method: string,
    path: string,
    schema: K,
    pending: Promise<Response>,
    signal?: AbortSignal,
    conditional?: boolean,
  ): Promise<Parsed<K>> {
    let response: Response;
    try {
      response = await pending;
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ApiError('network', `cannot reach ${this.base}: ${(error as Error).message}`);
    }
    const held = this.#held.get(path);
    if (response.status === 304 && held) return held.value as Parsed<K>;
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      json = undefined;
    }
    if (!response.ok) throw errorFor(response.status, json, response.headers.get('Retry-After'));
    const parsed = contract()[schema].safeParse(json);
    if (!parsed.success) {
      throw new ApiError(
        'invalid-response',
        `${method} ${path}: the response does not match the contract`,
        response.status,
      );
    }
    const etag = response.headers.get('ETag');
    if (conditional && etag) this.#held.set(path, etag, parsed.data);
    return parsed.data as Parsed<K>;
  }
}
