/** What the host-page hook needs from the element (kept structural so the loader stays tiny). */
interface Openable extends HTMLElement {
  open(trigger?: HTMLElement | null): void;
}

/**
 * Makes every element with `data-netscout-support` (e.g. the homepage's "Assistance" link) open the
 * widget on click; focus returns to that element on close. The attribute's value may be a CSS selector of
 * the widget to open; empty means the first `<netscout-support>` of the page.
 *
 * `ready` resolves once the full element is defined (the loader passes its lazy import); `onTrigger` runs
 * at the click itself, before that (the loader starts the widget's first requests there).
 */
export function installHostHook(
  root: Document,
  ready: () => Promise<unknown> = () => Promise.resolve(),
  onTrigger?: (widget: HTMLElement) => void,
): () => void {
  const onClick = (event: Event) => {
    const trigger = (event.target as Element | null)?.closest?.('[data-netscout-support]') as HTMLElement | null;
    if (!trigger) return;
    event.preventDefault();
    const selector = trigger.getAttribute('data-netscout-support') || 'netscout-support';
    let widget = root.querySelector(selector) as Openable | null;
    if (!widget) {
      widget = root.createElement('netscout-support') as Openable;
      root.body.append(widget);
    }
    onTrigger?.(widget);
    void ready().then(() => (widget as Openable).open(trigger));
  };
  root.addEventListener('click', onClick);
  return () => root.removeEventListener('click', onClick);
}
