import crypto from 'node:crypto';
import type { Purchase } from '../../core/index.js';
import type { ChargeRow, SubscriptionRow } from '../db/repository.js';

/**
 * What "the same purchase" means for a key: the service and the plan. The nonce is left out on purpose: it
 * is single-use, and the Drop-in hands out a new one each time it is asked, so the retry of a purchase whose
 * answer was lost carries a new nonce and must replay the first answer, not be refused.
 */
export function purchaseHash(serviceId: string, planId: string): string {
  return crypto.hash('sha256', JSON.stringify([serviceId, planId]));
}

/** A purchase the gateway charged: the subscription to record and the answer to give. */
export interface Charged {
  row: SubscriptionRow;
  body: Purchase;
  charge: ChargeRow;
}
