import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv, Caller, ServerContext } from '../context.js';
import { hashToken } from '../domain/ids.js';
import { ProblemError } from './problem.js';

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]{16,256})$/;

/**
 * Resolves `Authorization: Bearer <token>` to the caller. Tokens are looked up by their SHA-256 hash;
 * the token itself is never stored nor logged. Routes that need a caller call {@link requireCaller}.
 */
export function authenticate(ctx: ServerContext): MiddlewareHandler<AppEnv> {
  // The hash of each header seen lately: a client sends the same token on every request.
  const hashes = new Map<string, string>();
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (header !== undefined) {
      let tokenHash = hashes.get(header);
      if (tokenHash === undefined) {
        const match = BEARER.exec(header);
        if (!match) throw unauthorized('The Authorization header must be "Bearer <token>".');
        tokenHash = hashToken(match[1]);
        if (hashes.size >= 10_000) hashes.clear();
        hashes.set(header, tokenHash);
      }
      const found = await ctx.repo.findUserByTokenHash(tokenHash);
      if (!found) throw unauthorized('The bearer token is not valid.');
      c.set('caller', { ...found, tokenHash });
    }
    await next();
  };
}

function unauthorized(detail: string): ProblemError {
  return new ProblemError(401, 'unauthorized', 'Authentication required', {
    detail,
    headers: { 'www-authenticate': 'Bearer realm="netscout-support"' },
  });
}

export function requireCaller(c: Context<AppEnv>): Caller {
  const caller = c.get('caller');
  if (!caller) throw unauthorized('This endpoint needs "Authorization: Bearer <token>".');
  return caller;
}

export function requireCustomer(c: Context<AppEnv>): Caller {
  const caller = requireCaller(c);
  if (caller.user.role !== 'customer') {
    throw new ProblemError(403, 'forbidden', 'Customers only', {
      detail: 'Support engineer tokens use the /v1/agent endpoints.',
    });
  }
  return caller;
}

export function requireAgent(c: Context<AppEnv>): Caller {
  const caller = requireCaller(c);
  if (caller.user.role !== 'agent') {
    throw new ProblemError(403, 'forbidden', 'Support engineers only', {
      detail: 'Only support engineer tokens may act on cases from the agent side.',
    });
  }
  return caller;
}
