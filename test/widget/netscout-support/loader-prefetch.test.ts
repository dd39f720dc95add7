// When the built loader fetches the element ahead of the click: never before the host page's `load` event, at
// low priority, and not at all for a visitor saving data or on 2G. Each case is a page of its own (an iframe)
// whose `load` is held back by a slow image, as a host page's own content would.
import { expect } from '@open-wc/testing';
import { waitFor } from '../_wait.js';

const env = (
  window as unknown as { __NETSCOUT_TEST__: { holiday: { url: string; demo: { gold: { token: string } } } } }
).__NETSCOUT_TEST__.holiday;

interface HostWindow extends Window {
  __loaded?: boolean;
  __preloads?: { href: string; priority: string | null; afterLoad: boolean }[];
  customElements: CustomElementRegistry;
}

/** A host page with the loader, a widget and an image that takes `slowMs` to arrive. */
async function hostPage(connection?: { saveData?: boolean; effectiveType?: string }): Promise<HostWindow> {
  const frame = document.createElement('iframe');
  const fake = connection
    ? `Object.defineProperty(navigator, 'connection', { value: ${JSON.stringify(connection)} });`
    : '';
  frame.srcdoc = `<!doctype html><html><head><script>
    ${fake}
    window.__preloads = [];
    addEventListener('load', () => { window.__loaded = true; });
    new MutationObserver((records) => {
      for (const r of records) for (const node of r.addedNodes) {
        if (node.rel === 'modulepreload') window.__preloads.push({
          href: node.href, priority: node.getAttribute('fetchpriority'), afterLoad: window.__loaded === true,
        });
      }
    }).observe(document.head, { childList: true });
  </script>
  <script type="module" src="${location.origin}/dist/widget/loader.js"></script></head><body>
  <a href="#assistance" data-netscout-support>Assistance</a>
  <netscout-support service="onetouchat" api-base="${env.url}" token="${env.demo.gold.token}" locale="en"></netscout-support>
  <img alt="" src="${location.origin}/test-slow?ms=1500&amp;n=${Math.random()}">
  </body></html>`;
  document.body.append(frame);
  const win = frame.contentWindow as HostWindow;
  await waitFor(() => win.__loaded, 'the host page’s load event');
  return win;
}

/** Resolves once the page has had a frame and idle time after `load`, twice over. */
function idleAfterLoad(win: HostWindow): Promise<void> {
  const once = () =>
    new Promise<void>((resolve) => win.requestAnimationFrame(() => win.requestIdleCallback(() => resolve())));
  return once().then(once);
}

async function clickOpens(win: HostWindow): Promise<void> {
  (win.document.querySelector('[data-netscout-support]') as HTMLElement).click();
  const widget = win.document.querySelector('netscout-support') as HTMLElement;
  await waitFor(() => widget.shadowRoot?.querySelector('dialog')?.open, 'the widget opened by the click');
}

const element = (p: { href: string }) => p.href.endsWith('/netscout-support.js');

describe('the loader’s prefetch', () => {
  afterEach(() => {
    for (const frame of document.querySelectorAll('iframe')) frame.remove();
  });

  it('waits for the page’s load event, then fetches the element at low priority', async () => {
    const win = await hostPage();
    await waitFor(() => win.__preloads?.some(element), 'the element prefetched after load');
    const preloads = win.__preloads ?? [];
    expect(preloads.filter((p) => !p.afterLoad).map((p) => p.href)).to.deep.equal([]);
    expect(preloads.filter(element).map((p) => p.priority)).to.deep.equal(['low']);
    await clickOpens(win);
  });

  for (const connection of [
    { saveData: true, effectiveType: '4g' },
    { effectiveType: '2g' },
    { effectiveType: 'slow-2g' },
  ]) {
    it(`fetches nothing ahead of the click for ${JSON.stringify(connection)}, and the click still opens it`, async () => {
      const win = await hostPage(connection);
      await idleAfterLoad(win);
      expect(win.__preloads).to.deep.equal([]);
      await clickOpens(win);
    });
  }
});
