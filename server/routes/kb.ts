import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { KbArticle, KbSearchResults } from '../../core/index.js';
import type { AppEnv, ServerContext } from '../context.js';
import { notFound } from '../http/problem.js';
import { apiRoutes, C, jsonContent, problems } from './_shared.js';

const Lang = z.enum(['en', 'fr']);
const MAX_TERMS = 8;

const search = createRoute({
  method: 'get',
  path: '/v1/kb/search',
  summary: 'Search the self-help articles (accent-insensitive, matches word beginnings), best first',
  request: {
    query: z.strictObject({
      q: z
        .string()
        .min(1, 'must not be empty')
        .max(200, 'must be at most 200 characters')
        .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters'),
      lang: Lang.default('en'),
      limit: z.coerce.number().int('must be a whole number').min(1).max(50).optional(),
    }),
  },
  responses: { 200: { description: 'Ranked results.', content: jsonContent(C.KbSearchResults) }, ...problems(400) },
});

const article = createRoute({
  method: 'get',
  path: '/v1/kb/articles/{slug}',
  summary: 'One self-help article (plain-text paragraphs)',
  request: {
    params: z.object({ slug: z.string().regex(/^[a-z0-9-]{1,100}$/, 'must be an article slug') }),
    query: z.strictObject({ lang: Lang.default('en') }),
  },
  responses: { 200: { description: 'The article.', content: jsonContent(C.KbArticle) }, ...problems(400, 404) },
});

/**
 * The user's words as an FTS5 query: each word (letters and digits only, so no FTS syntax gets through)
 * becomes a prefix term. `all` requires every term; otherwise any term may match.
 */
export function ftsQuery(q: string, all: boolean): string | null {
  const terms = (
    q
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  ).slice(0, MAX_TERMS);
  if (terms.length === 0) return null;
  return terms.map((t) => `"${t}"*`).join(all ? ' AND ' : ' OR ');
}

/** Knowledge-base search and articles. */
export function kbRoutes(ctx: ServerContext): OpenAPIHono<AppEnv> {
  const app = apiRoutes();
  app.openapi(search, async (c) => {
    const { q, lang, limit = 10 } = c.req.valid('query');
    let items: KbSearchResults['items'] = [];
    const strict = ftsQuery(q, true);
    if (strict) {
      items = await ctx.repo.kb.search(strict, lang, limit);
      // Nothing has every word: fall back to articles with any of them, still ranked.
      if (items.length === 0) items = await ctx.repo.kb.search(ftsQuery(q, false) as string, lang, limit);
    }
    const body: KbSearchResults = {
      query: q,
      items: items.map((i) => ({ ...i, score: Math.round(i.score * 1000) / 1000 })),
    };
    return c.json(body, 200);
  });

  app.openapi(article, async (c) => {
    const { slug } = c.req.valid('param');
    const { lang } = c.req.valid('query');
    const row = await ctx.repo.kb.get(slug, lang);
    if (!row) throw notFound(`Article ${slug} (${lang})`);
    const body: KbArticle = {
      slug: row.slug,
      lang: row.lang,
      title: row.title,
      summary: row.summary,
      body: JSON.parse(row.body),
      tags: JSON.parse(row.tags),
      updatedAt: new Date(row.updated_at).toISOString(),
    };
    return c.json(body, 200);
  });
  return app;
}
