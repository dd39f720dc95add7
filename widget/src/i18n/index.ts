import type { Messages, WidgetLocale } from './messages.js';

export { resolveLocale } from './locale.js';
export type { Messages, WidgetLocale } from './messages.js';

// One catalog per chunk (chunks/messages.<locale>.js): a customer downloads the words of one language only,
// which keeps the other out of the budget to open the widget (check-budgets.mjs counts the larger one).
const LOADERS: Record<WidgetLocale, () => Promise<Messages>> = {
  en: () => import('./en.js').then((m) => m.en),
  fr: () => import('./fr.js').then((m) => m.fr),
};

const catalogs: Partial<Record<WidgetLocale, Messages>> = {};
const pending = new Map<WidgetLocale, Promise<Messages>>();

/** The messages of a locale, once loaded (`loadMessages`). */
export function messagesFor(locale: WidgetLocale): Messages | undefined {
  return catalogs[locale];
}

/** Loads the messages of a locale once; a failed load is forgotten, so that the next call tries again. */
export function loadMessages(locale: WidgetLocale): Promise<Messages> {
  const known = catalogs[locale];
  if (known) return Promise.resolve(known);
  let loading = pending.get(locale);
  if (!loading) {
    loading = LOADERS[locale]().then(
      (messages) => (catalogs[locale] = messages),
      (error: unknown) => {
        pending.delete(locale);
        throw error;
      },
    );
    pending.set(locale, loading);
  }
  return loading;
}
