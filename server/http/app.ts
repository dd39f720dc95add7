import type { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv, ServerContext } from '../context.js';
import { demoStatic } from '../demo/static.js';
import { apiRoutes } from '../routes/_shared.js';
import { agentRoutes } from '../routes/agent.js';
import { attachmentRoutes } from '../routes/attachments.js';
import { billingRoutes } from '../routes/billing.js';
import { caseActionRoutes } from '../routes/case-actions.js';
import { caseRoutes } from '../routes/cases.js';
import { incidentRoutes } from '../routes/incidents.js';
import { kbRoutes } from '../routes/kb.js';
import { kbFeedbackRoutes } from '../routes/kb-feedback.js';
import { meRoutes } from '../routes/me.js';
import { paymentRoutes } from '../routes/payments.js';
import { publicRoutes } from '../routes/public.js';
import { tokenRoutes } from '../routes/tokens.js';
import { type AccessTokenVerifier, Authenticator } from './auth.js';
import { bodyDeadline } from './body-deadline.js';
import { corsHeaders } from './cors.js';
import { requestGate } from './gate.js';
import { serveOpenApi } from './openapi.js';
import { ProblemError, problemResponse } from './problem.js';
import type { AddressLimitOptions, RateLimitOptions } from './rate-limit.js';
import { requestBody } from './request-body.js';
import { requestLog } from './request-log.js';
import { RouteTable } from './route-table.js';
import { securityHeaders } from './security-headers.js';
import type { LimitsFactory } from './shared-limits.js';
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
  /** Checks signed access tokens (JWTs); without it only personal tokens are accepted. */
  accessTokens?: AccessTokenVerifier;
  /** Mounts routes outside the API (the authorization server and its sign-in page). */
  mount?: (app: OpenAPIHono<AppEnv>) => void;
  /** Requests being served: SIGTERM waits for them. */
  inFlight: { count: number };
  /** Where the rate limits count: this process's memory by default, the shared store on PostgreSQL. */
  limits?: LimitsFactory;
}

/** The HTTP application: middleware, every route, the OpenAPI document and the error mapping. */
export function createApp(ctx: ServerContext, options: AppOptions): OpenAPIHono<AppEnv> {
  const app = apiRoutes();

  // Every header is set before the handler runs: a header added to a finished response makes Hono rebuild it.
  app.use('*', requestLog(ctx, options.inFlight));
  app.use('*', securityHeaders());
  app.use('/v1/*', corsHeaders(options.isAllowedOrigin));
  // Routed, authenticated and rate-limited before any body is read; the body then has a deadline and a size.
  app.use(
    '/v1/*',
    requestGate({
      // Read on the first request: by then every route group below is mounted, with its OpenAPI definitions.
      routes: () =>
        new RouteTable(
          app.routes,
          app.openAPIRegistry.definitions.flatMap((d) =>
            d.type === 'route' && d.route.security?.length ? [d.route] : [],
          ),
        ),
      authenticator: new Authenticator(ctx.repo, ctx.now, options.accessTokens),
      tokenLimit: options.rateLimit,
      addressLimit: options.addressLimit,
      limits: options.limits,
    }),
  );
  app.use('/v1/*', bodyDeadline(options.bodyTimeoutMs));
  app.use('/v1/*', requestBody());

  const groups = [
    publicRoutes,
    meRoutes,
    incidentRoutes,
    caseRoutes,
    caseActionRoutes,
    attachmentRoutes,
    agentRoutes,
    kbRoutes,
    kbFeedbackRoutes,
    paymentRoutes,
    billingRoutes,
    tokenRoutes,
  ];
  for (const routes of groups) app.route('/', routes(ctx));
  serveOpenApi(app);

  options.mount?.(app);
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
