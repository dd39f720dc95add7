import type { ReactiveController } from 'lit';
import type { NetscoutElement } from '../internal/netscout-element.js';

/** The element whose `opened` property this controller turns into a modal dialog (launcher mode). */
export interface DialogHost extends NetscoutElement {
  opened: boolean;
  mode: 'launcher' | 'inline';
}

/**
 * The launcher's modal dialog: shown and closed as `opened` changes, `netscout-open`/`netscout-close`
 * emitted, Escape closes, and the focus goes back on close to what opened it (or to the launcher).
 */
export class LauncherDialogController implements ReactiveController {
  private returnFocusTo: HTMLElement | null = null;
  private shown = false;

  constructor(private readonly host: DialogHost) {
    host.addController(this);
  }

  /** Remembers what gets the focus back on close: `trigger`, else the focused element. */
  rememberTrigger(trigger?: HTMLElement | null): void {
    const active = trigger ?? (document.activeElement as HTMLElement | null);
    // A trigger gone from the page (the loader's placeholder button) hands over to the launcher.
    this.returnFocusTo = active && active !== document.body && active.isConnected ? active : null;
  }

  /** For the dialog's `keydown`: Escape closes (the `cancel` event alone misses some cases). */
  readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.host.mode === 'launcher' && this.host.opened) {
      event.preventDefault();
      this.host.opened = false;
    }
  };

  hostConnected(): void {}

  hostUpdated(): void {
    const open = this.host.opened && this.host.mode === 'launcher';
    if (open === this.shown) return;
    this.shown = open;
    const dialog = this.host.renderRoot.querySelector('dialog');
    if (open) {
      if (dialog && !dialog.open) dialog.showModal();
      this.host.emit('netscout-open', {});
      return;
    }
    if (dialog?.open) dialog.close();
    this.host.emit('netscout-close', {});
    const target = this.returnFocusTo ?? this.host.renderRoot.querySelector<HTMLElement>('.launcher');
    this.returnFocusTo = null;
    target?.focus();
  }
}
