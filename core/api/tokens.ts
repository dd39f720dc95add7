// The personal API token part of the support API contract: tokens a customer makes for scripts and curl.
import type { ContractZod } from './contract.js';

/** The longest a personal API token may live, in days. */
export const MAX_TOKEN_DAYS = 365;

/**
 * The personal-token schemas, built with the same zod functions as the rest of the contract. The secret is in
 * {@link NewPersonalToken} only: it is shown once, when the token is made, and stored hashed.
 */
export function tokenSchemas<Id, Line>(z: ContractZod, { id, line }: { id: Id; line: Line }) {
  const instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' });
  const PersonalTokenRequest = z.strictObject({
    name: line,
    expiresInDays: z.number().check(
      z.superRefine((value: number, ctx) => {
        if (!Number.isInteger(value) || value < 1 || value > MAX_TOKEN_DAYS) {
          ctx.addIssue({
            code: 'custom',
            message: `must be a whole number of days from 1 to ${MAX_TOKEN_DAYS}`,
            input: value,
          });
        }
      }),
    ),
  });

  const PersonalToken = z.object({
    id,
    name: z.string(),
    createdAt: instant,
    expiresAt: z.nullable(instant),
  });

  const NewPersonalToken = z.object({
    id,
    token: z.string(),
    name: z.string(),
    createdAt: instant,
    expiresAt: instant,
  });

  const PersonalTokenList = z.object({ items: z.array(PersonalToken) });

  return { PersonalTokenRequest, PersonalToken, NewPersonalToken, PersonalTokenList };
}
