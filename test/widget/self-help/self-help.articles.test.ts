// Self-help mounted alone on the real knowledge base: the service's own articles first, the other language
// when the customer's finds nothing, clickable http(s) links only, and "was this helpful?" with the keyboard.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { KbArticle, KbSearchResults, KbVote } from '../../../core/api/schemas.js';
import { $, $$, apiGet, cleanUp, settle, text, type, waitFor } from '../_helpers.js';
import { client, mountPart, ui } from '../_parts.js';

const resultTitles = (part: HTMLElement) =>
  $$(part, '[data-testid="kb-results"] button strong').map((title) => title.textContent);

function search(q: string, lang: 'en' | 'fr', service: string): Promise<KbSearchResults> {
  const query = new URLSearchParams({ q, lang, service });
  return apiGet<KbSearchResults>('holiday', `/v1/kb/search?${query}`, 'free');
}

const SLUG = 'linksprinter-no-dhcp-address';

describe('<netscout-self-help> articles', () => {
  afterEach(cleanUp);

  it('lists the service’s own troubleshooting first', async () => {
    for (const service of ['linksprinter', 'onetouchat']) {
      const part = mountPart('netscout-self-help', { ui: ui(), api: client('holiday', null), service });
      await settle(part);
      const expected = (await search('results do not reach the cloud', 'en', service)).items.map((i) => i.title);
      expect(expected[0]).to.match(service === 'linksprinter' ? /^LinkSprinter/ : /^OneTouch/);
      await type(part, '#kb-search', 'results do not reach the cloud');
      await waitFor(() => resultTitles(part).length > 0, 'the results');
      expect(resultTitles(part)).to.deep.equal(expected);
      part.remove();
    }
  });

  it('shows articles of the other language when the customer’s has none, and says so', async () => {
    const part = mountPart('netscout-self-help', { ui: ui('en'), api: client('holiday', null) });
    await settle(part);
    await type(part, '#kb-search', 'facturation');
    await waitFor(() => resultTitles(part).length > 0, 'the French results');
    expect(text(part, '[data-testid="kb-fallback"]')).to.equal('No article in English matches: these are in French.');
    expect($(part, '[data-testid="kb-results"] li')!.getAttribute('lang')).to.equal('fr');
    expect(resultTitles(part)[0]).to.equal('Payer une offre et résilier');
    await type(part, '#kb-search', 'billing');
    await waitFor(() => resultTitles(part)[0] === 'Paying for a plan and cancelling', 'the English results');
    expect($(part, '[data-testid="kb-fallback"]')).to.equal(null);
  });

  it('makes http(s) addresses in an article links to a new tab, and leaves anything else as text', async () => {
    const part = mountPart('netscout-self-help', {
      ui: ui(),
      api: client('holiday', null),
      requestedArticle: { slug: 'how-to-submit-an-incident', lang: 'en' },
    });
    await waitFor(() => $(part, '[data-testid="article"] a'), 'the article’s link');
    const link = $(part, '[data-testid="article"] a') as HTMLAnchorElement;
    expect(link.href).to.equal('https://myaccount.flukenetworks.com/');
    expect(link.textContent).to.equal('https://myaccount.flukenetworks.com/');
    expect(link.target).to.equal('_blank');
    expect(link.rel).to.equal('noopener noreferrer');
    expect(link.parentElement!.textContent).to.contain('(https://myaccount.flukenetworks.com/)');

    const hostile: KbArticle = {
      ...(await apiGet<KbArticle>('holiday', '/v1/kb/articles/how-to-submit-an-incident', 'free')),
      body: [
        'Run javascript:alert(document.domain) or JavaScript://%0aalert(1), open data:text/html,<script>alert(1)</script>.',
        '<a href="javascript:alert(1)">click</a> <img src=x onerror=alert(1)> then see https://example.com/a?b=1.',
      ],
    };
    part.article = hostile;
    await settle(part);
    const links = $$(part, '[data-testid="article"] a') as HTMLAnchorElement[];
    expect(links.map((a) => a.href)).to.deep.equal(['https://example.com/a?b=1']);
    expect(links[0]!.rel).to.equal('noopener noreferrer');
    expect($$(part, '[data-testid="article"] p:not(.muted)').map((p) => p.textContent)).to.deep.equal(hostile.body);
    expect($$(part, '[data-testid="article"] img, [data-testid="article"] script')).to.deep.equal([]);
  });

  it('asks "was this helpful?", takes the answer from the keyboard, thanks, and lets it change', async () => {
    const open = async () => {
      const part = mountPart('netscout-self-help', {
        ui: ui(),
        api: client('holiday', 'linksprinterPaid'),
        requestedArticle: { slug: SLUG, lang: 'en' },
      });
      await waitFor(() => $(part, '[data-testid="helpful"] button'), 'the question');
      return part;
    };
    const stored = () => apiGet<KbVote>('holiday', `/v1/kb/articles/${SLUG}/vote`, 'linksprinterPaid');
    const pressed = (part: HTMLElement) =>
      $$(part, '[data-testid="helpful"] button[aria-pressed="true"]').map((b) => b.textContent?.trim());
    const part = await open();
    expect(text(part, '#helpful-question')).to.equal('Was this article helpful?');
    expect(text(part, '[data-testid="helpful-thanks"]')).to.equal('');

    const [yes, no] = $$(part, '[data-testid="helpful"] button');
    yes!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => text(part, '[data-testid="helpful-thanks"]'), 'the thanks');
    expect(text(part, '[data-testid="helpful-thanks"]')).to.equal('Thank you for your answer.');
    expect(pressed(part)).to.deep.equal(['Yes']);
    expect((await stored()).helpful).to.equal(true);

    no!.focus();
    await sendKeys({ press: 'Space' });
    await waitFor(async () => (await stored()).helpful === false, 'the changed answer on the server');
    await waitFor(() => pressed(part).join() === 'No', 'No pressed');
    part.remove();

    const again = await open();
    await waitFor(() => pressed(again).join() === 'No', 'the earlier answer shown again');
    expect(text(again, '[data-testid="helpful-thanks"]')).to.equal('');
  });

  it('does not ask a visitor without a token', async () => {
    const part = mountPart('netscout-self-help', {
      ui: ui('fr'),
      api: client('holiday', null),
      requestedArticle: { slug: SLUG, lang: 'fr' },
    });
    await waitFor(() => $(part, '[data-testid="article"]'), 'the article');
    await settle(part);
    expect($(part, '[data-testid="helpful"]')).to.equal(null);
  });
});
