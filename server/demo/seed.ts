import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { billedPeriodEnd, findPlan, findService } from '../../core/index.js';
import type { SupportRepository } from '../db/repository.js';
import { hashToken } from '../domain/ids.js';
import { issuePersonalToken } from '../domain/personal-tokens.js';
import { hashPassword, newDemoPassword } from '../signin/passwords.js';

export type DemoKey = 'gold' | 'goldLapsed' | 'linksprinterPaid' | 'standalonePaid' | 'free' | 'agent';
export interface DemoAccount {
  /** A personal API token (valid two years; a later start issues a new one when it has expired or was revoked). */
  token: string;
  /** The sign-in email and password. */
  email: string;
  password: string;
  userId: string;
  accountId: string;
  description: string;
}
export type DemoAccounts = Record<DemoKey, DemoAccount>;

interface DemoDefinition {
  key: DemoKey;
  account: string;
  user: string;
  email: string;
  role: 'customer' | 'agent';
  description: string;
  subscription?: { serviceId: string; planId: string; gold?: 'active' | 'lapsed' };
}

const DAY = 86_400_000;

const DEMO: readonly DemoDefinition[] = [
  {
    key: 'gold',
    account: 'Acme Field Services',
    user: 'Alice Martin',
    email: 'alice@acme.example',
    role: 'customer',
    description: 'OneTouchAT.com (Type 2) with active Gold coverage: 2-hour first response',
    subscription: { serviceId: 'onetouchat', planId: 'pro', gold: 'active' },
  },
  {
    key: 'goldLapsed',
    account: 'Borealis Networks',
    user: 'Bruno Dubois',
    email: 'bruno@borealis.example',
    role: 'customer',
    description: 'OneTouchAT.com (Type 2) whose Gold coverage has lapsed: self-help only',
    subscription: { serviceId: 'onetouchat', planId: 'pro', gold: 'lapsed' },
  },
  {
    key: 'linksprinterPaid',
    account: 'Cobalt Installers',
    user: 'Chloé Bernard',
    email: 'chloe@cobalt.example',
    role: 'customer',
    description: 'LinkSprinter.com (Type 3) on the paid Pro plan: 24-hour first response',
    subscription: { serviceId: 'linksprinter', planId: 'pro' },
  },
  {
    key: 'standalonePaid',
    account: 'Delta Analytics',
    user: 'David Chen',
    email: 'david@delta.example',
    role: 'customer',
    description: 'NETSCOUT Insights (Type 1) on the paid Team plan: 24-hour first response',
    subscription: { serviceId: 'netscout-insights', planId: 'team' },
  },
  {
    key: 'free',
    account: 'Echo Home Office',
    user: 'Emma Petit',
    email: 'emma@echo.example',
    role: 'customer',
    description: 'LinkSprinter.com on the free plan: self-help only',
    subscription: { serviceId: 'linksprinter', planId: 'free' },
  },
  {
    key: 'agent',
    account: 'NETSCOUT Support',
    user: 'Sam Engineer',
    email: 'sam.engineer@netscout.example',
    role: 'agent',
    description: 'A support engineer: may respond to any case and change its status',
  },
];

const TOKENS_FILE = 'demo-tokens.json';
/**
 * Demo tokens outlive the demo's one-year Gold coverage, so a clock moved past its end (as the tests and a
 * demo of lapsed coverage do) still has a token to show it with. The API caps the tokens users make at 365 days.
 */
const DEMO_TOKEN_DAYS = 730;
const PASSWORDS_FILE = 'demo-passwords.json';

/**
 * Seeds one demo account per situation the first time the store is opened, and returns their tokens and
 * passwords. Their hashes are in the database, and so are the demo tokens and passwords themselves (`meta`), so
 * that a later start, or another process, prints the same ones; a copy is written to the data directory.
 */
export async function seedDemo(repo: SupportRepository, dataDir: string, now: Date): Promise<DemoAccounts> {
  const at = now.getTime();
  if ((await repo.meta.get('demo_seeded')) === undefined) {
    for (const demo of DEMO) {
      const accountId = `acct_demo_${demo.key}`;
      const userId = `usr_demo_${demo.key}`;
      await repo.accounts.insertAccount({ id: accountId, name: demo.account, created_at: at });
      await repo.accounts.insertUser({
        id: userId,
        account_id: accountId,
        name: demo.user,
        email: demo.email,
        role: demo.role,
        created_at: at,
      });
      if (demo.subscription) {
        const { serviceId, planId, gold } = demo.subscription;
        const service = findService(serviceId);
        const plan = service && findPlan(service, planId);
        if (!plan) throw new Error(`demo subscription refers to unknown plan ${serviceId}/${planId}`);
        await repo.payments.insertSubscription({
          id: `sub_demo_${demo.key}`,
          account_id: accountId,
          service_id: serviceId,
          plan_id: planId,
          gold_coverage_ends_at: gold === 'active' ? at + 365 * DAY : gold === 'lapsed' ? at - 30 * DAY : null,
          status: 'active',
          ended_reason: null,
          started_at: at - 60 * DAY,
          cancelled_at: null,
          charged_cents: plan.monthlyPriceCents * 2,
          transaction_id: null,
          premium_ends_at: null,
          cancellation_owed_cents: null,
        });
        // The two months charged so far, so that a paid demo account has a billing history (Gold is billed elsewhere).
        if (service.serviceType !== 2 && plan.kind === 'paid') {
          const startedAt = new Date(at - 60 * DAY);
          for (let month = 0; month < 2; month++) {
            const from = month === 0 ? startedAt : billedPeriodEnd(startedAt, startedAt);
            await repo.payments.insertCharge({
              id: `chg_demo_${demo.key}_${month}`,
              account_id: accountId,
              subscription_id: `sub_demo_${demo.key}`,
              service_id: serviceId,
              plan_id: planId,
              amount_cents: plan.monthlyPriceCents,
              currency: plan.currency,
              transaction_id: `demo_${demo.key}_${month + 1}`,
              status: 'settled',
              test_gateway: 1,
              charged_at: from.getTime(),
              period_starts_at: from.getTime(),
              period_ends_at: billedPeriodEnd(startedAt, from).getTime(),
            });
          }
        }
      }
    }
    await repo.meta.set('demo_seeded', now.toISOString());
  }

  const tokens = await readSecrets(repo, dataDir, TOKENS_FILE);
  const passwords = await readSecrets(repo, dataDir, PASSWORDS_FILE);
  let tokensChanged = false;
  let passwordsChanged = false;
  // Hashed side by side (scrypt runs on libuv's thread pool): about 110 ms each here, one after the other
  // they would add most of a second to the first start.
  const hashes = await Promise.all(
    DEMO.map(async (demo) => {
      const stored = await repo.accounts.getPasswordHash(`usr_demo_${demo.key}`);
      if (passwords[demo.key] && stored !== undefined) return undefined;
      const password = newDemoPassword();
      return { password, hash: await hashPassword(password) };
    }),
  );
  const accounts = {} as DemoAccounts;
  for (const demo of DEMO) {
    const userId = `usr_demo_${demo.key}`;
    let token = tokens[demo.key];
    const found = token === undefined ? undefined : await repo.accounts.findCaller(hashToken(token));
    const valid = found?.user.id === userId && (found.token.expiresAt === null || found.token.expiresAt > at);
    if (!valid || !token) {
      token = (await issuePersonalToken(repo, userId, 'demo', DEMO_TOKEN_DAYS, now)).token;
      tokens[demo.key] = token;
      tokensChanged = true;
    }
    let password = passwords[demo.key] as string;
    const fresh = hashes[DEMO.indexOf(demo)];
    if (fresh) {
      password = fresh.password;
      await repo.accounts.setPasswordHash(userId, fresh.hash, at);
      passwords[demo.key] = password;
      passwordsChanged = true;
    }
    accounts[demo.key] = {
      token,
      email: demo.email,
      password,
      userId,
      accountId: `acct_demo_${demo.key}`,
      description: demo.description,
    };
  }
  await writeSecrets(repo, dataDir, TOKENS_FILE, tokens, tokensChanged);
  await writeSecrets(repo, dataDir, PASSWORDS_FILE, passwords, passwordsChanged);
  return accounts;
}

type Secrets = Partial<Record<DemoKey, string>>;

/**
 * The demo secrets as the store keeps them (`meta`, shared by every process on it: a second process must not
 * make new passwords and so change the first one's); an older version kept them in the data directory only.
 */
async function readSecrets(repo: SupportRepository, dataDir: string, name: string): Promise<Secrets> {
  const stored = await repo.meta.get(`secret:${name}`);
  if (stored !== undefined) return JSON.parse(stored);
  try {
    return JSON.parse(readFileSync(path.join(dataDir, name), 'utf8'));
  } catch {
    // No file yet (first start, or removed): new secrets are made.
    return {};
  }
}

/**
 * Keeps the secrets in the store, and a copy in a file of the data directory readable by its owner only, for
 * the operator (a later start prints them again from the store).
 */
async function writeSecrets(
  repo: SupportRepository,
  dataDir: string,
  name: string,
  secrets: Secrets,
  changed: boolean,
): Promise<void> {
  const text = JSON.stringify(secrets, null, 2);
  if (changed || (await repo.meta.get(`secret:${name}`)) === undefined) await repo.meta.set(`secret:${name}`, text);
  const file = path.join(dataDir, name);
  let copy: string | undefined;
  try {
    copy = readFileSync(file, 'utf8');
  } catch {
    // Written below.
  }
  if (copy === `${text}\n`) return;
  writeFileSync(file, `${text}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}
