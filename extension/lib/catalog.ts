import en from '../../client/messages/en.json';
import type { ClientCatalog } from '../../client/messages.js';
import type { Translate } from './notifications.js';

type Group = keyof ClientCatalog;

/**
 * The client catalog as the browser's `_locales` give it, in the browser's UI language. The entries are
 * generated from client/messages by scripts/locales.mjs (keys `<group>_<name>`); a `{name}` template comes
 * back by substituting each value with its own `{name}`, in the English template's order.
 */
export function catalogFromLocales(t: Translate): ClientCatalog {
  const group = <G extends Group>(name: G): ClientCatalog[G] => {
    const entries = Object.entries(en[name]).map(([key, template]) => {
      const values = [...template.matchAll(/\{(\w+)\}/g)].map((match) => `{${match[1]}}`);
      const message = t(`${name}_${key.replace(/-/g, '_')}`, values.length > 0 ? values : undefined);
      // A missing key reads as '' in the browser: keep the English words rather than print nothing.
      return [key, message || template];
    });
    return Object.fromEntries(entries) as ClientCatalog[G];
  };
  return { holidays: group('holidays'), units: group('units'), countdown: group('countdown') };
}
