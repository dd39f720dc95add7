import { createHash, randomBytes } from 'node:crypto';

const POOL_SIZE = 12 * 256;
let pool = randomBytes(POOL_SIZE);
let offset = 0;

/** A new random identifier with a readable prefix (`case_…`), matching the contract's `id` pattern. */
export function newId(prefix: string): string {
  // 96 random bits, drawn from a pool refilled 256 ids at a time (one system call instead of one per id).
  if (offset + 12 > POOL_SIZE) {
    pool = randomBytes(POOL_SIZE);
    offset = 0;
  }
  const id = pool.toString('base64url', offset, offset + 12);
  offset += 12;
  return `${prefix}_${id}`;
}

/** A new bearer token: 256 random bits. Only its hash is stored. */
export function newToken(): string {
  return `nst_${randomBytes(32).toString('base64url')}`;
}

/** How tokens are stored: SHA-256 is enough for 256-bit random secrets (no dictionary to attack). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The human case number shown to customers, from the case's sequence number. */
export function caseNumber(seq: number): string {
  return `NS-${String(seq).padStart(6, '0')}`;
}
