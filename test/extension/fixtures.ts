import type { Case } from '../../core/api/schemas.js';
import { toCachedCase } from '../../extension/lib/polling.js';
import type { CachedCase } from '../../extension/lib/storage.js';

/** A contract-shaped case, with whatever fields a test cares about overridden. */
export function makeCase(overrides: Partial<Case> & { id: string }): Case {
  return {
    number: `NS-${overrides.id}`,
    serviceId: 'linksprinter',
    serviceType: 3,
    subject: `Case ${overrides.id}`,
    description: 'The device drops its link every few minutes after the update.',
    deviceSerial: 'LS-1234',
    firmwareVersion: '2.1.0',
    contactEmail: 'pat@example.com',
    channel: 'service-assistance',
    status: 'new',
    receivedAt: '2026-11-24T15:00:00.000Z',
    updatedAt: '2026-11-24T15:00:00.000Z',
    firstResponseHours: 24,
    firstResponseAt: null,
    dueAt: '2026-11-25T15:00:00.000Z',
    sla: { state: 'on-track', dueAt: '2026-11-25T15:00:00.000Z', remainingMs: 20 * 3_600_000, delayedBy: [] },
    myAccountUrl: null,
    attachments: [],
    ...overrides,
  };
}

export function makeCachedCase(overrides: Partial<Case> & { id: string }): CachedCase {
  return toCachedCase(makeCase(overrides));
}
