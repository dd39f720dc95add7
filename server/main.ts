import { DataDirError } from './db/data-dir.js';
import { SettingError } from './http/settings.js';
import { isStorageFull } from './http/storage-full.js';
import { startServer } from './index.js';

/**
 * `npm start`: the reference support API with its embedded store and demo accounts. Prints the demo
 * tokens and the URLs to open. SIGTERM/SIGINT drain in-flight requests and close the database.
 */
const server = await startServer().catch((error: unknown) => {
  // A data directory that cannot be used, a full disk or a bad setting is the operator's to fix: say so in one line.
  if (error instanceof DataDirError || error instanceof SettingError || isStorageFull(error)) {
    const message = isStorageFull(error) ? `the disk is full: ${(error as Error).message}` : (error as Error).message;
    process.stderr.write(`netscout-support: cannot start: ${message}\n`);
    process.exit(1);
  }
  throw error;
});
const out = (line = '') => process.stdout.write(`${line}\n`);
out();
out(`NetScout Support API: ${server.url}`);
out(`  OpenAPI:           ${server.url}/v1/openapi.json`);
out(`  Sign-in (OpenID):  ${server.oidc.issuer}/.well-known/openid-configuration`);
out(
  '  Demo pages (each signs in its demo user through the demo backend, a JWT bearer exchange; switch at the bottom):',
);
const demoPages: [string, string, string][] = [
  ['onetouchat', '', 'OneTouchAT-like homepage, Gold customer'],
  ['linksprinter', '', 'LinkSprinter-like homepage, paid Pro customer'],
  ['linksprinter', '?as=free', 'LinkSprinter-like homepage, free-plan customer (upgrade path)'],
  ['portal', '', 'partner portal embedding the widget inline, LinkSprinter Pro customer'],
];
for (const [page, query, label] of demoPages) {
  out(`    ${label}:`);
  out(`      ${server.url}/demo/${page}/${query}`);
}
if (server.mailbox) {
  out('  Local mailbox (the e-mail customers would get; set SMTP_URL to send it through an SMTP server):');
  out(`    ${server.mailbox}`);
}
out();
out('Demo users (email and password for the sign-in page the widget and the extension open):');
for (const [key, account] of Object.entries(server.demo)) {
  out(`  ${key.padEnd(17)} ${account.email.padEnd(30)} ${account.password}`);
  out(`  ${''.padEnd(17)} ${account.description}`);
}
out();
out('Demo tokens (personal API tokens, valid two years; Authorization: Bearer <token>):');
for (const [key, account] of Object.entries(server.demo)) {
  out(`  ${key.padEnd(17)} ${account.token}`);
}
const gold = server.demo.gold;
if (gold) {
  out();
  out('Try it:');
  out(
    `  curl -s -X POST ${server.url}/v1/incidents -H "Authorization: Bearer ${gold.token}" ` +
      `-H "Content-Type: application/json" -H "Idempotency-Key: $(date +%s%N)" ` +
      `-d '{"serviceId":"onetouchat","subject":"Link test fails","description":"The cable test stops at 40 percent every time.","deviceSerial":"OTAT-12345","firmwareVersion":"6.5.1","contactEmail":"alice@acme.example"}'`,
  );
}
out();

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
