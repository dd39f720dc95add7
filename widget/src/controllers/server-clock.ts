import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * The server's clock as far as this browser can tell: deadlines are the server's, so a countdown reads the
 * browser's clock corrected by the skew seen when the support calendar arrived. With `tickMs`, the host
 * re-renders on every tick while it is on the page (a countdown to the minute, a second late at most).
 */
export class ServerClockController implements ReactiveController {
  /** The server clock minus the browser clock, in ms. */
  skewMs = 0;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly tickMs = 0,
  ) {
    host.addController(this);
  }

  /** Records the skew from the server's `now` (ISO 8601), received at `localNow`. */
  sync(serverNow: string, localNow: number = Date.now()): void {
    const at = Date.parse(serverNow);
    if (Number.isFinite(at)) this.skewMs = at - localNow;
  }

  /** The server's time now. */
  now(): Date {
    return new Date(Date.now() + this.skewMs);
  }

  hostConnected(): void {
    if (this.tickMs > 0 && this.timer === undefined) {
      this.timer = setInterval(() => this.host.requestUpdate(), this.tickMs);
    }
  }

  hostDisconnected(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
