import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { catalogFor } from '../../client/messages.js';
import { catalogFromLocales } from '../../extension/lib/catalog.js';
import enLocale from '../../extension/public/_locales/en/messages.json';
import frLocale from '../../extension/public/_locales/fr/messages.json';

type ChromeMessages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

/** `chrome.i18n.getMessage` as Chrome applies it: named placeholders, each pointing at `$n`. */
function getMessage(messages: ChromeMessages) {
  return (key: string, substitutions: string[] = []) => {
    const entry = messages[key];
    if (!entry) return '';
    return entry.message.replace(/\$(\w+)\$/g, (_, name: string) => {
      const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
      return content.replace(/\$(\d)/g, (__, n: string) => substitutions[Number(n) - 1] ?? '');
    });
  };
}

describe('the extension _locales and the client catalog', () => {
  it('are up to date: scripts/locales.mjs has nothing to change', () => {
    expect(() => execFileSync('node', ['scripts/locales.mjs', '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  it('give the popup the same holiday names, units and countdown sentences as the widget, in each language', () => {
    expect(catalogFromLocales(getMessage(enLocale as ChromeMessages))).toEqual(catalogFor('en'));
    expect(catalogFromLocales(getMessage(frLocale as ChromeMessages))).toEqual(catalogFor('fr'));
    expect(catalogFromLocales(getMessage(frLocale as ChromeMessages)).holidays['christmas-day']).toBe('Noël');
  });
});
