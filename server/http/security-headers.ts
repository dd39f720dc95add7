import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';
import { setResponseHeaders } from './headers.js';

/** Headers for the demo pages and the widget's files: documents a browser renders. */
const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000',
  // The widget's script is loaded cross-origin by the service homepages and partner sites.
  'cross-origin-resource-policy': 'cross-origin',
  'origin-agent-cluster': '?1',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

/**
 * Headers for API answers, as the OWASP REST Security Cheat Sheet lists them: data that is never
 * rendered, framed nor cached. The document-only headers above (prefetch, download and XSS-filter
 * switches, Flash policies, origin clustering) do nothing for JSON and are left off every API answer.
 */
const API_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000',
  'cache-control': 'no-store',
};

/** Standard security headers; API responses are data, never documents to render, and never cached. */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    setResponseHeaders(c, c.req.path.startsWith('/v1/') ? API_HEADERS : SECURITY_HEADERS);
    await next();
  };
}
