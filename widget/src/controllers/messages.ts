import type { ReactiveControllerHost } from 'lit';
import { loadMessages } from '../i18n/index.js';
import { langFor, type Ui, uiFor } from '../internal/ui.js';

/**
 * The words of the host's language, loaded on first need: `ui()` answers undefined while they are on their
 * way and re-renders the host once they are here. A failed load (the network gone) is tried again when the
 * browser is back online.
 */
export class MessagesController {
  private waiting = false;

  constructor(private readonly host: ReactiveControllerHost) {}

  /** How the host speaks for its `locale` and `timeZone`, or undefined while the messages load. */
  ui(locale: string | undefined, timeZone: string | undefined): Ui | undefined {
    const ui = uiFor(locale, timeZone);
    if (!ui && !this.waiting) {
      this.waiting = true;
      const again = () => {
        this.waiting = false;
        this.host.requestUpdate();
      };
      loadMessages(langFor(locale)).then(again, () => addEventListener('online', again, { once: true }));
    }
    return ui;
  }
}
