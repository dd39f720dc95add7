import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Serves `relative` (URL path, still encoded) from `root`, never outside it; `null` when absent. */
export async function serveFile(c: Context, root: string, relative: string): Promise<Response | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = path.resolve(root);
  let file = path.resolve(base, `.${path.posix.sep}${decoded}`);
  if (file !== base && !file.startsWith(base + path.sep)) return null;
  try {
    let info = await stat(file);
    if (info.isDirectory()) {
      // A folder without a trailing slash: redirect so relative links in its index resolve.
      if (!c.req.path.endsWith('/')) return c.redirect(`${c.req.path}/`, 301);
      file = path.join(file, 'index.html');
      info = await stat(file);
    }
    if (!info.isFile()) return null;
    const body = await readFile(file);
    return c.body(new Uint8Array(body), 200, {
      'content-type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
    });
  } catch {
    return null;
  }
}

const DEMO_HOSTS: Record<string, string> = {
  'onetouchat.com': 'onetouchat',
  'www.onetouchat.com': 'onetouchat',
  'linksprinter.com': 'linksprinter',
  'www.linksprinter.com': 'linksprinter',
};

/**
 * The demo, from the same server: `/widget/*` (the built widget), `/demo/*` (the demo pages), the
 * service homepages by Host (the extension's end-to-end test maps the real hosts here), and an index.
 */
export function demoStatic(staticRoot: string): MiddlewareHandler<AppEnv> {
  const widgetRoot = path.join(staticRoot, 'dist', 'widget');
  const demoRoot = path.join(staticRoot, 'widget', 'demo');
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const urlPath = c.req.path;
    if (urlPath.startsWith('/v1/')) return next();
    if (urlPath.startsWith('/widget/')) {
      return (await serveFile(c, widgetRoot, urlPath.slice('/widget/'.length))) ?? next();
    }
    if (urlPath === '/demo') return c.redirect('/demo/', 301);
    if (urlPath.startsWith('/demo/')) {
      return (await serveFile(c, demoRoot, urlPath.slice('/demo/'.length))) ?? next();
    }
    const host = (c.req.header('host') ?? '').toLowerCase().replace(/:\d+$/, '');
    const site = DEMO_HOSTS[host];
    if (site) return (await serveFile(c, path.join(demoRoot, site), urlPath.slice(1))) ?? next();
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
