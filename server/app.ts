import { randomUUID } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv, ServerContext } from './context.js';
import { authenticate } from './http/auth.js';
import { JSON_BODY_LIMIT, jsonBody, tooLarge } from './http/json-body.js';
import { issuesToErrors, ProblemError, problemResponse, validationProblem } from './http/problem.js';
import { type RateLimitOptions, rateLimit } from './http/rate-limit.js';
import { demoStatic } from './http/static.js';
import { registerAgentRoutes } from './routes/agent.js';
import { ATTACHMENT_BODY_LIMIT, registerAttachmentRoutes } from './routes/attachments.js';
import { registerCaseRoutes } from './routes/cases.js';
import { registerIncidentRoutes } from './routes/incidents.js';
import { registerKbRoutes } from './routes/kb.js';
import { registerMeRoutes } from './routes/me.js';
import { registerPaymentRoutes } from './routes/payments.js';
import { registerPublicRoutes } from './routes/public.js';

export interface AppOptions {
  /** Whether an `Origin` may call the API from a browser. */
  isAllowedOrigin: (origin: string) => boolean;
  rateLimit: RateLimitOptions;
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

  app.use('*', requestLog(ctx, options.inFlight));
  app.use(
    '*',
    secureHeaders({
      crossOriginResourcePolicy: 'cross-origin',
      crossOriginOpenerPolicy: false,
      strictTransportSecurity: 'max-age=31536000',
    }),
  );
  app.use(
    '/v1/*',
    cors({
      origin: (origin) => (options.isAllowedOrigin(origin) ? origin : null),
      allowMethods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'],
      exposeHeaders: ['Retry-After', 'Location', 'Idempotent-Replayed', 'X-Request-Id'],
      maxAge: 600,
    }),
  );
  app.use('/v1/*', async (c, next) => {
    await next();
    // API responses are data, never documents to render.
    c.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
    c.header('cache-control', 'no-store');
  });
  app.use('/v1/*', async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return next();
    const attachment = /^\/v1\/cases\/[^/]+\/attachments$/.test(c.req.path);
    const limit = attachment ? ATTACHMENT_BODY_LIMIT : JSON_BODY_LIMIT;
    return bodyLimit({
      maxSize: limit,
      onError: () => {
        throw tooLarge(limit);
      },
    })(c, async () => {
      if (attachment || c.req.method === 'DELETE') await next();
      else await jsonBody(limit)(c, next);
    });
  });
  app.use('/v1/*', authenticate(ctx));
  app.use('/v1/*', rateLimit(options.rateLimit));

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

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** A request id on every response, and one JSON log line per request (never headers, tokens or bodies). */
function requestLog(ctx: ServerContext, inFlight: { count: number }): MiddlewareHandler<AppEnv> {
  const logging = ctx.logger.isLevelEnabled('info');
  return async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    c.set('requestId', requestId);
    inFlight.count++;
    const started = performance.now();
    try {
      await next();
    } finally {
      inFlight.count--;
    }
    c.header('x-request-id', requestId);
    if (logging) {
      ctx.logger.info({
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
