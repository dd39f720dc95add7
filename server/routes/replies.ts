import crypto from 'node:crypto';
import type { Comment } from '../../core/index.js';
import type { Caller, ServerContext } from '../context.js';
import { commentDto } from '../domain/dto.js';
import { newId } from '../domain/ids.js';
import { notFound, ProblemError } from '../http/problem.js';

/**
 * Posts the customer's reply on case `id` of the caller's account. With `key` (`Idempotency-Key`) it is posted
 * once: a retry with the same body gets the first comment back (`replayed`), another body is refused with 422.
 */
export async function postReply(
  ctx: ServerContext,
  caller: Caller,
  id: string,
  body: string,
  key: string | undefined,
): Promise<{ reply: Comment; replayed: boolean }> {
  const row = await ctx.repo.cases.get(id, caller.account.id);
  if (!row) throw notFound(`Case ${id}`);
  const requestHash = crypto.hash('sha256', body);
  const at = ctx.now().getTime();
  const stored = {
    id: newId('cmt', at),
    case_id: id,
    author_kind: 'customer' as const,
    author_name: caller.user.name,
    body,
    created_at: at,
  };
  // A retry of a reply already posted is answered even once the case is closed.
  const closed = row.status === 'closed';
  // A customer's reply hands a case that was waiting on them back to support.
  const status = row.status === 'waiting-on-customer' || row.status === 'resolved' ? 'in-progress' : row.status;
  const outcome = closed
    ? await ctx.repo.replies.find(id, key)
    : await ctx.repo.replies.post(stored, status, key ? { key, requestHash } : null);
  if (outcome === undefined) {
    throw new ProblemError(409, 'conflict', 'Case closed', {
      detail: `Case ${id} is closed: submit a new incident instead.`,
    });
  }
  if (outcome.posted) return { reply: commentDto(stored), replayed: false };
  if (outcome.requestHash !== requestHash) {
    throw new ProblemError(422, 'idempotency-key-reused', 'Idempotency key reused with a different body', {
      detail: `The key "${key}" was first used for a different reply on case ${id}. Use a new key for a new reply.`,
    });
  }
  return { reply: commentDto(outcome.existing), replayed: true };
}
