// The payment part of the support API contract: buying a paid plan through Braintree and cancelling it.
import type { ContractZod } from './contract.js';

/**
 * The payment schemas, built with the same zod functions as the rest of the contract. `id` and `Subscription` are
 * the contract's own, so a purchase answers with exactly the subscription `GET /v1/me` lists.
 */
type Schema = Parameters<ContractZod['nullable']>[0];

export function paymentSchemas<Id, Sub, Instant extends Schema, Holiday extends Schema, Receipt>(
  z: ContractZod,
  {
    id,
    Subscription,
    instant,
    SupportHoliday,
    Charge,
  }: { id: Id; Subscription: Sub; instant: Instant; SupportHoliday: Holiday; Charge: Receipt },
) {
  const PurchaseRequest = z.strictObject({
    serviceId: id,
    planId: id,
    paymentMethodNonce: z.string().check(z.minLength(1), z.maxLength(4096)),
  });

  const ClientToken = z.object({ clientToken: z.string(), testGateway: z.boolean() });

  const Transaction = z.object({
    id: z.string(),
    status: z.string(),
    amountCents: z.number(),
    currency: z.string(),
    testGateway: z.boolean(),
  });

  /** `receipt`: what the customer keeps of the charge (amount, date, transaction id, period paid for). */
  const Purchase = z.object({ subscription: Subscription, transaction: Transaction, receipt: Charge });

  /** What the customer is told about a cancellation (core `premiumAfterCancellation`). */
  const CancellationNotice = z.object({
    code: z.enum(['premium-until-minimum-term-end', 'premium-until-period-end', 'gold-program-terms', 'no-premium']),
    /** Premium support lasts until this instant (exclusive); `null` when the plan carried none. */
    premiumEndsAt: z.nullable(instant),
    /** The support holiday on which premium support ends (support is closed that whole day). */
    endsOnHoliday: z.nullable(SupportHoliday),
  });

  const Cancellation = z.object({
    subscription: Subscription,
    owedCents: z.number(),
    refundCents: z.number(),
    policy: z.enum(['minimum-one-month', 'gold-program-terms', 'free-plan']),
    frequentCancellation: z.boolean(),
    notice: CancellationNotice,
  });

  return { PurchaseRequest, ClientToken, Transaction, Purchase, CancellationNotice, Cancellation };
}
