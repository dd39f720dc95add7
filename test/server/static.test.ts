import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './_lib/harness.js';

let h: Harness;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'netscout-static-'));
  for (const site of ['onetouchat', 'linksprinter', 'portal']) {
    mkdirSync(path.join(root, 'widget', 'demo', site), { recursive: true });
    writeFileSync(path.join(root, 'widget', 'demo', site, 'index.html'), `<!doctype html><title>${site}</title>`);
  }
  writeFileSync(path.join(root, 'widget', 'demo', 'onetouchat', 'app.css'), 'body{}');
  mkdirSync(path.join(root, 'dist', 'widget'), { recursive: true });
  writeFileSync(path.join(root, 'dist', 'widget', 'netscout-support.js'), 'export {};');
  writeFileSync(path.join(root, 'secret.txt'), 'outside the served folders');
  h = await startHarness({ staticRoot: root });
});
afterAll(async () => {
  await h.stop();
  rmSync(root, { recursive: true, force: true });
});

/** A GET with an arbitrary Host header (fetch does not let us set it). */
function getWithHost(host: string, pathname: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: h.server.port, path: pathname, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the demo, served by the same server', () => {
  it('serves the built widget and the demo pages', async () => {
    const widget = await h.api('/widget/netscout-support.js');
    expect(widget.status).toBe(200);
    expect(widget.headers.get('content-type')).toMatch(/^text\/javascript/);
    for (const site of ['onetouchat', 'linksprinter', 'portal']) {
      const page = await h.api(`/demo/${site}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(`<title>${site}</title>`);
    }
  });

  it('serves the service homepages by Host, on any port', async () => {
    expect((await getWithHost('www.onetouchat.com', '/')).body).toContain('<title>onetouchat</title>');
    expect((await getWithHost('onetouchat.com:8443', '/')).body).toContain('<title>onetouchat</title>');
    expect((await getWithHost('linksprinter.com', '/')).body).toContain('<title>linksprinter</title>');
    const css = await getWithHost('onetouchat.com', '/app.css');
    expect(css.status).toBe(200);
    expect(css.type).toMatch(/^text\/css/);
    // The API stays reachable on those hosts.
    expect((await getWithHost('onetouchat.com', '/v1/health')).body).toBe('{"status":"ok"}');
  });

  it('serves an index linking the demo pages and the OpenAPI document on other hosts', async () => {
    const index = await h.api('/');
    expect(index.status).toBe(200);
    const html = await index.text();
    for (const link of ['/demo/onetouchat/', '/demo/linksprinter/', '/demo/portal/', '/v1/openapi.json']) {
      expect(html).toContain(`href="${link}"`);
    }
  });

  it('never serves files outside its folders', async () => {
    for (const attempt of [
      '/demo/..%2F..%2Fsecret.txt',
      '/widget/..%2f..%2fsecret.txt',
      '/demo/%2e%2e/%2e%2e/secret.txt',
    ]) {
      const response = await h.api(attempt);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('outside the served folders');
    }
    const viaHost = await getWithHost('onetouchat.com', '/..%2F..%2F..%2Fsecret.txt');
    expect(viaHost.body).not.toContain('outside the served folders');
  });

  it('redirects a demo folder asked for without its trailing slash, so its relative links resolve', async () => {
    const response = await h.api('/demo/onetouchat', { redirect: 'manual' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/demo/onetouchat/');
  });

  it('answers 404 for a missing file', async () => {
    expect((await h.api('/demo/onetouchat/missing.js')).status).toBe(404);
  });
});
