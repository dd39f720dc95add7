import { statSync } from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';

const DEMO_HOSTS: Record<string, string> = {
  'onetouchat.com': 'onetouchat',
  'www.onetouchat.com': 'onetouchat',
  'linksprinter.com': 'linksprinter',
  'www.linksprinter.com': 'linksprinter',
};

/**
 * Files of `folder` at the request path less `prefix`, with Hono's static serving (which refuses `..`,
 * encoded separators and any other percent-encoding). Its `root` stays empty and the folder is joined in
 * `rewriteRequestPath`: given a root, it checks once at start that the folder exists and writes to the
 * console when not, and the widget's folder is built after the server may have started.
 */
function folder(dir: string, prefix: string): MiddlewareHandler<AppEnv> {
  return serveStatic({
    root: '',
    rewriteRequestPath: (requestPath) => path.join(dir, requestPath.slice(prefix.length)),
    onFound: (_file, c) => {
      c.header('cache-control', 'no-cache');
    },
  });
}

/** A folder asked for without its trailing slash: redirected, so relative links in its index resolve. */
function folderWithoutSlash(c: Context, dir: string, prefix: string): Response | undefined {
  const urlPath = c.req.path;
  if (urlPath.endsWith('/') || urlPath.includes('%') || urlPath.includes('..')) return undefined;
  try {
    if (statSync(path.join(dir, urlPath.slice(prefix.length))).isDirectory()) return c.redirect(`${urlPath}/`, 301);
  } catch {
    // Nothing there: the static handler answers (it passes on to the 404).
  }
  return undefined;
}

/**
 * The demo, from the same server: `/widget/*` (the built widget), `/demo/*` (the demo pages), the
 * service homepages by Host (the extension's end-to-end test maps the real hosts here), and an index.
 */
export function demoStatic(staticRoot: string): MiddlewareHandler<AppEnv> {
  const widgetRoot = path.join(staticRoot, 'dist', 'widget');
  const demoRoot = path.join(staticRoot, 'widget', 'demo');
  const widget = folder(widgetRoot, '/widget');
  const demo = folder(demoRoot, '/demo');
  const sites = new Map(Object.values(DEMO_HOSTS).map((site) => [site, folder(path.join(demoRoot, site), '')]));
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const urlPath = c.req.path;
    if (urlPath.startsWith('/v1/')) return next();
    if (urlPath.startsWith('/widget/')) return widget(c, next);
    if (urlPath === '/demo') return c.redirect('/demo/', 301);
    if (urlPath.startsWith('/demo/')) return folderWithoutSlash(c, demoRoot, '/demo') ?? demo(c, next);
    const host = (c.req.header('host') ?? '').toLowerCase().replace(/:\d+$/, '');
    const site = DEMO_HOSTS[host];
    if (site) {
      const root = path.join(demoRoot, site);
      return folderWithoutSlash(c, root, '') ?? sites.get(site)!(c, next);
    }
    if (urlPath === '/') return c.html(INDEX_PAGE);
    return next();
  };
}
const INDEX_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>NetScout Support — reference API</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}</style></head>
<body>
<h1>NetScout Support — reference API</h1>
<ul>
<li><a href="/demo/onetouchat/">OneTouchAT.com homepage (demo, Type 2)</a></li>
<li><a href="/demo/linksprinter/">LinkSprinter.com homepage (demo, Type 3)</a></li>
<li><a href="/demo/portal/">Partner portal (demo)</a></li>
<li><a href="/v1/openapi.json">OpenAPI document</a></li>
<li><a href="/v1/health">Health</a></li>
</ul>
</body>
</html>
`;
