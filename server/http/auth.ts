import type { Context } from 'hono';
import type { AppEnv, Caller } from '../context.js';
import type { SupportRepository } from '../db/repository.js';
import { hashToken } from '../domain/ids.js';
import { ProblemError } from './problem.js';

// Personal tokens are 47 characters; signed access tokens (JWTs) a few hundred to a couple of thousand.
const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]{16,4096})$/;
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** Checks a signed access token (a JWT): whose it is, or a 401 problem. */
export interface AccessTokenVerifier {
  /** The user the token names (a user id, or an email) and whether it claims the support engineer role. */
  verify(token: string): Promise<{ user: string; agent: boolean }>;
}

/**
 * Resolves `Authorization: Bearer <token>` to the caller. Two kinds of credentials, nothing else: a personal
 * API token, looked up by its SHA-256 hash (the token itself is never stored nor logged) and refused once
 * expired or deleted; or a signed access token (JWT) checked by `jwt`. Routes that need a caller call
 * {@link requireCaller}.
 */
export class Authenticator {
  // The headers that named a user lately: a client sends the same token on every request.
  private readonly known = new Map<string, true>();

  constructor(
    private readonly repo: SupportRepository,
    private readonly now: () => Date,
    private readonly jwt?: AccessTokenVerifier,
  ) {}

  /** Whether `header` named a user lately (it is checked again all the same: it may have been revoked). */
  knows(header: string): boolean {
    return this.known.has(header);
  }

  /** The caller `header` names; a 401 problem when it is malformed, names nobody, or has expired. */
  async resolve(header: string): Promise<Caller> {
    try {
      const caller = await this.#resolve(header);
      if (!this.known.has(header)) {
        if (this.known.size >= 10_000) this.known.clear();
        this.known.set(header, true);
      }
      return caller;
    } catch (error) {
      this.known.delete(header);
      throw error;
    }
  }

  async #resolve(header: string): Promise<Caller> {
    const match = BEARER.exec(header);
    if (!match) throw unauthorized('The Authorization header must be "Bearer <token>".');
    const token = match[1];
    if (JWT.test(token)) {
      if (!this.jwt) throw unauthorized('The bearer token is not valid.');
      const { user, agent } = await this.jwt.verify(token);
      const found = await this.#user(user);
      if (!found) throw unauthorized('The bearer token names no user.');
      // The role claim must agree with the user: a customer's token never gains the engineer role.
      if (agent !== (found.user.role === 'agent')) throw unauthorized("The bearer token's role does not match.");
      return { ...found, tokenHash: `user:${found.user.id}` };
    }
    const tokenHash = hashToken(token);
    const found = await this.repo.accounts.findCaller(tokenHash);
    if (!found) throw unauthorized('The bearer token is not valid.');
    if (found.token.expiresAt !== null && found.token.expiresAt <= this.now().getTime()) {
      throw unauthorized('The bearer token has expired.');
    }
    return { user: found.user, account: found.account, tokenHash };
  }

  async #user(user: string) {
    if (!user.includes('@')) return this.repo.accounts.findUser(user);
    const byEmail = await this.repo.accounts.findUserByEmail(user);
    return byEmail && this.repo.accounts.findUser(byEmail.id);
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
