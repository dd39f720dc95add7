import { hash, randomBytes } from 'node:crypto';

/** 64 characters of the contract's identifier alphabet, in ASCII order: text order is numeric order. */
const ALPHABET = '-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';
const POOL_SIZE = 8 * 256;
let pool = randomBytes(POOL_SIZE);
let offset = 0;

/**
 * A new identifier with a readable prefix (`case_…`), matching the contract's `id` pattern: 8 characters of
 * the creation time in milliseconds, then 8 random characters (48 bits). Identifiers made later sort later,
 * so new rows land at the end of the indexes on `id` instead of on a random page each (a batch of incidents
 * then writes a few index pages to the log, not one per incident). They are not secrets: every read is
 * scoped to the caller's account.
 */
export function newId(prefix: string, at: number = Date.now()): string {
  let time = '';
  let t = Math.max(0, Math.floor(at));
  for (let i = 0; i < 8; i++) {
    time = ALPHABET[t % 64] + time;
    t = Math.floor(t / 64);
  }
  // Random characters drawn from a pool refilled 256 ids at a time (one system call instead of one per id).
  if (offset + 8 > POOL_SIZE) {
    pool = randomBytes(POOL_SIZE);
    offset = 0;
  }
  let random = '';
  for (let i = 0; i < 8; i++) random += ALPHABET[pool[offset + i] & 63];
  offset += 8;
  return `${prefix}_${time}${random}`;
}

/** A new bearer token: 256 random bits. Only its hash is stored. */
export function newToken(): string {
  return `nst_${randomBytes(32).toString('base64url')}`;
}

/** How tokens are stored: SHA-256 is enough for 256-bit random secrets (no dictionary to attack). */
export function hashToken(token: string): string {
  return hash('sha256', token);
}

/** The human case number shown to customers, from the case's sequence number. */
export function caseNumber(seq: number): string {
  return `NS-${String(seq).padStart(6, '0')}`;
}
