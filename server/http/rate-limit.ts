import { ProblemError } from './problem.js';

export interface RateLimitOptions {
  /** Requests a key may make in a burst. */
  burst: number;
  /** Sustained requests per second per key. */
  perSecond: number;
}

/** The limit of one client address: anonymous requests cost 1, a refused credential `failureCost`. */
export interface AddressLimitOptions extends RateLimitOptions {
  /** What one request with missing or wrong credentials to a route that needs them costs the address. */
  failureCost: number;
}

/** Per bearer token (`NETSCOUT_RATE_LIMIT`). */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { burst: 300, perSecond: 50 };

/**
 * Per client address (`NETSCOUT_ADDRESS_RATE_LIMIT`): 300 anonymous requests at once and 20 a second after
 * that (a widget asks for a handful per page view), or 15 refused credentials at once and one a second.
 */
export const DEFAULT_ADDRESS_LIMIT: AddressLimitOptions = { burst: 300, perSecond: 20, failureCost: 20 };

/**
 * Token buckets by key (a token hash, a client address). A bucket may go into debt when a request costs
 * more than is left: the key then waits until it has refilled to one.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private sweepAt: number;

  constructor(
    readonly options: RateLimitOptions,
    private readonly clock: () => number = Date.now,
  ) {
    this.sweepAt = clock();
  }

  /** Seconds `key` must wait before its next request, or 0 when it may make one now. Spends nothing. */
  wait(key: string): number {
    const tokens = this.refill(key);
    return tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - tokens) / this.options.perSecond));
  }

  /** Takes one request from `key`'s bucket when it holds one: 0, or else the seconds to wait (nothing taken). */
  take(key: string): number {
    const tokens = this.refill(key);
    if (tokens < 1) return Math.max(1, Math.ceil((1 - tokens) / this.options.perSecond));
    const bucket = this.buckets.get(key);
    if (bucket) bucket.tokens = tokens - 1;
    else this.buckets.set(key, { tokens: tokens - 1, at: this.clock() });
    return 0;
  }

  /** Takes `cost` from `key`'s bucket (into debt, at most one burst deep). */
  spend(key: string, cost: number): void {
    const tokens = Math.max(-this.options.burst, this.refill(key) - cost);
    const bucket = this.buckets.get(key);
    if (bucket) bucket.tokens = tokens;
    else this.buckets.set(key, { tokens, at: this.clock() });
  }

  private refill(key: string): number {
    const t = this.clock();
    const { burst, perSecond } = this.options;
    if (t - this.sweepAt > 60_000) {
      // Forget buckets that have refilled: memory stays proportional to the keys active lately.
      for (const [k, b] of this.buckets)
        if (b.tokens + ((t - b.at) / 1000) * perSecond >= burst) this.buckets.delete(k);
      this.sweepAt = t;
    }
    const bucket = this.buckets.get(key);
    if (!bucket) return burst;
    bucket.tokens = Math.min(burst, bucket.tokens + ((t - bucket.at) / 1000) * perSecond);
    bucket.at = t;
    return bucket.tokens;
  }
}

/** The 429 problem document, with `Retry-After` in whole seconds. */
export function tooManyRequests(retryAfter: number, who: string, options: RateLimitOptions): ProblemError {
  return new ProblemError(429, 'rate-limited', 'Too many requests', {
    detail: `${who} may make ${options.perSecond} requests per second (bursts of ${options.burst}). Retry in ${retryAfter} s.`,
    headers: { 'retry-after': String(retryAfter) },
  });
}

/**
 * The key a client address is limited under: an IPv4 address as is (also when Node reports it IPv4-mapped),
 * an IPv6 address by its /64 prefix, since one subscriber usually holds a whole /64.
 */
export function addressKey(address: string | undefined): string {
  if (!address) return 'unknown';
  if (!address.includes(':')) return address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  const [head, tail = ''] = address.split('%')[0].toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') && tail ? tail.split(':') : [];
  const groups = [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}
