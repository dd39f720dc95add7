import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What a {@link LiveRefreshController} asks its host. */
export interface LiveRefreshOptions {
  /** Whether what is shown should be kept up to date now (the view is on screen, someone is signed in). */
  active: () => boolean;
  /** Reads what is shown again (the host's task runs again; a `304` changes nothing on screen). */
  refresh: () => void;
  /** Time between two reads, in ms. */
  intervalMs: () => number;
}

/**
 * Keeps a view up to date by reading it again every few seconds, with conditional requests (`ETag`): chosen
 * over Server-Sent Events because it needs nothing from the server but what a single request needs (no
 * connection held per open widget, no notification between server processes behind a load balancer) and
 * costs a `304` of a few hundred bytes per look while nothing changes (see the report in `scripts/live-cost.ts`).
 * Nothing is read while the page is hidden; coming back (or {@link resume}) reads at once.
 */
export class LiveRefreshController implements ReactiveController {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly onVisibility = () => (document.visibilityState === 'visible' ? this.resume() : this.stop());

  constructor(
    host: ReactiveControllerHost,
    private readonly options: LiveRefreshOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.onVisibility);
    this.schedule();
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.stop();
  }

  /** The view came (back) on screen: read it now, then keep reading. */
  resume(): void {
    this.stop();
    if (this.options.active()) this.options.refresh();
    this.schedule();
  }

  private schedule(): void {
    if (this.timer !== undefined || document.visibilityState === 'hidden') return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.options.active()) this.options.refresh();
      this.schedule();
    }, this.options.intervalMs());
  }

  private stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
