/** The locales the widget is translated into. */
export type WidgetLocale = 'en' | 'fr';

/**
 * The widget locale for a requested language tag: `fr…` → French, anything else → English. Without a
 * request, the browser's preferred languages decide.
 */
export function resolveLocale(requested: string | null | undefined, preferred: readonly string[] = []): WidgetLocale {
  for (const tag of requested ? [requested] : preferred) {
    const lang = tag.toLowerCase().split('-')[0];
    if (lang === 'fr' || lang === 'en') return lang;
  }
  return 'en';
}
