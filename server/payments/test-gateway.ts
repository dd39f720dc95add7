import { randomBytes } from 'node:crypto';
import { type ChargeResult, GatewayUnavailableError, type PaymentGateway } from './gateway.js';

type Outcome = Exclude<ChargeResult, { ok: true }>;

const declined = (brand: string): Outcome => ({
  ok: false,
  kind: 'declined',
  code: '2000',
  message: `Do Not Honor (processor declined the ${brand} card)`,
});

/**
 * Braintree's documented sandbox nonces and what the sandbox answers to each. Any other
 * `fake-valid-…` nonce succeeds; any other string is an unknown nonce, as in the sandbox.
 */
const NONCES: Record<string, Outcome | 'settled'> = {
  'fake-valid-nonce': 'settled',
  'fake-valid-no-billing-address-nonce': 'settled',
  'fake-paypal-one-time-nonce': 'settled',
  'fake-paypal-billing-agreement-nonce': 'settled',
  'fake-venmo-account-nonce': 'settled',
  'fake-apple-pay-visa-nonce': 'settled',
  'fake-apple-pay-mastercard-nonce': 'settled',
  'fake-apple-pay-amex-nonce': 'settled',
  'fake-android-pay-visa-nonce': 'settled',
  'fake-android-pay-mastercard-nonce': 'settled',
  'fake-processor-declined-visa-nonce': declined('Visa'),
  'fake-processor-declined-mastercard-nonce': declined('Mastercard'),
  'fake-processor-declined-amex-nonce': declined('American Express'),
  'fake-processor-declined-discover-nonce': declined('Discover'),
  'fake-processor-failure-jcb-nonce': {
    ok: false,
    kind: 'failed',
    code: '3000',
    message: 'Processor Network Unavailable - Try Again',
  },
  'fake-luhn-invalid-nonce': { ok: false, kind: 'invalid', code: '81715', message: 'Credit card number is invalid.' },
  'fake-consumed-nonce': {
    ok: false,
    kind: 'invalid',
    code: '93107',
    message: 'Cannot use a payment_method_nonce more than once.',
  },
  'fake-gateway-rejected-fraud-nonce': {
    ok: false,
    kind: 'rejected',
    code: 'fraud',
    message: 'Gateway Rejected: fraud',
  },
};

/**
 * A local stand-in for Braintree's sandbox, used when no merchant credentials are configured. It
 * reproduces the sandbox's documented test nonces and test amounts (2000.00–2999.99 are declined with
 * that processor code; 3000.00–3000.99 fail), and marks every result as coming from a test gateway.
 */
export class TestGateway implements PaymentGateway {
  readonly testGateway = true;
  /** How long each charge takes, as the real gateway's round trip does (Braintree: about 300 ms). */
  readonly delayMs: number;
  /** Charges asked of this gateway so far (approved or not). */
  charges = 0;
  /**
   * While true, every call fails as an unreachable Braintree does (the SDK's request error before any answer):
   * nothing is charged. Starts true with `NETSCOUT_TEST_GATEWAY_UNREACHABLE=1`.
   */
  unreachable: boolean;

  /** `delayMs` defaults to `NETSCOUT_TEST_GATEWAY_DELAY_MS` (0 when unset). */
  constructor(options: { delayMs?: number; env?: NodeJS.ProcessEnv } = {}) {
    const env = options.env ?? process.env;
    this.delayMs = options.delayMs ?? delayFromEnv(env);
    this.unreachable = env.NETSCOUT_TEST_GATEWAY_UNREACHABLE === '1';
  }

  #refuseWhenUnreachable(): void {
    if (this.unreachable) {
      throw new GatewayUnavailableError(
        'Braintree could not be reached: Unexpected request error: Error: connect ECONNREFUSED (test gateway)',
      );
    }
  }

  async clientToken(): Promise<string> {
    this.#refuseWhenUnreachable();
    const token = { version: 2, testGateway: true, authorizationFingerprint: randomBytes(16).toString('hex') };
    return Buffer.from(JSON.stringify(token)).toString('base64');
  }

  async charge(amountCents: number, currency: string, nonce: string): Promise<ChargeResult> {
    this.#refuseWhenUnreachable();
    this.charges++;
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const known = NONCES[nonce];
    const outcome = known ?? (nonce.startsWith('fake-valid-') ? 'settled' : undefined);
    if (outcome === undefined) {
      return { ok: false, kind: 'invalid', code: '91565', message: 'Unknown or expired payment_method_nonce.' };
    }
    if (outcome !== 'settled') return outcome;
    if (amountCents >= 200_000 && amountCents < 300_000) {
      return {
        ok: false,
        kind: 'declined',
        code: String(Math.floor(amountCents / 100)),
        message: 'Processor Declined',
      };
    }
    if (amountCents >= 300_000 && amountCents < 300_100) {
      return { ok: false, kind: 'failed', code: '3000', message: 'Processor Network Unavailable - Try Again' };
    }
    return {
      ok: true,
      transaction: {
        id: `test_${randomBytes(6).toString('hex')}`,
        status: 'submitted_for_settlement',
        amountCents,
        currency,
      },
    };
  }
}

function delayFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = env.NETSCOUT_TEST_GATEWAY_DELAY_MS;
  if (raw === undefined || raw === '') return 0;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 0 || ms > 60_000) {
    throw new Error(`NETSCOUT_TEST_GATEWAY_DELAY_MS must be a whole number of milliseconds (0–60000), not "${raw}"`);
  }
  return ms;
}
