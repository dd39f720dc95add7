import type { ApiError } from '../../../client/api.js';
import { messagesFor, resolveLocale } from '../i18n/index.js';
import type { Messages, WidgetLocale } from '../i18n/messages.js';
import { browserTimeZone, isKnownTimeZone } from './format.js';

/** How every part of the widget speaks: passed down from the root element as one property. */
export interface Ui {
  messages: Messages;
  /** The widget's language (`lang` of its text). */
  lang: WidgetLocale;
  /** The BCP 47 tag for `Intl` (the browser's own variant of `lang`). */
  locale: string;
  /** IANA time zone every time is shown in. */
  zone: string;
}

/** The translated sentence for an API failure. */
export function errorText(messages: Messages, error: ApiError): string {
  const m = messages.errors;
  switch (error.code) {
    case 'network':
      return m.network;
    case 'unauthorized':
      return m.unauthorized;
    case 'forbidden':
      return m.forbidden;
    case 'not-found':
      return m.notFound;
    case 'invalid-response':
      return m.invalidResponse;
    default:
      return error.problem?.detail ?? m.server(error.status);
  }
}

function preferredLanguages(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : navigator.languages;
}

/** The widget language for its `locale` attribute (the browser's languages when it is not set). */
export function langFor(locale: string | undefined): WidgetLocale {
  return resolveLocale(locale, preferredLanguages());
}

/**
 * How the widget speaks for its `locale` and `time-zone` attributes: the browser's languages and zone when
 * they are not set (or not known), and for `Intl` the browser's own variant of the widget's language.
 * Undefined until that language's messages are loaded (`loadMessages(langFor(locale))`).
 */
export function uiFor(locale: string | undefined, timeZone: string | undefined): Ui | undefined {
  const preferred = preferredLanguages();
  const lang = resolveLocale(locale, preferred);
  const messages = messagesFor(lang);
  if (!messages) return undefined;
  const intl = locale?.toLowerCase().startsWith(lang)
    ? locale
    : (preferred.find((tag) => tag.toLowerCase().split('-')[0] === lang) ?? lang);
  const zone = timeZone && isKnownTimeZone(timeZone) ? timeZone : browserTimeZone();
  return { messages, lang, locale: intl, zone };
}
