// The loader's legacy path, in a page whose browser lacks custom elements (simulated: the registry is
// hidden before the loader runs, as in an extension's isolated world): it loads the webcomponentsjs
// polyfill from dist/widget/legacy/ first, then the element, which then works.
import { expect } from '@open-wc/testing';
import { waitFor } from '../_wait.js';

const env = (
  window as unknown as { __NETSCOUT_TEST__: { holiday: { url: string; demo: { gold: { token: string } } } } }
).__NETSCOUT_TEST__.holiday;

describe('the loader in a browser without custom elements', () => {
  it('loads the polyfill, then the element, which opens and shows the overview', async () => {
    Object.defineProperty(window, 'customElements', { value: undefined, configurable: true, writable: true });
    const widget = document.createElement('netscout-support') as HTMLElement & { calendar?: unknown; open(): void };
    widget.setAttribute('service', 'onetouchat');
    widget.setAttribute('api-base', env.url);
    widget.setAttribute('token', env.demo.gold.token);
    widget.setAttribute('mode', 'inline');
    document.body.append(widget);

    await import(`${location.origin}/dist/widget/loader.js`);
    await waitFor(() => widget.calendar, 'the polyfill, the element and its overview data');
    expect(document.querySelector('script[src$="/legacy/webcomponents-loader.js"]')).to.not.equal(null);
    expect(window.customElements?.get('netscout-support')).to.not.equal(undefined);
    expect(widget.shadowRoot!.textContent).to.contain('Support is closed today for Thanksgiving');
  });
});
