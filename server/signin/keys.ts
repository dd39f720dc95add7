import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

const KEYS_FILE = 'signing-keys.json';
const DAY = 86_400_000;

/** A signing key of the authorization server, private part included (never served). */
export interface StoredKey {
  jwk: JWK & { kid: string; alg: 'ES256'; use: 'sig' };
  createdAt: string;
  /** When a newer key took over: the key still verifies (it stays in the JWKS) for the overlap. */
  retiredAt?: string;
}

/** The authorization server's secrets: token signing keys (newest first) and the keys of its cookies. */
export interface ServerKeys {
  signing: StoredKey[];
  cookies: string[];
}

/** How long a retired key stays published: longer than any access token or ID token (15 min) it signed. */
export const KEY_OVERLAP_MS = DAY;
/** A signing key older than this is replaced at the next start (the old one overlaps). */
export const KEY_MAX_AGE_MS = 90 * DAY;

/** A new ES256 key pair as a private JWK with its thumbprint as `kid`. */
export async function newSigningKey(now: Date): Promise<StoredKey> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { jwk: { ...jwk, kid, alg: 'ES256', use: 'sig' }, createdAt: now.toISOString() };
}

/**
 * The keys in `dataDir` (`signing-keys.json`, 0600), made on first start. A current key older than
 * {@link KEY_MAX_AGE_MS} is rotated; a key retired for longer than the overlap is dropped.
 */
export async function loadServerKeys(dataDir: string, now: Date): Promise<ServerKeys> {
  const file = path.join(dataDir, KEYS_FILE);
  let keys: ServerKeys | undefined;
  try {
    keys = JSON.parse(readFileSync(file, 'utf8')) as ServerKeys;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (!keys || keys.signing.length === 0) {
    keys = { signing: [await newSigningKey(now)], cookies: [randomBytes(32).toString('base64url')] };
    saveServerKeys(dataDir, keys);
    return keys;
  }
  if (Date.parse(keys.signing[0].createdAt) + KEY_MAX_AGE_MS <= now.getTime()) return rotate(dataDir, keys, now);
  const kept = keys.signing.filter((k) => !k.retiredAt || Date.parse(k.retiredAt) + KEY_OVERLAP_MS > now.getTime());
  if (kept.length !== keys.signing.length) {
    keys = { ...keys, signing: kept };
    saveServerKeys(dataDir, keys);
  }
  return keys;
}

/**
 * Makes a new signing key the current one; the previous ones keep verifying for {@link KEY_OVERLAP_MS}. Takes
 * effect at the next start (the provider reads its keys once).
 */
export async function rotateSigningKey(dataDir: string, now: Date): Promise<ServerKeys> {
  return rotate(dataDir, await loadServerKeys(dataDir, now), now);
}

async function rotate(dataDir: string, keys: ServerKeys, now: Date): Promise<ServerKeys> {
  const retired = keys.signing.map((k) => (k.retiredAt ? k : { ...k, retiredAt: now.toISOString() }));
  const rotated = { ...keys, signing: [await newSigningKey(now), ...retired] };
  saveServerKeys(dataDir, rotated);
  return rotated;
}

function saveServerKeys(dataDir: string, keys: ServerKeys): void {
  const file = path.join(dataDir, KEYS_FILE);
  writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}
