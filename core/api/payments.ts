// The payment part of the support API contract: buying a paid plan through Braintree and cancelling it.
import type { ContractZod } from './contract.js';

/**
 * The payment schemas, built with the same zod functions as the rest of the contract. `id` and `Subscription` are
 * the contract's own, so a purchase answers with exactly the subscription `GET /v1/me` lists.
 */
export function paymentSchemas<Id, Sub>(z: ContractZod, { id, Subscription }: { id: Id; Subscription: Sub }) {
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

  const Purchase = z.object({ subscription: Subscription, transaction: Transaction });

  const Cancellation = z.object({
    subscription: Subscription,
    owedCents: z.number(),
    refundCents: z.number(),
    policy: z.enum(['minimum-one-month', 'gold-program-terms', 'free-plan']),
    frequentCancellation: z.boolean(),
  });

  return { PurchaseRequest, ClientToken, Transaction, Purchase, Cancellation };
}
