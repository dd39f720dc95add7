/** The views of the widget. */
export type WidgetView = 'overview' | 'self-help' | 'incident' | 'cases' | 'upgrade';

/**
 * What the widget's parts tell the root element. These stay inside the widget's shadow root (not composed):
 * a page hears only the public `netscout-*` events of `events.ts`.
 */
export interface PartEventMap {
  /** Show another view. */
  'netscout-show-view': { view: WidgetView };
  /** Show a knowledge-base article in the self-help view. */
  'netscout-open-article': { slug: string; lang: 'en' | 'fr' };
  /** Show one case. */
  'netscout-open-case': { id: string };
  /** Back from a case to the list. */
  'netscout-close-case': Record<string, never>;
  /** The case changed on the server (a reply was posted): read it again. */
  'netscout-case-changed': { id: string };
  /** The form started or stopped holding text the customer typed. */
  'netscout-form-text': { hasText: boolean };
  /** A plan was bought: the entitlement changed. */
  'netscout-plan-purchased': { planName: string };
  /** A plan was cancelled: the subscription changed (premium support until the end of the billed period). */
  'netscout-plan-cancelled': { subscriptionId: string };
}
