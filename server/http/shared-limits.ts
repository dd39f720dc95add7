import { createHash } from 'node:crypto';
import type pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimiter, type RateLimitOptions } from './rate-limit.js';

/** Request limits by key (a token hash, a client address), kept in this process or shared through the store. */
export interface Limits {
  /** Seconds `key` must wait before its next request, or 0 when it may make one now. Spends nothing. */
  wait(key: string): number | Promise<number>;
  /** Takes one request from `key` when it may make one: 0, or else the seconds to wait. */
  take(key: string): number | Promise<number>;
  /** Takes `cost` from `key`, whatever it has left. */
  spend(key: string, cost: number): void | Promise<void>;
}

/** Makes the limits named `name` (each name its own counters) with these options. */
export type LimitsFactory = (name: string, options: RateLimitOptions) => Limits;

/** One process's own token buckets: SQLite's (one process per file), and the default. */
export const memoryLimits =
  (clock?: () => number): LimitsFactory =>
  (_name, options) =>
    new RateLimiter(options, clock);

/**
 * The key as the table holds it (`varchar(255)`, no NUL): a longer or odd one (an email typed on the sign-in
 * page) by its hash, which would otherwise fail and be counted by this process alone.
 */
const stored = (key: string) =>
  key.length <= 200 && !key.includes('\u0000') ? key : createHash('sha256').update(key).digest('base64url');

/** Whole seconds, at least one, before a refused key may try again. */
const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * Limits every process on one PostgreSQL database shares (`rate-limiter-flexible`'s PostgreSQL store, table
 * `rate_limits`, made by migration 0013): a client that spent its burst on one process is refused by all.
 * The library counts in fixed windows rather than refilling a bucket: `burst` requests per window of
 * `burst / perSecond` seconds, the same sustained rate and the same burst. Each check is one statement. When
 * the database does not answer, each process falls back to counting alone (the library's insurance limiter)
 * rather than refusing every request.
 */
export function postgresLimits(pool: pg.Pool): LimitsFactory {
  return (name, options) => {
    const common = {
      points: options.burst,
      duration: Math.max(1, Math.ceil(options.burst / options.perSecond)),
      keyPrefix: name,
    };
    const limiter = new RateLimiterPostgres({
      ...common,
      storeClient: pool,
      storeType: 'pool',
      tableName: 'rate_limits',
      tableCreated: true,
      insuranceLimiter: new RateLimiterMemory(common),
    });
    return {
      async wait(key) {
        const res = await limiter.get(stored(key));
        return res && res.consumedPoints >= options.burst ? seconds(res.msBeforeNext) : 0;
      },
      async take(key) {
        try {
          await limiter.consume(stored(key), 1);
          return 0;
        } catch (refusal) {
          if (refusal instanceof RateLimiterRes) return seconds(refusal.msBeforeNext);
          throw refusal;
        }
      },
      async spend(key, cost) {
        await limiter.penalty(stored(key), cost);
      },
    };
  };
}
