// Self-help search as a customer describes a symptom: the troubleshooting article first, in either language,
// the service's own articles before another service's, and the other language when the UI's finds nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../core/api/schemas.js';
import type { KbSearchResults } from '../../core/index.js';
import { type Harness, json, startHarness } from './_lib/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

async function search(q: string, lang: 'en' | 'fr' = 'en', service?: string): Promise<KbSearchResults> {
  const query = new URLSearchParams({ q, lang, ...(service ? { service } : {}) });
  const results = await json<KbSearchResults>(await h.api(`/v1/kb/search?${query}`));
  expect(contract.KbSearchResults.safeParse(results).success).toBe(true);
  return results;
}
const first = async (...args: Parameters<typeof search>) => (await search(...args)).items[0]?.slug;

describe('knowledge-base ranking for symptoms', () => {
  it('answers "Link test fails at 40 percent" with the link-test article, not billing', async () => {
    for (const service of [undefined, 'linksprinter']) {
      const results = await search('Link test fails at 40 percent', 'en', service);
      expect(results.items[0]?.slug).toBe('linksprinter-link-test-stops');
      expect(results.items.map((i) => i.slug).indexOf('billing-and-cancellation')).not.toBe(0);
    }
    expect(await first('Le test de liaison échoue à 40 %', 'fr', 'linksprinter')).toBe('linksprinter-link-test-stops');
  });

  it('finds a word by its other forms, in English and in French', async () => {
    for (const q of ['link test failing', 'link test failed', 'link tests fail']) {
      expect(await first(q)).toBe('linksprinter-link-test-stops');
    }
    for (const q of ['les tests de liaison échouent', 'test de liaison bloqué', 'liaison echoue']) {
      expect(await first(q, 'fr')).toBe('linksprinter-link-test-stops');
    }
    expect(await first('no IP addresses', 'en')).toBe('linksprinter-no-dhcp-address');
    expect(await first('résultats non synchronisés', 'fr', 'onetouchat')).toBe('onetouchat-cloud-sync');
  });

  it('puts the service’s own article first when several services have one', async () => {
    expect(await first('results do not reach the cloud', 'en', 'linksprinter')).toBe('linksprinter-cloud-registration');
    expect(await first('results do not reach the cloud', 'en', 'onetouchat')).toBe('onetouchat-cloud-sync');
    expect(await first('les résultats n’arrivent pas dans le cloud', 'fr', 'onetouchat')).toBe('onetouchat-cloud-sync');
    // Articles for every service keep their rank: a billing question is still answered by billing.
    expect(await first('cancel my plan', 'en', 'linksprinter')).toBe('billing-and-cancellation');
  });

  it('has a troubleshooting set for each service of the catalog, in both languages', async () => {
    for (const [service, q] of [
      ['linksprinter', 'PoE power'],
      ['onetouchat', 'Wi-Fi cannot connect'],
      ['netscout-insights', 'dashboard shows no data'],
    ] as const) {
      const en = await search(q, 'en', service);
      expect(en.items[0]?.slug).toMatch(new RegExp(`^${service.replace('netscout-', '')}-`));
      const fr = await json<{ title: string }>(await h.api(`/v1/kb/articles/${en.items[0]?.slug}?lang=fr`));
      expect(fr.title).not.toBe(en.items[0]?.title);
    }
    expect(await first('cannot sign in password')).toBe('account-sign-in');
  });

  it('searches the other language when the UI’s finds nothing, and says so', async () => {
    const english = await search('facturation résiliation');
    expect(english).toMatchObject({ lang: 'fr', fallback: true });
    expect(english.items[0]).toMatchObject({ slug: 'billing-and-cancellation', lang: 'fr' });
    const french = await search('refund', 'fr');
    expect(french).toMatchObject({ lang: 'en', fallback: true });
    expect(french.items[0]?.lang).toBe('en');
    // Found in the UI's language: no fallback.
    expect(await search('holidays')).toMatchObject({ lang: 'en', fallback: false });
    // Found in neither: an empty answer in the UI's language.
    expect(await search('zzqqxxy', 'fr')).toMatchObject({ lang: 'fr', fallback: false, items: [] });
  });

  it('refuses a service that is not an identifier', async () => {
    expect((await h.api('/v1/kb/search?q=cloud&service=%3Cscript%3E')).status).toBe(400);
  });
});
