// The built loader (dist/widget/loader.js, produced by the build step that runs before this suite), as a
// host page uses it: no import of the sources here, so this page only has what the loader brings.
import { expect } from '@open-wc/testing';
import { waitFor } from '../_wait.js';

const env = (
  window as unknown as { __NETSCOUT_TEST__: { holiday: { url: string; demo: { gold: { token: string } } } } }
).__NETSCOUT_TEST__.holiday;

describe('the loader (dist/widget/loader.js)', () => {
  it('shows a placeholder launcher at once, fetches the element on the first click, sends its first requests meanwhile, and opens it', async () => {
    const link = document.createElement('a');
    link.href = '#assistance';
    link.textContent = 'Assistance';
    link.setAttribute('data-netscout-support', '');
    const widget = document.createElement('netscout-support') as HTMLElement & { calendar?: unknown };
    widget.setAttribute('service', 'onetouchat');
    widget.setAttribute('api-base', env.url);
    widget.setAttribute('token', env.demo.gold.token);
    widget.setAttribute('locale', 'en');
    document.body.append(link, widget);

    await import(`${location.origin}/dist/widget/loader.js`);
    const placeholder = widget.shadowRoot?.querySelector('button');
    expect(placeholder?.textContent).to.equal('Assistance');
    expect(placeholder?.getAttribute('part')).to.equal('launcher');

    link.click();
    await waitFor(() => widget.calendar, 'the element and its overview data');
    expect(customElements.get('netscout-support')).to.not.equal(undefined);
    const dialog = widget.shadowRoot!.querySelector('dialog')!;
    expect(dialog.open).to.equal(true);
    expect(widget.shadowRoot!.querySelectorAll('[part="launcher"]')).to.have.length(1);
    expect(widget.shadowRoot!.textContent).to.contain('Support is closed today for Thanksgiving');
    expect(document.querySelector('script[src*="webcomponents-loader"]')).to.equal(null);
    // The loader sent GET /v1/me and /v1/calendar at the click; the element used them instead of its own.
    const requests = performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname);
    expect(requests.filter((p) => p === '/v1/me')).to.have.length(1);
    expect(requests.filter((p) => p === '/v1/calendar')).to.have.length(1);
  });
});
