import { IANAZone } from 'luxon';
import { UnknownTimeZoneError } from './errors.js';

/** The support time zone when none is configured (spec §5). */
export const DEFAULT_SUPPORT_ZONE = 'America/New_York';

/**
 * The years the support calendar covers. The product promises 1970–2100; the table reaches further so
 * that a deadline computed late in 2100 can still run into the next year.
 */
export const CALENDAR_YEARS = { min: 1900, max: 2200 } as const;

/** Options shared by every calendar function. */
export interface SupportZoneOptions {
  /** IANA name of the support time zone; default {@link DEFAULT_SUPPORT_ZONE}. */
  zone?: string;
}

/**
 * Returns the canonical zone name, or throws when the runtime does not know it.
 * @throws {UnknownTimeZoneError}
 */
export function resolveSupportZone(options?: SupportZoneOptions): string {
  const zone = options?.zone ?? DEFAULT_SUPPORT_ZONE;
  if (knownZones.has(zone)) return zone;
  if (typeof zone !== 'string' || !IANAZone.isValidZone(zone)) throw new UnknownTimeZoneError(zone);
  knownZones.add(zone);
  return zone;
}

/** Zones already checked: checking builds an `Intl.DateTimeFormat`, far too slow for the deadline hot path. */
const knownZones = new Set<string>();
