import type { SupportHolidayId } from '../core/holidays.js';
import en from './messages/en.json';
import fr from './messages/fr.json';

/** The languages the client layer speaks. */
export type ClientLang = 'en' | 'fr';

/**
 * The words every surface shares (widget, popup, and the extension's `_locales`, generated from these
 * files by `scripts/locales.mjs`): holiday names by id, duration units and the countdown sentences.
 * `{name}` marks a value.
 */
export interface ClientCatalog {
  holidays: Record<SupportHolidayId, string>;
  units: { day: string; hour: string; minute: string };
  countdown: { dueIn: string; overdueBy: string; pausedFor: string };
}

const catalogs: Record<ClientLang, ClientCatalog> = { en, fr };

/** The catalog for a language tag: `fr…` → French, anything else → English. */
export function catalogFor(lang: string): ClientCatalog {
  return lang.toLowerCase().startsWith('fr') ? catalogs.fr : catalogs.en;
}

/** `template` with each `{name}` replaced by `values[name]`. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
