// The billing part of the support API contract: the receipt of a charge and the account's billing history.
import type { ContractZod } from './contract.js';

/** Billing schemas, built with the contract's own zod functions, `id` and `instant`. */
export function billingSchemas<Id, Instant>(z: ContractZod, { id, instant }: { id: Id; instant: Instant }) {
  /** One charge to the account: what a receipt and a line of the billing history show. */
  const Charge = z.object({
    id,
    subscriptionId: id,
    serviceId: id,
    serviceName: z.string(),
    planId: z.string(),
    planName: z.string(),
    amountCents: z.number(),
    /** ISO 4217 code. */
    currency: z.string(),
    /** The payment gateway's transaction id. */
    transactionId: z.string(),
    /** The gateway's transaction status when charged (`submitted_for_settlement`, `settled`, …). */
    status: z.string(),
    chargedAt: instant,
    /** The billed period this charge pays for: [start, end). */
    periodStartsAt: instant,
    periodEndsAt: instant,
    /** Charged through the local test gateway: no real payment was made. */
    testGateway: z.boolean(),
  });

  /** The account's charges, newest first. */
  const BillingHistory = z.object({ items: z.array(Charge) });

  return { Charge, BillingHistory };
}
