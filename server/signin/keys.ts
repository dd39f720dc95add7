import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import type { MetaRepository } from '../db/repository.js';

/** Where an older version kept the keys, in the data directory; imported into the store once. */
const LEGACY_KEYS_FILE = 'signing-keys.json';
/** The `meta` row that holds the keys (JSON), shared by every process on the store. */
export const SIGNING_KEYS = 'secret:signing-keys';
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
/** A signing key older than this is replaced (the old one overlaps). */
export const KEY_MAX_AGE_MS = 90 * DAY;

/** A new ES256 key pair as a private JWK with its thumbprint as `kid`. */
export async function newSigningKey(now: Date): Promise<StoredKey> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { jwk: { ...jwk, kid, alg: 'ES256', use: 'sig' }, createdAt: now.toISOString() };
}

/**
 * The keys in the store (`meta`, row {@link SIGNING_KEYS}), made on first start: processes starting at once on
 * one database each propose keys and all keep the first stored. A current key older than {@link KEY_MAX_AGE_MS}
 * is rotated and a key retired for longer than the overlap is dropped, each change made only if no other process
 * changed the keys meanwhile. `legacyDir`'s `signing-keys.json` (an older version's) is imported, then deleted.
 */
export async function loadServerKeys(meta: MetaRepository, now: Date, legacyDir?: string): Promise<ServerKeys> {
  let stored = await meta.get(SIGNING_KEYS);
  const legacy = legacyDir ? readLegacyKeys(legacyDir) : undefined;
  if (stored === undefined) {
    const fresh: ServerKeys = legacy ?? {
      signing: [await newSigningKey(now)],
      cookies: [randomBytes(32).toString('base64url')],
    };
    stored = await meta.putIfAbsent(SIGNING_KEYS, JSON.stringify(fresh));
  }
  // A few rounds at most: each lost race means another process has just made the change.
  for (let round = 0; ; round++) {
    const keys = JSON.parse(stored) as ServerKeys;
    const next = await tidied(legacy ? merged(keys, legacy, now) : keys, now);
    if (next === keys) break;
    if (await meta.replace(SIGNING_KEYS, stored, JSON.stringify(next))) break;
    if (round >= 5) throw new Error('the signing keys keep changing: cannot settle them');
    stored = (await meta.get(SIGNING_KEYS)) as string;
  }
  // The store holds them now: a private key left in a file would outlive its retirement there.
  if (legacy && legacyDir) unlinkSync(path.join(legacyDir, LEGACY_KEYS_FILE));
  return JSON.parse((await meta.get(SIGNING_KEYS)) as string) as ServerKeys;
}

/**
 * Makes a new signing key the current one; the previous ones keep verifying for {@link KEY_OVERLAP_MS}. Every
 * process takes it up at its next check of the keys (see `SignInService`).
 */
export async function rotateSigningKey(meta: MetaRepository, now: Date): Promise<ServerKeys> {
  for (let round = 0; round < 5; round++) {
    const stored = (await meta.get(SIGNING_KEYS)) ?? JSON.stringify(await loadServerKeys(meta, now));
    const rotated = await rotate(JSON.parse(stored) as ServerKeys, now);
    if (await meta.replace(SIGNING_KEYS, stored, JSON.stringify(rotated))) return rotated;
  }
  throw new Error('the signing keys keep changing: cannot rotate them');
}

/** `keys` with a due rotation made and expired keys dropped; `keys` itself when nothing changes. */
async function tidied(keys: ServerKeys, now: Date): Promise<ServerKeys> {
  if (Date.parse(keys.signing[0].createdAt) + KEY_MAX_AGE_MS <= now.getTime()) return rotate(keys, now);
  const kept = keys.signing.filter((k) => !k.retiredAt || Date.parse(k.retiredAt) + KEY_OVERLAP_MS > now.getTime());
  return kept.length === keys.signing.length ? keys : { ...keys, signing: kept };
}

async function rotate(keys: ServerKeys, now: Date): Promise<ServerKeys> {
  const retired = keys.signing.map((k) => (k.retiredAt ? k : { ...k, retiredAt: now.toISOString() }));
  return { ...keys, signing: [await newSigningKey(now), ...retired] };
}

/**
 * The stored keys plus those of an imported file they lack, retired now (tokens they signed keep verifying for
 * the overlap) and its cookie keys after the stored ones (cookies they signed stay readable).
 */
function merged(keys: ServerKeys, legacy: ServerKeys, now: Date): ServerKeys {
  const known = new Set(keys.signing.map((k) => k.jwk.kid));
  const added = legacy.signing
    .filter((k) => !known.has(k.jwk.kid))
    .map((k) => (k.retiredAt ? k : { ...k, retiredAt: now.toISOString() }));
  const cookies = [...keys.cookies, ...legacy.cookies.filter((c) => !keys.cookies.includes(c))];
  if (added.length === 0 && cookies.length === keys.cookies.length) return keys;
  return { signing: [...keys.signing, ...added], cookies };
}

function readLegacyKeys(dataDir: string): ServerKeys | undefined {
  try {
    const keys = JSON.parse(readFileSync(path.join(dataDir, LEGACY_KEYS_FILE), 'utf8')) as ServerKeys;
    return keys.signing?.length > 0 ? keys : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
