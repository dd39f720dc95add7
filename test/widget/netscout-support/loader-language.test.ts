// What a French customer's browser downloads from the built widget (dist/widget, as a host page loads it):
// the French words only, fetched alongside the element rather than after it, and the parts of the widget
// they have not opened only once the widget is open.
import { expect } from '@open-wc/testing';
import { waitFor } from '../_wait.js';

const env = (
  window as unknown as { __NETSCOUT_TEST__: { holiday: { url: string; demo: { gold: { token: string } } } } }
).__NETSCOUT_TEST__.holiday;

const fetched = () => performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname);

describe('the built widget in French', () => {
  it('downloads the French words with the element and never the English ones', async () => {
    const widget = document.createElement('netscout-support') as HTMLElement & { calendar?: unknown };
    widget.setAttribute('service', 'onetouchat');
    widget.setAttribute('api-base', env.url);
    widget.setAttribute('token', env.demo.gold.token);
    widget.setAttribute('locale', 'fr-CA');
    document.body.append(widget);

    await import(`${location.origin}/dist/widget/loader.js`);
    expect(fetched().some((p) => /\/chunks\/self-help-[\w-]+\.js$/.test(p))).to.equal(false);
    (widget.shadowRoot!.querySelector('button') as HTMLButtonElement).click();
    await waitFor(() => widget.calendar, 'the element and its overview data');
    await waitFor(() => widget.shadowRoot!.querySelector('[data-view="self-help"]'), 'the French panel');
    expect(widget.shadowRoot!.querySelector('h2')!.textContent).to.equal('Assistance NETSCOUT');

    const files = fetched();
    expect(files.filter((p) => p.endsWith('/chunks/messages.fr.js'))).to.have.length(1);
    expect(files.filter((p) => p.endsWith('/chunks/messages.en.js'))).to.have.length(0);
    // Preloaded with the element at the click (a <link rel=modulepreload>), not asked for after it ran.
    const link = document.querySelector<HTMLLinkElement>('link[rel="modulepreload"][href$="/chunks/messages.fr.js"]');
    expect(link).to.not.equal(null);

    (widget.shadowRoot!.querySelector('[data-view="self-help"]') as HTMLButtonElement).click();
    await waitFor(() => widget.shadowRoot!.querySelector('netscout-self-help')?.shadowRoot, 'the self-help part');
    expect(fetched().some((p) => /\/chunks\/self-help-[\w-]+\.js$/.test(p))).to.equal(true);
  });
});
