/**
 * The payment gateway boundary (spec §7). Card data never reaches the server: the browser's Drop-in UI
 * gives a one-time payment-method nonce, and the server charges with it.
 */
export type ChargeResult =
  | { ok: true; transaction: { id: string; status: string; amountCents: number; currency: string } }
  | {
      ok: false;
      /** `declined`/`failed` by the processor, `rejected` by the gateway, `invalid` nonce or request. */
      kind: 'declined' | 'failed' | 'rejected' | 'invalid';
      code: string;
      message: string;
    };

/**
 * The gateway could not be reached, or said it cannot serve now (Braintree's SDK: a request error before any
 * answer, `serviceUnavailableError`, `tooManyRequestsError`; for a client token also timeouts and server
 * errors). `charged: 'no'` when the request cannot have been processed, so a purchase may simply be tried
 * again; a charge whose outcome is unknown is never reported with this error.
 */
export class GatewayUnavailableError extends Error {
  readonly charged = 'no' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GatewayUnavailableError';
  }
}

export interface PaymentGateway {
  /** True for the local test gateway: every payment response says so. */
  readonly testGateway: boolean;
  clientToken(): Promise<string>;
  charge(amountCents: number, currency: string, nonce: string): Promise<ChargeResult>;
}

export interface BraintreeCredentials {
  merchantId: string;
  publicKey: string;
  privateKey: string;
  environment: 'sandbox' | 'production';
}

/** Merchant credentials from the environment, when all of them are set. */
export function braintreeCredentialsFromEnv(env: NodeJS.ProcessEnv = process.env): BraintreeCredentials | null {
  const { BRAINTREE_MERCHANT_ID, BRAINTREE_PUBLIC_KEY, BRAINTREE_PRIVATE_KEY, BRAINTREE_ENVIRONMENT } = env;
  if (!BRAINTREE_MERCHANT_ID || !BRAINTREE_PUBLIC_KEY || !BRAINTREE_PRIVATE_KEY) return null;
  return {
    merchantId: BRAINTREE_MERCHANT_ID,
    publicKey: BRAINTREE_PUBLIC_KEY,
    privateKey: BRAINTREE_PRIVATE_KEY,
    environment: BRAINTREE_ENVIRONMENT === 'production' ? 'production' : 'sandbox',
  };
}
