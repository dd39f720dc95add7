import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv, Caller } from '../context.js';
import { type Authenticator, unauthorized } from './auth.js';
import { ProblemError } from './problem.js';
import { type AddressLimitOptions, addressKey, type RateLimitOptions, tooManyRequests } from './rate-limit.js';
import type { RouteTable } from './route-table.js';
import { type LimitsFactory, memoryLimits } from './shared-limits.js';

export interface GateOptions {
  /** The API's routes; called on the first request, once every route is registered. */
  routes: () => RouteTable;
  authenticator: Authenticator;
  /** Per bearer token. */
  tokenLimit: RateLimitOptions;
  /** Per client address. */
  addressLimit: AddressLimitOptions;
  /** Where the counters are: this process's memory (default), or the store every process shares. */
  limits?: LimitsFactory;
  clock?: () => number;
}

/**
 * Everything an API request must pass before a byte of its body is read, cheapest first:
 *
 * 1. its client address must not be over its limit (429), unless it sends a token that named a user lately:
 *    one address guessing tokens must not lock out the callers who share it;
 * 2. the path must exist (404) and take the method (405 with `Allow`, derived from the registered routes);
 * 3. a bearer token, when sent, must name a user (401), and a route that declares bearer security needs one
 *    (401); each refusal costs the address `failureCost`, each anonymous request 1;
 * 4. the token must not be over its limit (429).
 *
 * A refusal of a request that carries a body closes the connection rather than reading or draining the body.
 */
export function requestGate(options: GateOptions): MiddlewareHandler<AppEnv> {
  const { authenticator, tokenLimit, addressLimit } = options;
  const limits = options.limits ?? memoryLimits(options.clock);
  const tokens = limits('token', tokenLimit);
  const addresses = limits('address', addressLimit);
  let table: RouteTable | undefined;
  return async (c, next) => {
    try {
      const address = addressKey(clientAddress(c));
      const header = c.req.header('authorization');
      // A token that worked lately is limited by its own bucket only; anyone else is checked by address. An
      // anonymous request costs 1 whatever it asks, taken at once: one statement when the limits are shared.
      if (header === undefined || !authenticator.knows(header)) {
        const wait = await (header === undefined ? addresses.take(address) : addresses.wait(address));
        if (wait > 0) throw tooManyRequests(wait, 'One client address', addressLimit);
      }
      table ??= options.routes();
      const method = c.req.method;
      const entry = table.match(c.req.path);
      if (!entry) {
        if (header !== undefined) await addresses.spend(address, 1);
        throw new ProblemError(404, 'not-found', 'Not found', { detail: `Nothing at ${method} ${c.req.path}.` });
      }
      if (!entry.methods.has(method)) {
        if (header !== undefined) await addresses.spend(address, 1);
        throw new ProblemError(405, 'method-not-allowed', 'Method not allowed', {
          detail: `${c.req.path} answers ${entry.allow}, not ${method}.`,
          headers: { allow: entry.allow },
        });
      }
      if (method === 'OPTIONS') return c.body(null, 204, { allow: entry.allow });
      if (header !== undefined) {
        let caller: Caller;
        try {
          caller = await authenticator.resolve(header);
        } catch (error) {
          await addresses.spend(address, addressLimit.failureCost);
          throw error;
        }
        c.set('caller', caller);
        const tokenWait = await tokens.take(caller.tokenHash);
        if (tokenWait > 0) throw tooManyRequests(tokenWait, 'This token', tokenLimit);
      } else if (entry.secured.has(method)) {
        await addresses.spend(address, addressLimit.failureCost - 1);
        throw unauthorized('This endpoint needs "Authorization: Bearer <token>".');
      }
    } catch (error) {
      if (error instanceof ProblemError && carriesBody(c)) {
        error.extra.headers = { ...error.extra.headers, connection: 'close' };
      }
      throw error;
    }
    return next();
  };
}

/** The peer address of the connection (behind a reverse proxy: the proxy's). */
function clientAddress(c: Context<AppEnv>): string | undefined {
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket?.remoteAddress;
}

function carriesBody(c: Context<AppEnv>): boolean {
  const length = c.req.header('content-length');
  return (length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined;
}
