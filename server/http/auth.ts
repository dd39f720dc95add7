import type { Context } from 'hono';
import type { AppEnv, Caller } from '../context.js';
import type { SupportRepository } from '../db/repository.js';
import { hashToken } from '../domain/ids.js';
import { ProblemError } from './problem.js';

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]{16,256})$/;

/**
 * Resolves `Authorization: Bearer <token>` to the caller. Tokens are looked up by their SHA-256 hash; the
 * token itself is never stored nor logged. Routes that need a caller call {@link requireCaller}.
 */
export class Authenticator {
  // The hash of each header that named a user lately: a client sends the same token on every request.
  private readonly known = new Map<string, string>();

  constructor(private readonly repo: SupportRepository) {}

  /** Whether `header` named a user lately (it is looked up again all the same: it may have been revoked). */
  knows(header: string): boolean {
    return this.known.has(header);
  }

  /** The caller `header` names; a 401 problem when it is malformed or names nobody. */
  async resolve(header: string): Promise<Caller> {
    const remembered = this.known.get(header);
    let tokenHash = remembered;
    if (tokenHash === undefined) {
      const match = BEARER.exec(header);
      if (!match) throw unauthorized('The Authorization header must be "Bearer <token>".');
      tokenHash = hashToken(match[1]);
    }
    const found = await this.repo.accounts.findCaller(tokenHash);
    if (!found) {
      this.known.delete(header);
      throw unauthorized('The bearer token is not valid.');
    }
    if (remembered === undefined) {
      if (this.known.size >= 10_000) this.known.clear();
      this.known.set(header, tokenHash);
    }
    return { ...found, tokenHash };
  }
}

/** The 401 problem document, with the `WWW-Authenticate` challenge. */
export function unauthorized(detail: string): ProblemError {
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
