import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { KbArticle, KbSearchResults } from '../../core/index.js';
import type { AppEnv, ServerContext } from '../context.js';
import { notFound } from '../http/problem.js';
import { ftsQuery } from '../kb/query.js';
import { apiRoutes, C, IdParam, jsonContent, problems } from './_shared.js';

const Lang = z.enum(['en', 'fr']);

const search = createRoute({
  method: 'get',
  path: '/v1/kb/search',
  summary: 'Search the self-help articles, best first',
  description:
    'Accent- and case-insensitive; each word matches its other forms (fails, failed, failing). Titles and ' +
    'summaries weigh more than bodies; with `service`, that service’s articles come first. When nothing ' +
    'matches in `lang`, the other language is searched and `fallback` is true.',
  request: {
    query: z.strictObject({
      q: z
        .string()
        .min(1, 'must not be empty')
        .max(200, 'must be at most 200 characters')
        .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters'),
      lang: Lang.default('en'),
      service: IdParam.optional(),
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

/** Knowledge-base search and articles. */
export function kbRoutes(ctx: ServerContext): OpenAPIHono<AppEnv> {
  const app = apiRoutes();
  app.openapi(search, async (c) => {
    const { q, lang, service, limit = 10 } = c.req.valid('query');
    const find = async (language: 'en' | 'fr') => {
      const match = ftsQuery(q, language);
      return match ? ctx.repo.kb.search(match, language, limit, service) : [];
    };
    let found = { lang, fallback: false, items: await find(lang) };
    // Words of the other language (a French word in the English interface): its articles, said as such.
    if (found.items.length === 0) {
      const other = lang === 'en' ? 'fr' : 'en';
      const items = await find(other);
      if (items.length) found = { lang: other, fallback: true, items };
    }
    const body: KbSearchResults = {
      query: q,
      ...found,
      items: found.items.map((i) => ({ ...i, score: Math.round(i.score * 1000) / 1000 })),
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
