import type { WidgetLocale } from '../../i18n/messages.js';

/**
 * The billing part's words (receipts, billing history, cancellation, an unreachable payment service). They
 * live with the part, not in the shared catalog, so that they load with it: the shared catalog is in the
 * bundle that opens the widget, and these words (about 1 KB gzip in two languages) took it over its budget.
 */
export interface BillingMessages {
  /** Plans offered as a group of choices (its accessible name). */
  plansLabel: string;
  gatewayUnavailable: string;
  retry: string;
  receiptHeading: string;
  receipt: Record<'amount' | 'date' | 'transaction' | 'period' | 'plan', string>;
  period: (start: string, end: string) => string;
  testCharge: string;
  toBilling: string;
  planLine: (plan: string, service: string, price: string) => string;
  renewsOn: (date: string) => string;
  cancelledUntil: (date: string) => string;
  cancelledEnded: string;
  historyHeading: string;
  historyEmpty: string;
  cancel: string;
  cancelRule: (date: string) => string;
  confirmCancel: string;
  keep: string;
  cancelledNotice: (date: string) => string;
  endsOnHoliday: (holiday: string) => string;
}

const en: BillingMessages = {
  plansLabel: 'Plans with premium support',
  gatewayUnavailable: 'The payment form is unavailable right now. Please try again later: your choice is kept.',
  retry: 'Try again',
  receiptHeading: 'Receipt',
  receipt: { amount: 'Amount', date: 'Date', transaction: 'Transaction ID', period: 'Period paid for', plan: 'Plan' },
  period: (start, end) => `${start} to ${end}`,
  testCharge: 'Test gateway: no real payment was made.',
  toBilling: 'See my plan and billing',
  planLine: (plan, service, price) => `${plan} plan for ${service}, ${price} per month.`,
  renewsOn: (date) => `The month already billed ends ${date}.`,
  cancelledUntil: (date) => `Cancelled. Premium support continues until ${date}.`,
  cancelledEnded: 'Cancelled. Premium support has ended.',
  historyHeading: 'Billing history',
  historyEmpty: 'No charges yet.',
  cancel: 'Cancel my subscription',
  cancelRule: (date) =>
    `Every subscription is billed for at least one month and no part of a month is refunded. If you cancel now, you keep premium support until ${date}; after that, self-help only.`,
  confirmCancel: 'Yes, cancel',
  keep: 'Keep my subscription',
  cancelledNotice: (date) => `Your subscription is cancelled. Premium support continues until ${date}.`,
  endsOnHoliday: (holiday) => `Support is closed on that day (${holiday}): send any incident before then.`,
};

const fr: BillingMessages = {
  plansLabel: 'Offres avec support premium',
  gatewayUnavailable:
    'Le formulaire de paiement est indisponible pour le moment. Réessayez plus tard : votre choix est conservé.',
  retry: 'Réessayer',
  receiptHeading: 'Reçu',
  receipt: {
    amount: 'Montant',
    date: 'Date',
    transaction: 'N° de transaction',
    period: 'Période payée',
    plan: 'Offre',
  },
  period: (start, end) => `du ${start} au ${end}`,
  testCharge: 'Passerelle de test : aucun paiement réel n’a eu lieu.',
  toBilling: 'Voir mon offre et ma facturation',
  planLine: (plan, service, price) => `Offre ${plan} pour ${service}, ${price} par mois.`,
  renewsOn: (date) => `Le mois déjà facturé se termine le ${date}.`,
  cancelledUntil: (date) => `Résilié. Le support premium reste assuré jusqu’au ${date}.`,
  cancelledEnded: 'Résilié. Le support premium a pris fin.',
  historyHeading: 'Historique de facturation',
  historyEmpty: 'Aucun paiement pour l’instant.',
  cancel: 'Résilier mon abonnement',
  cancelRule: (date) =>
    `Tout abonnement est facturé au moins un mois, et aucune fraction de mois n’est remboursée. Si vous résiliez maintenant, vous gardez le support premium jusqu’au ${date} ; ensuite, seule l’aide en libre-service reste disponible.`,
  confirmCancel: 'Oui, résilier',
  keep: 'Garder mon abonnement',
  cancelledNotice: (date) => `Votre abonnement est résilié. Le support premium reste assuré jusqu’au ${date}.`,
  endsOnHoliday: (holiday) => `Le support est fermé ce jour-là (${holiday}) : envoyez vos demandes avant.`,
};

/** The billing words in the widget's language. */
export function billingMessages(lang: WidgetLocale): BillingMessages {
  return lang === 'fr' ? fr : en;
}
