// The live-case part of the support API contract: closing a case and rating the answer after resolution.
import type { ContractZod } from './contract.js';
import type { textFields } from './text.js';

/** Ratings a customer can give a resolved case: one click, good or bad. */
export const CASE_RATINGS = ['good', 'bad'] as const;

/**
 * The case-feedback schemas, built with the same zod functions as the rest of the contract. `text` is the
 * contract's rule for free text (trimmed, length-checked, no control characters).
 */
export function caseActionSchemas(z: ContractZod, { text }: Pick<ReturnType<typeof textFields>, 'text'>) {
  const instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' });
  const Rating = z.enum(CASE_RATINGS);

  /** What the customer sends: a rating, and optionally a few words. */
  const CaseFeedbackDraft = z.strictObject({
    rating: Rating,
    comment: z.optional(text(1, 2_000)),
  });

  /** A stored rating (one per case: the customer's latest). */
  const CaseFeedback = z.object({
    rating: Rating,
    comment: z.nullable(z.string()),
    createdAt: instant,
  });

  /** Support engineers: the latest ratings across every account. */
  const AgentFeedbackList = z.object({
    items: z.array(
      z.object({
        caseId: z.string(),
        caseNumber: z.string(),
        subject: z.string(),
        status: z.string(),
        feedback: CaseFeedback,
      }),
    ),
  });

  return { CaseFeedbackDraft, CaseFeedback, AgentFeedbackList };
}
