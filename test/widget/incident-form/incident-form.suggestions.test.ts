// The articles suggested under the subject follow the subject: they go when it is emptied (typed away or
// emptied by the parent's prefill), change with a prefilled subject, and a late answer never brings old ones back.
import { expect } from '@open-wc/testing';
import { SupportApiClient } from '../../../client/api.js';
import type { KbSearchResults } from '../../../core/api/schemas.js';
import { OutboxController } from '../../../widget/src/controllers/outbox-controller.js';
import { NetscoutElement } from '../../../widget/src/internal/netscout-element.js';
import { $, $$, apiGet, cleanUp, env, settle, type, waitFor } from '../_helpers.js';
import { client, meOf, mountPart, ui } from '../_parts.js';

class SuggestionsOutboxHost extends NetscoutElement {
  readonly outbox = new OutboxController(this, {
    apiBase: () => env.holiday.url,
    api: () => client('holiday', 'gold'),
    onDelivered: () => undefined,
  });
}
customElements.define('test-suggestions-outbox-host', SuggestionsOutboxHost);

async function mountForm(api = client('holiday', 'gold')) {
  const host = document.body.appendChild(new SuggestionsOutboxHost());
  const form = mountPart('netscout-incident-form', {
    ui: ui(),
    me: await meOf('gold'),
    service: 'linksprinter',
    apiBase: env.holiday.url,
    api,
    outbox: host.outbox,
  });
  await settle(form);
  return form;
}

const suggested = (form: HTMLElement) =>
  $$(form, '[data-testid="suggestions"] button').map((b) => b.textContent?.trim());

async function expected(q: string): Promise<string[]> {
  const query = new URLSearchParams({ q, lang: 'en', service: 'linksprinter' });
  const found = await apiGet<KbSearchResults>('holiday', `/v1/kb/search?${query}`, 'gold');
  return found.items.slice(0, 3).map((i) => i.title);
}

describe('<netscout-incident-form> suggestions', () => {
  afterEach(cleanUp);

  it('go when the parent empties the subject, and follow a subject it fills in', async () => {
    const form = await mountForm();
    await type(form, '#f-subject', 'first response time');
    await waitFor(() => suggested(form).length > 0, 'suggestions for the typed subject');

    form.load = { fields: { subject: 'Link test fails at 40 percent' } };
    const wanted = await expected('Link test fails at 40 percent');
    expect(wanted[0]).to.match(/link test/i);
    await waitFor(() => suggested(form).join('|') === wanted.join('|'), 'suggestions for the prefilled subject');

    form.load = { fields: { subject: '' } };
    await settle(form);
    expect(($(form, '#f-subject') as HTMLInputElement).value).to.equal('');
    expect($(form, '[data-testid="suggestions"]')).to.equal(null);
  });

  it('never come back from a late answer once the subject is emptied', async () => {
    // The first search's answer is held back until the subject has been emptied, and delivered even though
    // the request was aborted (as a fetch that ignores its signal would).
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held: Promise<Response> | undefined;
    const slowFetch: typeof fetch = (input, init) => {
      const url = String(input);
      if (held || !url.includes('/v1/kb/search')) return fetch(input, init);
      const { signal: _ignored, ...rest } = init ?? {};
      held = fetch(input, rest).then(async (response) => {
        await released;
        return response;
      });
      return held;
    };
    const token = env.holiday.demo.gold.token;
    const form = await mountForm(new SupportApiClient(env.holiday.url, async () => token, { fetch: slowFetch }));
    await type(form, '#f-subject', 'first response time');
    await waitFor(() => held !== undefined, 'the first search on its way');
    await type(form, '#f-subject', '');
    release();
    await held;
    await settle(form);
    expect($(form, '[data-testid="suggestions"]')).to.equal(null);

    await type(form, '#f-subject', 'link test fails');
    await waitFor(() => suggested(form).length > 0, 'suggestions for the new subject');
    expect(suggested(form)).to.deep.equal(await expected('link test fails'));
  });
});
