/** First-response targets, in hours (spec §3). There is no resolution-time commitment (Q7). */
export const FIRST_RESPONSE_TARGETS = {
  /** Type 2 with active Gold coverage. */
  gold: 2,
  /** Type 1 or Type 3 on a paid plan that includes premium support. */
  paidPremium: 24,
} as const;

/** Hours of a first-response target. */
export type FirstResponseHours = (typeof FIRST_RESPONSE_TARGETS)[keyof typeof FIRST_RESPONSE_TARGETS];

/** The language support engineers answer in (spec §4, Q13). */
export const SUPPORT_LANGUAGE = 'en' as const;

/** Self-help resources every customer has, free or paid, 24/7 including holidays (spec §2). */
export const SELF_HELP_RESOURCES = [
  { kind: 'knowledge-base', url: 'https://www.netscout.com/support/knowledge-base' },
  { kind: 'forums', url: 'https://community.netscout.com/' },
  { kind: 'documentation', url: 'https://www.netscout.com/support/documentation' },
  { kind: 'white-papers', url: 'https://www.netscout.com/resources/white-papers' },
  { kind: 'best-practice-guides', url: 'https://www.netscout.com/resources/best-practices' },
] as const;

export type SelfHelpResourceKind = (typeof SELF_HELP_RESOURCES)[number]['kind'];
