/**
 * Errors raised by the policy core. Each carries a stable `code` so that callers (the server's problem
 * documents, the widget's messages) can map it to their own words, and a plain English `message`.
 */
export type CoreErrorCode =
  | 'invalid-date'
  | 'invalid-duration'
  | 'invalid-range'
  | 'unknown-time-zone'
  | 'year-out-of-range'
  | 'invalid-argument';

/** Base class of every error thrown by `core/`. */
export class CoreError extends Error {
  readonly code: CoreErrorCode;
  constructor(code: CoreErrorCode, message: string) {
    super(message);
    this.name = 'CoreError';
    this.code = code;
  }
}

/** A `Date` argument was not a valid instant (for example `new Date('nope')`). */
export class InvalidDateError extends CoreError {
  constructor(argument: string, value: unknown) {
    super('invalid-date', `${argument} must be a valid Date, got ${describe(value)}`);
    this.name = 'InvalidDateError';
  }
}

/** A duration was negative, NaN or infinite. */
export class InvalidDurationError extends CoreError {
  constructor(argument: string, value: unknown) {
    super(
      'invalid-duration',
      `${argument} must be a finite, non-negative number of milliseconds, got ${describe(value)}`,
    );
    this.name = 'InvalidDurationError';
  }
}

/** An interval whose end precedes its start. */
export class InvalidRangeError extends CoreError {
  constructor(message: string) {
    super('invalid-range', message);
    this.name = 'InvalidRangeError';
  }
}

/** The IANA time zone name is not known to this runtime. */
export class UnknownTimeZoneError extends CoreError {
  constructor(zone: unknown) {
    super('unknown-time-zone', `unknown time zone ${describe(zone)}: use an IANA name such as "America/New_York"`);
    this.name = 'UnknownTimeZoneError';
  }
}

/** A year (or an instant) outside the range the support calendar covers. */
export class YearOutOfRangeError extends CoreError {
  constructor(year: unknown, min: number, max: number) {
    super('year-out-of-range', `year ${describe(year)} is outside the support calendar (${min}–${max})`);
    this.name = 'YearOutOfRangeError';
  }
}

/** Any other argument that does not fit the function's contract. */
export class InvalidArgumentError extends CoreError {
  constructor(message: string) {
    super('invalid-argument', message);
    this.name = 'InvalidArgumentError';
  }
}

function describe(value: unknown): string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}
