import { randomUUID } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv, ServerContext } from '../context.js';
import { demoStatic } from '../demo/static.js';
import { registerAgentRoutes } from '../routes/agent.js';
import { registerAttachmentRoutes } from '../routes/attachments.js';
import { registerCaseRoutes } from '../routes/cases.js';
import { registerIncidentRoutes } from '../routes/incidents.js';
import { registerKbRoutes } from '../routes/kb.js';
import { registerMeRoutes } from '../routes/me.js';
import { registerPaymentRoutes } from '../routes/payments.js';
import { registerPublicRoutes } from '../routes/public.js';
import { Authenticator } from './auth.js';
import { bodyDeadline } from './body-deadline.js';
import { requestGate } from './gate.js';
import { setResponseHeader, setResponseHeaders } from './headers.js';
import { issuesToErrors, ProblemError, problemResponse, validationProblem } from './problem.js';
import type { AddressLimitOptions, RateLimitOptions } from './rate-limit.js';
import { requestBody } from './request-body.js';
import { RouteTable } from './route-table.js';
import { isStorageFull, storageFullProblem } from './storage-full.js';

export interface AppOptions {
  /** Whether an `Origin` may call the API from a browser. */
  isAllowedOrigin: (origin: string) => boolean;
  /** Per bearer token. */
  rateLimit: RateLimitOptions;
  /** Per client address: anonymous requests and refused credentials. */
  addressLimit: AddressLimitOptions;
  /** How long a request body (per started MiB) may take to arrive. */
  bodyTimeoutMs: number;
  staticRoot: string;
  /** Requests being served: SIGTERM waits for them. */
  inFlight: { count: number };
}

const WHERE: Record<string, string> = {
  json: 'body',
  query: 'query',
  param: 'path',
  header: 'header',
  form: 'form',
};

/** The HTTP application: middleware, every route, the OpenAPI document and the error mapping. */
export function createApp(ctx: ServerContext, options: AppOptions): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const where = WHERE[result.target] ?? result.target;
        throw validationProblem(where, issuesToErrors(result.error.issues, where));
      }
    },
  });

  // Every header is set before the handler runs: a header added to a finished response makes Hono rebuild it.
  app.use('*', requestLog(ctx, options.inFlight));
  app.use('*', securityHeaders());
  app.use('/v1/*', corsHeaders(options.isAllowedOrigin));
  // Routed, authenticated and rate-limited before any body is read; the body then has a deadline and a size.
  app.use(
    '/v1/*',
    requestGate({
      routes: () =>
        new RouteTable(
          app.routes,
          app.openAPIRegistry.definitions.flatMap((d) =>
            d.type === 'route' && d.route.security?.length ? [d.route] : [],
          ),
        ),
      authenticator: new Authenticator(ctx.repo),
      tokenLimit: options.rateLimit,
      addressLimit: options.addressLimit,
    }),
  );
  app.use('/v1/*', bodyDeadline(options.bodyTimeoutMs));
  app.use('/v1/*', requestBody());

  registerPublicRoutes(app, ctx);
  registerMeRoutes(app, ctx);
  registerIncidentRoutes(app, ctx);
  registerCaseRoutes(app, ctx);
  registerAttachmentRoutes(app, ctx);
  registerAgentRoutes(app, ctx);
  registerKbRoutes(app, ctx);
  registerPaymentRoutes(app, ctx);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'A support API token: `Authorization: Bearer <token>`.',
  });
  let document: string | undefined;
  app.get('/v1/openapi.json', (c) => {
    document ??= JSON.stringify(fixPatterns(openApiDocument(app)));
    return c.body(document, 200, { 'content-type': 'application/json; charset=utf-8' });
  });

  app.use('*', demoStatic(options.staticRoot));

  app.notFound((c) =>
    problemResponse(
      c,
      new ProblemError(404, 'not-found', 'Not found', { detail: `Nothing at ${c.req.method} ${c.req.path}.` }),
    ),
  );
  app.onError((error, c) => {
    if (error instanceof ProblemError) return problemResponse(c, error);
    if (error instanceof HTTPException) {
      const status = error.status as ContentfulStatusCode;
      const code = status === 415 ? 'unsupported-media-type' : status === 413 ? 'body-too-large' : 'validation';
      return problemResponse(c, new ProblemError(status, code, error.message || 'Bad request'));
    }
    if (isStorageFull(error)) {
      ctx.logger.error({ err: error, reqId: c.get('requestId') }, 'storage full: request refused with 507');
      return problemResponse(c, storageFullProblem());
    }
    ctx.logger.error({ err: error, reqId: c.get('requestId') }, 'unhandled error');
    return problemResponse(
      c,
      new ProblemError(500, 'internal', 'Internal error', {
        detail: `Something went wrong on our side. Quote request id ${c.get('requestId')} to support.`,
      }),
    );
  });
  return app;
}

export function openApiDocument(app: OpenAPIHono<AppEnv>) {
  return app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'NetScout Support API',
      version: '1.0.0',
      description:
        'Incidents, cases, entitlement, knowledge base and payments for NETSCOUT subscription services. ' +
        'Errors are RFC 9457 problem documents (`application/problem+json`).',
    },
    servers: [{ url: '/' }],
  });
}

/**
 * The generator writes a regex with the `u` flag as `…$/u` (the flag leaks into the pattern). JSON Schema
 * patterns are ECMA-262 with Unicode semantics already: drop the leaked suffix.
 */
function fixPatterns<T>(value: T): T {
  if (Array.isArray(value)) return value.map(fixPatterns) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] = key === 'pattern' && typeof v === 'string' ? v.replace(/\/u$/, '') : fixPatterns(v);
    }
    return out as T;
  }
  return value;
}

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
function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    setResponseHeaders(c, c.req.path.startsWith('/v1/') ? API_HEADERS : SECURITY_HEADERS);
    await next();
  };
}

const ALLOW_HEADERS = 'Authorization, Content-Type, Idempotency-Key, X-Request-Id';
const EXPOSE_HEADERS = 'Retry-After, Location, Idempotent-Replayed, X-Request-Id, X-Payment-Gateway';

/** CORS for an allowlist of origins; preflights are answered here. Tokens are headers, never cookies. */
function corsHeaders(isAllowedOrigin: (origin: string) => boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const origin = c.req.header('origin');
    const allowed = origin !== undefined && isAllowedOrigin(origin);
    if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method') !== undefined) {
      c.header('vary', 'Origin, Access-Control-Request-Headers');
      if (allowed) {
        c.header('access-control-allow-origin', origin);
        c.header('access-control-allow-methods', 'GET, POST, PATCH, DELETE, OPTIONS');
        c.header('access-control-allow-headers', ALLOW_HEADERS);
        c.header('access-control-max-age', '600');
      }
      return c.body(null, 204);
    }
    setResponseHeader(c, 'vary', 'Origin');
    if (allowed) {
      setResponseHeader(c, 'access-control-allow-origin', origin);
      setResponseHeader(c, 'access-control-expose-headers', EXPOSE_HEADERS);
    }
    await next();
  };
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** A request id on every response, and one JSON log line per request (never headers, tokens or bodies). */
function requestLog(ctx: ServerContext, inFlight: { count: number }): MiddlewareHandler<AppEnv> {
  const logging = ctx.logger.isLevelEnabled('info');
  // The request line has fixed fields, none of them a header, a body or a query string: it needs none of
  // the logger's redaction paths, whose wildcard walk would cost more than writing the line.
  const lines = ctx.logger.child({}, { redact: { paths: [] } });
  return async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    c.set('requestId', requestId);
    setResponseHeader(c, 'x-request-id', requestId);
    inFlight.count++;
    const started = performance.now();
    try {
      await next();
    } finally {
      inFlight.count--;
    }
    if (logging) {
      lines.info({
        reqId: requestId,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        user: c.get('caller')?.user.id,
      });
    }
  };
}
