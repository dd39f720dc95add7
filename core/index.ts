/**
 * NetScout Support policy core: the support rules of `shared/spec/support-policy.md` as pure functions.
 * No DOM, no network, no wall clock: every function takes the instant it reasons about.
 */
export * from './api/schemas.js';
export * from './attachments.js';
export * from './billing.js';
export {
  addSupportTime,
  holidaysBetween,
  isSupportOpen,
  nextSupportOpening,
  type SupportClosure,
  supportClosureAt,
  supportTimeBetween,
} from './calendar.js';
export * from './catalog.js';
export {
  type CountdownCase,
  type CountdownOptions,
  type FirstResponseCountdown,
  firstResponseCountdown,
} from './countdown.js';
export { computeEntitlement } from './entitlement.js';
export * from './errors.js';
export * from './holidays.js';
export {
  billedPeriodEnd,
  type CancellationNotice,
  premiumAfterCancellation,
} from './premium-after-cancellation.js';
export { AT_RISK_FRACTION, type CaseTimes, type SlaStatus, slaStatus } from './sla.js';
export { CALENDAR_YEARS, DEFAULT_SUPPORT_ZONE, resolveSupportZone, type SupportZoneOptions } from './support-zone.js';
export * from './targets.js';
