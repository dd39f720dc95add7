import { DEFAULT_BODY_TIMEOUT_MS } from './body-deadline.js';
import {
  type AddressLimitOptions,
  DEFAULT_ADDRESS_LIMIT,
  DEFAULT_RATE_LIMIT,
  type RateLimitOptions,
} from './rate-limit.js';

/**
 * Our Chrome extension's origin: its id is fixed by the public key in `wxt.config.ts`
 * (`EXTENSION_PUBLIC_KEY`). Firefox gives every installation its own random `moz-extension://` UUID, and an
 * extension page with host permissions needs no CORS there, so none is allowed by default.
 */
export const OUR_EXTENSION_ORIGINS: readonly string[] = ['chrome-extension://odkjjkhldblfpjljodhenbaghdngooal'];

/** The default of `NETSCOUT_HEADERS_TIMEOUT_MS`: how long a client may take to send a request's headers. */
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;

const EXTENSION_ORIGIN =
  /^(chrome-extension:\/\/[a-p]{32}|moz-extension:\/\/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12})$/;

type Env = Record<string, string | undefined>;

/** A setting that is present but unusable stops the start with this message, rather than being ignored. */
/** A configuration variable the operator set to a value the server cannot use. */
export class SettingError extends Error {}

function invalid(name: string, value: string, expected: string): Error {
  return new SettingError(`${name} must be ${expected}, not "${value.slice(0, 100)}"`);
}

/** `NETSCOUT_RATE_LIMIT`: "burst/perSecond" per bearer token. */
export function tokenLimitFromEnv(env: Env = process.env): RateLimitOptions {
  const value = env.NETSCOUT_RATE_LIMIT;
  if (!value) return DEFAULT_RATE_LIMIT;
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  if (!match || Number(match[2]) === 0) throw invalid('NETSCOUT_RATE_LIMIT', value, '"burst/perSecond", e.g. "300/50"');
  return { burst: Number(match[1]), perSecond: Number(match[2]) };
}

/** `NETSCOUT_ADDRESS_RATE_LIMIT`: "burst/perSecond" or "burst/perSecond/failureCost" per client address. */
export function addressLimitFromEnv(env: Env = process.env): AddressLimitOptions {
  const value = env.NETSCOUT_ADDRESS_RATE_LIMIT;
  if (!value) return DEFAULT_ADDRESS_LIMIT;
  const match = /^(\d+)\/(\d+)(?:\/(\d+))?$/.exec(value.trim());
  if (!match || Number(match[2]) === 0) {
    throw invalid(
      'NETSCOUT_ADDRESS_RATE_LIMIT',
      value,
      '"burst/perSecond" or "burst/perSecond/failureCost", e.g. "300/20/20"',
    );
  }
  return {
    burst: Number(match[1]),
    perSecond: Number(match[2]),
    failureCost: match[3] === undefined ? DEFAULT_ADDRESS_LIMIT.failureCost : Number(match[3]),
  };
}

/** A positive whole number of milliseconds from `name`, or `fallback` when it is not set. */
export function millisecondsFromEnv(name: string, fallback: number, env: Env = process.env): number {
  const value = env[name];
  if (!value) return fallback;
  if (!/^\d+$/.test(value.trim()) || Number(value) === 0)
    throw invalid(name, value, 'a positive number of milliseconds');
  return Number(value);
}

/** `NETSCOUT_BODY_TIMEOUT_MS` and `NETSCOUT_HEADERS_TIMEOUT_MS`. */
export function timeoutsFromEnv(env: Env = process.env): { bodyMs: number; headersMs: number } {
  return {
    bodyMs: millisecondsFromEnv('NETSCOUT_BODY_TIMEOUT_MS', DEFAULT_BODY_TIMEOUT_MS, env),
    headersMs: millisecondsFromEnv('NETSCOUT_HEADERS_TIMEOUT_MS', DEFAULT_HEADERS_TIMEOUT_MS, env),
  };
}

/**
 * The browser-extension origins CORS allows: `NETSCOUT_EXTENSION_ORIGINS` (comma-separated
 * `chrome-extension://<id>` or `moz-extension://<uuid>`; set, it replaces the default, and empty allows
 * none), else {@link OUR_EXTENSION_ORIGINS}.
 */
export function extensionOrigins(list: readonly string[] | undefined, env: Env = process.env): string[] {
  const value = env.NETSCOUT_EXTENSION_ORIGINS;
  const origins = list ?? (value === undefined ? OUR_EXTENSION_ORIGINS : value.split(','));
  const cleaned = origins.map((o) => o.trim()).filter(Boolean);
  for (const origin of cleaned) {
    if (!EXTENSION_ORIGIN.test(origin)) {
      throw invalid(
        'NETSCOUT_EXTENSION_ORIGINS',
        origin,
        'chrome-extension://<32 letters a-p> or moz-extension://<uuid>',
      );
    }
  }
  return cleaned;
}
