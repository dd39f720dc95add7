import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import pino from 'pino';
import { addSupportTime, resolveSupportZone } from '../core/index.js';
import type { ServerContext } from './context.js';
import { AttachmentStore } from './db/attachment-store.js';
import { IncidentWriter } from './db/incident-writer.js';
import { PostgresAttachmentStore } from './db/postgres-attachment-store.js';
import { databaseFromEnv, openSupportStore } from './db/store.js';
import { tidyAtStart } from './db/tidy-at-start.js';
import { MAILBOX_PATH, mountMailbox } from './demo/mailbox.js';
import { type DemoAccounts, seedDemo } from './demo/seed.js';
import { createApp } from './http/app.js';
import type { AddressLimitOptions, RateLimitOptions } from './http/rate-limit.js';
import { addressLimitFromEnv, extensionOrigins, timeoutsFromEnv, tokenLimitFromEnv } from './http/settings.js';
import { memoryLimits, postgresLimits } from './http/shared-limits.js';
import { loadKbArticles } from './kb/index.js';
import { MailDelivery, type RetryPolicy } from './mail/delivery.js';
import { type MailSettings, mailSettingsFromEnv } from './mail/settings.js';
import { localMailbox, smtpTransport } from './mail/transport.js';
import { BraintreeGateway } from './payments/braintree-gateway.js';
import { braintreeCredentialsFromEnv, type PaymentGateway } from './payments/gateway.js';
import { TestGateway } from './payments/test-gateway.js';
import { ATTACHMENT_BODY_LIMIT } from './routes/attachments.js';
import { SignInService, signInSettingsFromEnv } from './signin/service.js';

export type { DemoAccount, DemoAccounts } from './demo/seed.js';

export interface StartOptions {
  /** 0 = ephemeral; default: PORT env or 8787. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default: NETSCOUT_DATA_DIR env or ./.data */
  dataDir?: string;
  /** Default true: seed demo accounts the first time. */
  seedDemo?: boolean;
  /** Injectable clock for tests; default () => new Date(). */
  now?: () => Date;
  /** Default: NETSCOUT_CORS_ORIGINS (comma list); added to the service homepages and extension origins. */
  corsOrigins?: string[];
  /** Default: NETSCOUT_LOG_LEVEL env or 'info'; tests pass 'silent'. */
  logLevel?: string;
  /** Repo root used to serve dist/widget and widget/demo; default process.cwd(). */
  staticRoot?: string;
  /** Per-token rate limit; default NETSCOUT_RATE_LIMIT ("burst/perSecond") or 300 burst, 50/s. */
  rateLimit?: RateLimitOptions;
  /** Per-address rate limit; default NETSCOUT_ADDRESS_RATE_LIMIT or 300 burst, 20/s, refusals cost 20. */
  addressRateLimit?: AddressLimitOptions;
  /** Browser-extension origins CORS allows; default NETSCOUT_EXTENSION_ORIGINS or our Chrome extension. */
  extensionOrigins?: string[];
  /** How long a request body may take per started MiB; default NETSCOUT_BODY_TIMEOUT_MS or 10 s. */
  bodyTimeoutMs?: number;
  /** How long a client may take to send the headers; default NETSCOUT_HEADERS_TIMEOUT_MS or 10 s. */
  headersTimeoutMs?: number;
  /** Payment gateway; default Braintree with BRAINTREE_* credentials, else the local test gateway. */
  gateway?: PaymentGateway;
  /** Support time zone; default NETSCOUT_SUPPORT_ZONE or America/New_York. */
  supportZone?: string;
  /** Customer e-mail; each setting defaults to SMTP_URL / MAIL_FROM, the retry and poll to the loop's own. */
  mail?: Partial<MailSettings> & { retry?: RetryPolicy; pollMs?: number };
  /** PostgreSQL instead of the SQLite file; default DATABASE_URL (and DATABASE_POOL_MAX, default 10). */
  databaseUrl?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  /** The demo accounts and their tokens (empty when `seedDemo` is false). */
  demo: DemoAccounts;
  /** The issuer and audience of the access tokens the API accepts. */
  oidc: { issuer: string; audience: string };
  /** The demo's local mailbox page, when there is one (a demo without `SMTP_URL`). */
  mailbox: string | undefined;
  /** Stops accepting connections, lets in-flight requests finish, commits, and closes the database. */
  close(): Promise<void>;
}

const SERVICE_ORIGINS = [
  /^https?:\/\/(www\.)?onetouchat\.com(:\d+)?$/,
  /^https?:\/\/(www\.)?linksprinter\.com(:\d+)?$/,
];

/** Starts the reference support API. */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const port = options.port ?? Number(process.env.PORT ?? 8787);
  const host = options.host ?? '127.0.0.1';
  const dataDir = options.dataDir ?? process.env.NETSCOUT_DATA_DIR ?? './.data';
  const now = options.now ?? (() => new Date());
  // Settings are read first: a bad one stops the start before anything is opened.
  const tokenLimit = options.rateLimit ?? tokenLimitFromEnv();
  const addressLimit = options.addressRateLimit ?? addressLimitFromEnv();
  const envTimeouts = timeoutsFromEnv();
  const bodyTimeoutMs = options.bodyTimeoutMs ?? envTimeouts.bodyMs;
  const headersTimeoutMs = options.headersTimeoutMs ?? envTimeouts.headersMs;
  const extensions = extensionOrigins(options.extensionOrigins);
  const signInSettings = signInSettingsFromEnv();
  const mailSettings = { ...mailSettingsFromEnv(), ...options.mail };
  const database = databaseFromEnv();
  const zone = resolveSupportZone({ zone: options.supportZone ?? process.env.NETSCOUT_SUPPORT_ZONE });
  const logger = pino(
    {
      level: options.logLevel ?? process.env.NETSCOUT_LOG_LEVEL ?? 'info',
      base: { service: 'netscout-support-api' },
      redact: ['req.headers.authorization', '*.token', '*.paymentMethodNonce'],
    },
    // Buffered: request logs are not part of the durability promise, and one write per line is costly.
    pino.destination({ dest: 1, sync: false, minLength: 4096 }),
  );

  const store = await openSupportStore({
    dataDir,
    databaseUrl: options.databaseUrl ?? database.databaseUrl,
    poolMax: database.poolMax,
  });
  const repo = store.repo;
  // Build the support calendar of the zone now, not on the first incident.
  addSupportTime(now(), 1, { zone });
  const demo = await store.atStart(async () => {
    await repo.kb.replace(loadKbArticles());
    return options.seedDemo === false ? ({} as DemoAccounts) : await seedDemo(repo, dataDir, now());
  });

  const credentials = braintreeCredentialsFromEnv();
  const gateway = options.gateway ?? (credentials ? new BraintreeGateway(credentials) : new TestGateway());
  const writer = new IncidentWriter(repo.cases);
  const transport = mailSettings.smtpUrl ? smtpTransport(mailSettings.smtpUrl) : localMailbox();
  const mail = new MailDelivery({
    outbox: repo.mail,
    transport,
    from: mailSettings.from,
    zone,
    now,
    logger,
    retry: mailSettings.retry,
    pollMs: mailSettings.pollMs,
  });
  // The mailbox lists every account's mail: only a demo (seeded, printed tokens) without SMTP shows it.
  const mailboxPage = options.seedDemo !== false && transport.via === 'mailbox';
  const ctx: ServerContext = {
    repo,
    writer,
    gateway,
    logger,
    now,
    zone,
    dataDir,
    attachments:
      store.dialect === 'postgres'
        ? new PostgresAttachmentStore(store.db, () => now().getTime())
        : new AttachmentStore(dataDir),
    mail,
    limits: store.pool ? postgresLimits(store.pool) : memoryLimits(),
  };

  await tidyAtStart(repo, ctx.attachments, logger, store.ownerIsGone);
  const demoUsers = Object.fromEntries(Object.entries(demo).map(([key, account]) => [key, account.userId]));
  const signIn = await SignInService.create(ctx, signInSettings, demoUsers);

  let boundPort = port;
  const extraOrigins = options.corsOrigins ?? (process.env.NETSCOUT_CORS_ORIGINS ?? '').split(',');
  const allowed = new Set([...extraOrigins.map((o) => o.trim()).filter(Boolean), ...extensions]);
  const inFlight = { count: 0 };
  const isAllowedOrigin = (origin: string) =>
    allowed.has(origin) ||
    origin === `http://127.0.0.1:${boundPort}` ||
    origin === `http://localhost:${boundPort}` ||
    SERVICE_ORIGINS.some((pattern) => pattern.test(origin));
  const app = createApp(ctx, {
    isAllowedOrigin,
    rateLimit: tokenLimit,
    addressLimit,
    bodyTimeoutMs,
    staticRoot: options.staticRoot ?? process.cwd(),
    accessTokens: signIn.accessTokens,
    mount: (a) => {
      signIn.mount(a);
      if (mailboxPage) mountMailbox(a, repo.mail);
    },
    inFlight,
    limits: ctx.limits,
  });

  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve(
      {
        fetch: app.fetch,
        port,
        hostname: host,
        serverOptions: {
          headersTimeout: headersTimeoutMs,
          // A backstop behind the body deadline of the API's own routes, which fires first: the largest
          // body (an upload) gets one body timeout per started MiB.
          requestTimeout: headersTimeoutMs + bodyTimeoutMs * Math.ceil(ATTACHMENT_BODY_LIMIT / 2 ** 20) + 1000,
          // Node checks both every 30 s by default: a timeout of a few seconds would run up to 30 s late.
          connectionsCheckingInterval: Math.min(1000, Math.ceil(headersTimeoutMs / 4)),
        },
      },
      () => resolve(s),
    );
    s.once('error', reject);
  });
  boundPort = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}`;
  await signIn.start(url, isAllowedOrigin);
  mail.start();
  logger.info(
    { url, dataDir, store: store.dialect, gateway: gateway.testGateway ? 'test' : 'braintree', mail: transport.via },
    'support API listening',
  );

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      // Stop accepting connections; keep-alive connections close once idle.
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      if ('closeIdleConnections' in server) server.closeIdleConnections();
      const deadline = Date.now() + 10_000;
      while (inFlight.count > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      if ('closeAllConnections' in server) server.closeAllConnections();
      await stopped;
      signIn.stop();
      await writer.drain();
      await mail.stop();
      await store.close();
      logger.info('support API stopped');
      logger.flush();
    })();
    return closing;
  };
  return {
    url,
    port: boundPort,
    demo,
    oidc: { issuer: signIn.issuer, audience: signIn.audience },
    mailbox: mailboxPage ? `${url}${MAILBOX_PATH}` : undefined,
    close,
  };
}
