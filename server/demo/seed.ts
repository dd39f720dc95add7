import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findPlan, findService } from '../../core/index.js';
import type { SupportRepository } from '../db/repository.js';
import { hashToken, newToken } from '../domain/ids.js';

export type DemoKey = 'gold' | 'goldLapsed' | 'linksprinterPaid' | 'standalonePaid' | 'free' | 'agent';
export interface DemoAccount {
  token: string;
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
 * Seeds one demo account per situation the first time the store is opened, and returns their tokens.
 * Only token hashes are in the database; the demo tokens themselves are kept in a file of the data
 * directory readable by its owner only, so that a later start can print them again.
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
        });
      }
    }
    await repo.meta.set('demo_seeded', now.toISOString());
  }

  const file = path.join(dataDir, TOKENS_FILE);
  let tokens: Partial<Record<DemoKey, string>> = {};
  try {
    tokens = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // No file yet (first start, or removed): new tokens are issued below.
  }
  let changed = false;
  const accounts = {} as DemoAccounts;
  for (const demo of DEMO) {
    const userId = `usr_demo_${demo.key}`;
    let token = tokens[demo.key];
    const valid = typeof token === 'string' && (await repo.accounts.findCaller(hashToken(token)))?.user.id === userId;
    if (!valid || !token) {
      token = newToken();
      await repo.accounts.insertToken(hashToken(token), userId, 'demo', at);
      tokens[demo.key] = token;
      changed = true;
    }
    accounts[demo.key] = { token, userId, accountId: `acct_demo_${demo.key}`, description: demo.description };
  }
  if (changed) {
    writeFileSync(file, `${JSON.stringify(tokens, null, 2)}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return accounts;
}
