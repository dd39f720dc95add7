import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';
import { ProblemError } from './problem.js';

export interface RateLimitOptions {
  /** Requests a token may make in a burst. */
  burst: number;
  /** Sustained requests per second per token. */
  perSecond: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { burst: 300, perSecond: 50 };

/**
 * A token bucket per bearer token (by its hash). An empty bucket answers 429 with `Retry-After` in whole
 * seconds. Anonymous requests (health, calendar, the knowledge base, OpenAPI) are not limited here.
 */
export function rateLimit(options: RateLimitOptions, clock: () => number = Date.now): MiddlewareHandler<AppEnv> {
  const buckets = new Map<string, { tokens: number; at: number }>();
  let sweepAt = clock();
  return async (c, next) => {
    const caller = c.get('caller');
    if (caller) {
      const t = clock();
      if (t - sweepAt > 60_000) {
        // Forget buckets that have refilled: memory stays proportional to active tokens.
        for (const [key, bucket] of buckets) {
          if (bucket.tokens + ((t - bucket.at) / 1000) * options.perSecond >= options.burst) buckets.delete(key);
        }
        sweepAt = t;
      }
      const bucket = buckets.get(caller.tokenHash) ?? { tokens: options.burst, at: t };
      bucket.tokens = Math.min(options.burst, bucket.tokens + ((t - bucket.at) / 1000) * options.perSecond);
      bucket.at = t;
      buckets.set(caller.tokenHash, bucket);
      if (bucket.tokens < 1) {
        const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / options.perSecond));
        throw new ProblemError(429, 'rate-limited', 'Too many requests', {
          detail: `This token may make ${options.perSecond} requests per second (bursts of ${options.burst}). Retry in ${retryAfter} s.`,
          headers: { 'retry-after': String(retryAfter) },
        });
      }
      bucket.tokens -= 1;
    }
    await next();
  };
}
