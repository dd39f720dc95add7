// The "was this helpful?" part of the support API contract: a reader's answer about a self-help article.
import type { ContractZod } from './contract.js';

/**
 * The article-feedback schemas, built with the same zod functions as the rest of the contract. A user has one
 * answer per article (`slug`, whatever the language read), which they may change.
 */
export function kbFeedbackSchemas(z: ContractZod) {
  const instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' });

  const KbVoteRequest = z.strictObject({ helpful: z.boolean() });

  /** The caller's own answer; `helpful` `null` when they have not answered. */
  const KbVote = z.object({ slug: z.string(), helpful: z.nullable(z.boolean()), votedAt: z.nullable(instant) });

  /** Support engineers: every article's answers, counted, no reader named. */
  const KbVoteCounts = z.object({
    items: z.array(z.object({ slug: z.string(), helpful: z.number(), notHelpful: z.number() })),
  });

  return { KbVoteRequest, KbVote, KbVoteCounts };
}
