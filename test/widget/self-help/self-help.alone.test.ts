// Self-help mounted alone, on the real knowledge base: the article its parent asks for, and search as the
// customer types.
import { expect } from '@open-wc/testing';
import type { KbArticle, KbSearchResults } from '../../../core/api/schemas.js';
import { $, $$, apiGet, cleanUp, settle, text, type, waitFor } from '../_helpers.js';
import { client, mountPart, UNREACHABLE, ui } from '../_parts.js';

function search(q: string, lang: 'en' | 'fr'): Promise<KbSearchResults> {
  return apiGet<KbSearchResults>('holiday', `/v1/kb/search?q=${encodeURIComponent(q)}&lang=${lang}`, 'free');
}

function article(slug: string, lang: 'en' | 'fr'): Promise<KbArticle> {
  return apiGet<KbArticle>('holiday', `/v1/kb/articles/${slug}?lang=${lang}`, 'free');
}

const resultTitles = (part: HTMLElement) =>
  $$(part, '[data-testid="kb-results"] button strong').map((title) => title.textContent);

describe('<netscout-self-help> alone', () => {
  afterEach(cleanUp);

  it('opens the article its parent asks for, as text, with the focus on its title', async () => {
    const [en] = (await search('first answer', 'en')).items;
    const [fr] = (await search('réponse', 'fr')).items;
    const expected = await article(en!.slug, 'en');
    const part = mountPart('netscout-self-help', {
      ui: ui(),
      api: client('holiday', null),
      requestedArticle: { slug: en!.slug, lang: 'en' },
    });
    await waitFor(() => $(part, '[data-testid="article"]'), 'the requested article');
    await settle(part);
    expect(text(part, '[data-testid="article"] h3')).to.equal(expected.title);
    expect($$(part, '[data-testid="article"] p:not(.muted)').map((p) => p.textContent)).to.deep.equal(expected.body);
    expect(part.shadowRoot!.activeElement).to.equal($(part, '[data-testid="article"] h3'));

    part.requestedArticle = { slug: fr!.slug, lang: 'fr' };
    await waitFor(() => $(part, '[data-testid="article"][lang="fr"]'), 'the French article');
    expect(text(part, '[data-testid="article"] h3')).to.equal((await article(fr!.slug, 'fr')).title);
  });

  it('searches as the customer types, in the UI’s language, and opens a result', async () => {
    const part = mountPart('netscout-self-help', { ui: ui('fr'), api: client('holiday', null) });
    await settle(part);
    const expected = (await search('réponse', 'fr')).items.map((item) => item.title);
    expect(expected.length).to.be.greaterThan(0);
    await type(part, '#kb-search', 'réponse');
    await waitFor(() => resultTitles(part).length > 0, 'the results');
    expect(resultTitles(part)).to.deep.equal(expected);
    expect(text(part, '[role="status"]')).to.equal(`${expected.length} article${expected.length > 1 ? 's' : ''}`);

    await type(part, '#kb-search', 'zzqqxxy');
    await waitFor(() => $(part, '[data-testid="no-results"]'), 'the no-results message');
    expect(text(part, '[data-testid="no-results"]')).to.equal('Aucun article ne correspond à « zzqqxxy ».');
    await type(part, '#kb-search', 'z');
    expect($(part, '[data-testid="no-results"]')).to.equal(null);

    await type(part, '#kb-search', 'réponse');
    const first = await waitFor(() => $(part, '[data-testid="kb-results"] button'), 'the results again');
    first.click();
    await waitFor(() => $(part, '[data-testid="article"]'), 'the article');
    expect(text(part, '[data-testid="article"] h3')).to.equal(expected[0]);
    ($(part, '[data-testid="article-back"]') as HTMLButtonElement).click();
    await settle(part);
    expect(($(part, '#kb-search') as HTMLInputElement).value).to.equal('réponse');
    expect(resultTitles(part)).to.deep.equal(expected);
  });

  it('says so inline when the knowledge base cannot be reached', async () => {
    const part = mountPart('netscout-self-help', { ui: ui('fr'), api: client('holiday', null, UNREACHABLE) });
    await settle(part);
    await type(part, '#kb-search', 'réponse');
    const alert = await waitFor(() => $(part, '[role="alert"]'), 'the inline error');
    expect(alert.textContent).to.equal(
      'Le service d’assistance est injoignable. Vérifiez votre connexion puis réessayez.',
    );
    expect(($(part, '#kb-search') as HTMLInputElement).value).to.equal('réponse');
  });
});
