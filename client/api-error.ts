import type { Problem } from '../core/api/schemas.js';
import { contract } from './contract.js';

/**
 * Why a call to the support API failed: a stable code the UI maps to translated words (the widget's
 * public `netscout-error` codes). `rate-limited` is 429 and `insufficient-storage` 507, both with the
 * server's `Retry-After` when it sent one.
 */
export type ApiErrorCode =
  | 'network'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'invalid'
  | 'rate-limited'
  | 'insufficient-storage'
  | 'server'
  | 'invalid-response';

/** A failed call to the support API, with the server's problem document when it sent one. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly problem: Problem | undefined;
  /** Seconds the server asked the caller to wait (`Retry-After`, delta-seconds form), when it did. */
  readonly retryAfterSeconds: number | null;
  constructor(code: ApiErrorCode, message: string, status = 0, problem?: Problem, retryAfterSeconds?: number | null) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds ?? null;
  }
  /** Worth retrying later: the network, or the server being unwell, not a refusal. */
  get transient(): boolean {
    return this.code === 'network' || this.status >= 500 || this.status === 429 || this.status === 408;
  }
}

const CODES: Record<number, ApiErrorCode> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  429: 'rate-limited',
  507: 'insufficient-storage',
};

/** The `ApiError` for a failed answer: its status, its problem document (if any) and `Retry-After`. */
export function errorFor(status: number, json: unknown, retryAfter: string | null): ApiError {
  const parsed = contract().Problem.safeParse(json);
  const problem = parsed.success ? parsed.data : undefined;
  const message = problem ? `${problem.title}${problem.detail ? `: ${problem.detail}` : ''}` : `HTTP ${status}`;
  const code = CODES[status] ?? (status >= 500 ? 'server' : 'invalid');
  return new ApiError(code, message, status, problem, parseRetryAfter(retryAfter));
}

/** `Retry-After` in seconds (delta-seconds form only; an HTTP date is ignored), or `null`. */
export function parseRetryAfter(value: string | null): number | null {
  if (!value || !/^\d+$/.test(value.trim())) return null;
  return Number(value.trim());
}
