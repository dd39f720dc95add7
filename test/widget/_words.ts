// The widget loads the words of one language on demand; tests that render a part or a template by itself
// load both first and then ask for them synchronously.
import { loadMessages, type Messages, messagesFor } from '../../widget/src/i18n/index.js';
import { type Ui, uiFor } from '../../widget/src/internal/ui.js';

await Promise.all([loadMessages('en'), loadMessages('fr')]);

/** The messages of `lang`. */
export function messagesIn(lang: 'en' | 'fr'): Messages {
  return messagesFor(lang)!;
}

/** How the root speaks for `locale` and `timeZone`, as it passes it to its parts. */
export function uiIn(locale: string | undefined, timeZone: string | undefined): Ui {
  return uiFor(locale, timeZone)!;
}
