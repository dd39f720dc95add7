// The self-help part of the support API contract: articles, search results, and a reader's answer to "was
// this helpful?".
import type { ContractZod } from './contract.js';

/**
 * The knowledge-base schemas, built with the same zod functions as the rest of the contract. A user has one
 * answer per article (`slug`, whatever the language read), which they may change.
 */
export function kbSchemas(z: ContractZod, { instant }: { instant: ReturnType<ContractZod['iso']['datetime']> }) {
  const KbArticle = z.object({
    slug: z.string(),
    lang: z.enum(['en', 'fr']),
    title: z.string(),
    summary: z.string(),
    /** Plain-text paragraphs: never HTML. */
    body: z.array(z.string()),
    tags: z.array(z.string()),
    updatedAt: instant,
  });

  const KbSearchResults = z.object({
    query: z.string(),
    /** The language of the results; `fallback` when nothing matched in the one asked for, so these are in the other. */
    lang: z.enum(['en', 'fr']),
    fallback: z.boolean(),
    items: z.array(
      z.object({
        slug: z.string(),
        lang: z.enum(['en', 'fr']),
        title: z.string(),
        summary: z.string(),
        score: z.number(),
      }),
    ),
  });

  const KbVoteRequest = z.strictObject({ helpful: z.boolean() });

  /** The caller's own answer; `helpful` `null` when they have not answered. */
  const KbVote = z.object({ slug: z.string(), helpful: z.nullable(z.boolean()), votedAt: z.nullable(instant) });

  /** Support engineers: every article's answers, counted, no reader named. */
  const KbVoteCounts = z.object({
    items: z.array(z.object({ slug: z.string(), helpful: z.number(), notHelpful: z.number() })),
  });

  return { KbArticle, KbSearchResults, KbVoteRequest, KbVote, KbVoteCounts };
}
