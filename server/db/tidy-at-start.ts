import type { Logger } from 'pino';
import type { AttachmentContents } from './attachment-store.js';
import type { SupportRepository } from './repository.js';

/**
 * Work left by a stop in the middle of a request, done at start before the server answers anyone:
 * attachment files no attachment refers to (and temporary files) are deleted, and purchases cut off while
 * they were being charged are marked interrupted and logged, for someone to check against the gateway. On a
 * shared store, only those of processes that are gone (`ownerIsGone`): another live process is charging the rest.
 */
export async function tidyAtStart(
  repo: SupportRepository,
  attachments: AttachmentContents,
  logger: Logger,
  ownerIsGone: (owner: string | null) => Promise<boolean> = async () => true,
): Promise<void> {
  const collected = await attachments.collectOrphans(await repo.attachments.referencedBlobs());
  if (collected.files > 0) logger.info(collected, 'deleted attachment files that no attachment refers to');
  for (const purchase of await repo.payments.interruptPurchases(ownerIsGone)) {
    logger.warn(
      { account: purchase.account_id, idempotencyKey: purchase.key, serviceId: purchase.service_id },
      'a purchase was cut off while it was being charged: check it against the payment gateway',
    );
  }
}
