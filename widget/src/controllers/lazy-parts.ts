import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isPartReady, type LazyPartTag, loadAllParts, loadPart } from '../lazy-parts.js';

/**
 * Lets a view ask for a lazy part: `ready(tag)` starts its fetch and re-renders the host when it is defined
 * or when the fetch fails. once the widget is shown, every part
 * is fetched when the browser is idle, so that a tab opened
 * later (or while the network is gone) is already there.
 */
export class LazyPartsController implements ReactiveController {
  private readonly failed = new Set<LazyPartTag>();
  private prefetched = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly shown: () => boolean,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    if (this.shown()) this.prefetch();
  }

  /** Whether `tag` can render; if not, its fetch is started (again, after a failure, on `retry`). */
  ready(tag: LazyPartTag): boolean {
    if (isPartReady(tag)) return true;
    if (!this.failed.has(tag)) {
      loadPart(tag).then(
        () => this.host.requestUpdate(),
        () => {
          this.failed.add(tag);
          this.host.requestUpdate();
        },
      );
    }
    return false;
  }

  /** Whether the last fetch of `tag` failed. */
  hasFailed(tag: LazyPartTag): boolean {
    return this.failed.has(tag);
  }

  /** Forgets the failure of `tag` and fetches it again. */
  retry(tag: LazyPartTag): void {
    this.failed.delete(tag);
    this.ready(tag);
  }

  /** Once shown: fetches every part at idle time. Errors are left to `ready()` to report when shown. */
  private prefetch(): void {
    if (this.prefetched) return;
    this.prefetched = true;
    const idle = globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 200));
    idle(() => void loadAllParts().catch(() => (this.prefetched = false)));
  }
}
