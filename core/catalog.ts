/**
 * The service catalog (spec §1): which subscription services exist, their subscription type, their
 * homepage host and their plans. Data, not logic: an operator extends this table without touching code.
 */

/** Subscription type (spec §1): 1 standalone, 2 hardware covered by Gold, 3 hardware without Gold. */
export type ServiceType = 1 | 2 | 3;

/** What each subscription type means, and whether the Gold program is offered for it. */
export const SERVICE_TYPES: Readonly<
  Record<ServiceType, { meaning: string; goldOffered: boolean; hardwareBacked: boolean }>
> = {
  1: { meaning: 'standalone subscription service', goldOffered: false, hardwareBacked: false },
  2: {
    meaning: 'depends on NETSCOUT hardware covered by the Gold support program',
    goldOffered: true,
    hardwareBacked: true,
  },
  3: {
    meaning: 'depends on NETSCOUT hardware for which Gold is not offered',
    goldOffered: false,
    hardwareBacked: true,
  },
};

export interface ServicePlan {
  id: string;
  name: string;
  kind: 'free' | 'paid';
  /** Whether a paid plan includes premium support (spec §2: most do; free plans never do). */
  premiumIncluded: boolean;
  /** Price of one month, in cents of `currency`; 0 for free plans. */
  monthlyPriceCents: number;
  currency: 'USD';
}

export interface CatalogService {
  id: string;
  name: string;
  /** Host of the service's homepage, where the "assistance" option lives. */
  homepageHost: string;
  serviceType: ServiceType;
  plans: readonly ServicePlan[];
}

/** How a customer reaches an engineer outside the widget: a phone number (E.164) and an e-mail address. */
export interface SupportContacts {
  phone: string | null;
  email: string | null;
}

/**
 * The support desk's phone and e-mail per subscription type (spec §3: phone for Type 2 with Gold, e-mail for
 * every premium customer). Data for the operator to set: these are the demo's values (a number of the
 * 555-01xx range kept for fiction, addresses of a reserved domain), not NETSCOUT's.
 */
export const SUPPORT_CONTACTS: Readonly<Record<ServiceType, SupportContacts>> = {
  1: { phone: null, email: 'support@netscout.example' },
  2: { phone: '+12025550147', email: 'gold-support@netscout.example' },
  3: { phone: null, email: 'support@netscout.example' },
};

/** "My Account" on the vendor site, where Type 2 customers submit and follow incidents (spec §4). */
export const MY_ACCOUNT_URL = 'https://myaccount.flukenetworks.com/';

const FREE: ServicePlan = {
  id: 'free',
  name: 'Free',
  kind: 'free',
  premiumIncluded: false,
  monthlyPriceCents: 0,
  currency: 'USD',
};

/** The catalog table. */
export const SERVICE_CATALOG: readonly CatalogService[] = [
  {
    id: 'onetouchat',
    name: 'OneTouchAT.com',
    homepageHost: 'onetouchat.com',
    serviceType: 2,
    plans: [
      FREE,
      { id: 'pro', name: 'Pro', kind: 'paid', premiumIncluded: true, monthlyPriceCents: 4900, currency: 'USD' },
    ],
  },
  {
    id: 'linksprinter',
    name: 'LinkSprinter.com',
    homepageHost: 'linksprinter.com',
    serviceType: 3,
    plans: [
      FREE,
      { id: 'basic', name: 'Basic', kind: 'paid', premiumIncluded: false, monthlyPriceCents: 900, currency: 'USD' },
      { id: 'pro', name: 'Pro', kind: 'paid', premiumIncluded: true, monthlyPriceCents: 2900, currency: 'USD' },
    ],
  },
  {
    id: 'netscout-insights',
    name: 'NETSCOUT Insights',
    homepageHost: 'insights.netscout.example',
    serviceType: 1,
    plans: [
      FREE,
      { id: 'team', name: 'Team', kind: 'paid', premiumIncluded: true, monthlyPriceCents: 1900, currency: 'USD' },
    ],
  },
];

/** The catalog entry of a service id, or `undefined`. */
export function findService(
  serviceId: string,
  catalog: readonly CatalogService[] = SERVICE_CATALOG,
): CatalogService | undefined {
  return catalog.find((service) => service.id === serviceId);
}

/** The plan of a service, or `undefined`. */
export function findPlan(service: CatalogService, planId: string): ServicePlan | undefined {
  return service.plans.find((plan) => plan.id === planId);
}
