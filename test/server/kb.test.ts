import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../core/api/schemas.js';
import type { KbArticle, KbSearchResults } from '../../core/index.js';
import { type Harness, json, startHarness } from './_lib/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

const search = async (q: string, lang = 'en') =>
  json<KbSearchResults>(await h.api(`/v1/kb/search?q=${encodeURIComponent(q)}&lang=${lang}`));

describe('knowledge base', () => {
  it('ranks the most relevant article first', async () => {
    const results = await search('holidays');
    expect(contract.KbSearchResults.safeParse(results).success).toBe(true);
    expect(results.items[0].slug).toBe('support-holidays');
    expect(results.items[0].lang).toBe('en');
    const scores = results.items.map((i) => i.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('finds French articles whatever the accents', async () => {
    for (const q of ['résiliation', 'resiliation', 'RESILIATION']) {
      expect((await search(q, 'fr')).items[0]?.slug).toBe('billing-and-cancellation');
    }
    expect((await search('feries', 'fr')).items[0]?.slug).toBe('support-holidays');
  });

  it('matches partial words', async () => {
    expect((await search('cancel')).items[0]?.slug).toBe('billing-and-cancellation');
    expect((await search('thanksg')).items.map((i) => i.slug)).toContain('support-holidays');
    expect((await search('rembours', 'fr')).items[0]?.slug).toBe('billing-and-cancellation');
  });

  it('answers with articles having any of the words when none has all of them', async () => {
    const results = await search('braintree zzzunknownword');
    expect(results.items[0]?.slug).toBe('card-security');
  });

  it('is not confused by FTS syntax in the query', async () => {
    for (const q of ['"', 'gold AND', 'NEAR(', '*', 'title:gold', "'); drop table kb_articles; --"]) {
      const response = await h.api(`/v1/kb/search?q=${encodeURIComponent(q)}`);
      expect(response.status).toBe(200);
    }
    expect((await search('gold')).items.length).toBeGreaterThan(0);
  });

  it('returns an article as plain-text paragraphs, in each language', async () => {
    const en = await json<KbArticle>(await h.api('/v1/kb/articles/first-response-times'));
    expect(contract.KbArticle.safeParse(en).success).toBe(true);
    expect(en.body.join(' ')).toMatch(/2 hours/);
    const fr = await json<KbArticle>(await h.api('/v1/kb/articles/first-response-times?lang=fr'));
    expect(fr.lang).toBe('fr');
    expect(fr.body.join(' ')).toMatch(/2 heures/);
    for (const p of [...en.body, ...fr.body]) expect(p).not.toMatch(/<[a-z]/i);
  });

  it('covers every topic of the FAQ in both languages', async () => {
    const topics = [
      'what-premium-support-includes',
      'subscription-types',
      'first-response-times',
      'how-to-submit-an-incident',
      'support-hours-and-channels',
      'support-holidays',
      'support-language',
      'billing-and-cancellation',
      'gold-program',
      'card-security',
    ];
    for (const slug of topics) {
      for (const lang of ['en', 'fr']) {
        expect((await h.api(`/v1/kb/articles/${slug}?lang=${lang}`)).status).toBe(200);
      }
    }
  });

  it('answers 404 for an unknown article and 400 for a bad query', async () => {
    expect((await h.api('/v1/kb/articles/no-such-article')).status).toBe(404);
    expect((await h.api('/v1/kb/search?q=')).status).toBe(400);
    expect((await h.api('/v1/kb/search?q=gold&lang=de')).status).toBe(400);
    expect((await h.api(`/v1/kb/search?q=${'a'.repeat(201)}`)).status).toBe(400);
  });
});
