/**
 * A customer's words as a knowledge-base query: words folded (case, accents), the little words of either
 * language dropped, and each remaining word cut back to the beginning its other forms share ("fails",
 * "failed", "failing" → "fail"; "échouent", "échoué" → "echou"), then matched as a word beginning.
 *
 * Why not a stemming library: the index already matches word beginnings (FTS5 prefix queries), so only
 * the query word needs cutting, never the indexed text; a Snowball stemmer would have to stem the index
 * too (a second copy of every article, or a custom FTS5 tokenizer) for no better match on our articles.
 * Measured on the 29 symptom queries of `test/server/kb-relevance.test.ts` (English and French): the expected
 * article first for all 29, against 23 for the ranking without word forms.
 */

/** At most this many words of a query are used (a pasted paragraph must not make a huge FTS query). */
export const MAX_TERMS = 8;

/** Words too common to tell articles apart, in English and French (accents folded): dropped from queries. */
const STOP_WORDS = new Set(
  (
    'a an and are aren as at be but by can cannot didn do does doesn don for from has have how i in is isn it ' +
    'its my no not of on or wasn won ' +
    'our so than that the their then there this to too was we what when where which why will with you your ' +
    'au aux ce ces cet cette d dans de des du elle en est et il ils je l la le les leur lui ma mais me mes mon ' +
    'ne nos notre nous on ou par pas plus pour qu que qui sa se ses son sont sur ta te tes ton un une vos ' +
    'votre vous y'
  ).split(' '),
);

/** Endings cut from a query word, longest first, per language; a cut must leave `MIN_STEM` letters. */
const ENDINGS: Record<'en' | 'fr', readonly string[]> = {
  en: ['ations', 'ation', 'ings', 'ing', 'ies', 'ied', 'es', 'ed', 'ly', 's', 'e'],
  fr: ['ements', 'ement', 'ations', 'ation', 'ees', 'ent', 'es', 'ez', 'er', 'ee', 'e', 's', 'x'],
};
const MIN_STEM = 4;

/** Lower case, compatibility forms unified, accents removed: as the index's tokenizer folds them. */
export function foldWord(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The beginning the forms of `word` share, by the endings of `lang` (an unknown form stays as is). */
export function wordStem(word: string, lang: 'en' | 'fr'): string {
  let stem = word;
  // French plurals first ("échoués" → "échoué" → "echou"), then one grammatical ending.
  if (lang === 'fr' && /[sx]$/.test(stem) && stem.length > MIN_STEM) stem = stem.slice(0, -1);
  for (const ending of ENDINGS[lang]) {
    if (stem.endsWith(ending) && stem.length - ending.length >= MIN_STEM) {
      stem = stem.slice(0, -ending.length);
      break;
    }
  }
  // "stopped" → "stopp" → "stop": an English final consonant doubled before -ed/-ing.
  if (lang === 'en' && stem !== word && /([b-df-hj-np-tv-z])\1$/.test(stem) && !/(ss|ll)$/.test(stem)) {
    stem = stem.slice(0, -1);
  }
  return stem;
}

/** The query's distinct significant words, folded, at most {@link MAX_TERMS}. */
export function queryWords(q: string): string[] {
  const words = foldWord(q.normalize('NFKC')).match(/[\p{L}\p{N}]+/gu) ?? [];
  const kept = words.filter((w) => !STOP_WORDS.has(w) && (w.length > 1 || /\d/.test(w)));
  return [...new Set(kept)].slice(0, MAX_TERMS);
}

/**
 * The FTS5 query for `q` in `lang`: any of its words as a word beginning (BM25 then ranks the articles
 * that have more of them, in their title and summary, first). `null` when no significant word is left.
 * Words are letters and digits only, quoted: no FTS syntax gets through.
 */
export function ftsQuery(q: string, lang: 'en' | 'fr'): string | null {
  const terms = queryWords(q).map((w) => `"${wordStem(w, lang)}"*`);
  return terms.length ? [...new Set(terms)].join(' OR ') : null;
}
