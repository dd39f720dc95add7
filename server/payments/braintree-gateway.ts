import { createRequire } from 'node:module';
import {
  type BraintreeCredentials,
  type ChargeResult,
  GatewayUnavailableError,
  type PaymentGateway,
} from './gateway.js';

/** The small part of the `braintree` SDK this server uses (the package ships no types). */
interface BraintreeSdk {
  BraintreeGateway: new (
    config: Record<string, unknown>,
  ) => {
    clientToken: { generate(options: object): Promise<{ success: boolean; clientToken: string; message?: string }> };
    transaction: {
      sale(request: object): Promise<{
        success: boolean;
        message?: string;
        transaction?: { id: string; status: string; processorResponseCode?: string; processorResponseText?: string };
        errors?: { deepErrors(): { code: string; message: string }[] };
      }>;
    };
  };
  Environment: {
    Sandbox: unknown;
    Production: unknown;
    new (server: string, port: string, authUrl: string, ssl: boolean): unknown;
  };
}

/** An error thrown by the SDK: `type` names it (`unexpectedError`, `serviceUnavailableError`, …). */
type SdkError = Error & { type?: string };

/** Errors before the request reached Braintree (the SDK wraps them as `Unexpected request error: …`). */
const NOT_SENT = /^Unexpected request error: .*\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)\b/;

/** Whether a failed call cannot have been processed by Braintree: safe to report as "unavailable". */
function notProcessed(error: SdkError): boolean {
  if (error.type === 'serviceUnavailableError' || error.type === 'tooManyRequestsError') return true;
  return error.type === 'unexpectedError' && NOT_SENT.test(error.message);
}

/** For a client token nothing is at stake: any failure to get an answer means the form is unavailable. */
const TOKEN_UNAVAILABLE = new Set([
  'unexpectedError',
  'serviceUnavailableError',
  'tooManyRequestsError',
  'gatewayTimeoutError',
  'requestTimeoutError',
  'serverError',
]);

/** Braintree through its official SDK: used when merchant credentials are in the environment. */
export class BraintreeGateway implements PaymentGateway {
  readonly testGateway = false;
  readonly #gateway: InstanceType<BraintreeSdk['BraintreeGateway']>;

  /**
   * @param options - `endpoint`: a host and port to call instead of Braintree's (plain HTTP), for tests of
   *   what the server does when the gateway cannot be reached.
   */
  constructor(credentials: BraintreeCredentials, options: { endpoint?: { host: string; port: number } } = {}) {
    const sdk = createRequire(import.meta.url)('braintree') as BraintreeSdk;
    const { endpoint } = options;
    this.#gateway = new sdk.BraintreeGateway({
      environment: endpoint
        ? new sdk.Environment(endpoint.host, String(endpoint.port), `http://${endpoint.host}`, false)
        : credentials.environment === 'production'
          ? sdk.Environment.Production
          : sdk.Environment.Sandbox,
      merchantId: credentials.merchantId,
      publicKey: credentials.publicKey,
      privateKey: credentials.privateKey,
    });
  }

  async clientToken(): Promise<string> {
    const response = await this.#gateway.clientToken.generate({}).catch((error: SdkError) => {
      if (TOKEN_UNAVAILABLE.has(error.type ?? '')) {
        throw new GatewayUnavailableError(`Braintree did not answer: ${error.message}`, { cause: error });
      }
      throw error;
    });
    if (!response.success) throw new Error(`Braintree refused a client token: ${response.message ?? 'unknown'}`);
    return response.clientToken;
  }

  async charge(amountCents: number, currency: string, nonce: string): Promise<ChargeResult> {
    const result = await this.#gateway.transaction
      .sale({
        amount: (amountCents / 100).toFixed(2),
        paymentMethodNonce: nonce,
        options: { submitForSettlement: true },
      })
      .catch((error: SdkError) => {
        // A timeout or a 5xx after the request was sent leaves the outcome unknown: thrown as is.
        if (notProcessed(error)) {
          throw new GatewayUnavailableError(`Braintree could not be reached: ${error.message}`, { cause: error });
        }
        throw error;
      });
    const tx = result.transaction;
    if (result.success && tx) {
      return { ok: true, transaction: { id: tx.id, status: tx.status, amountCents, currency } };
    }
    if (tx?.status === 'processor_declined') {
      return {
        ok: false,
        kind: 'declined',
        code: tx.processorResponseCode ?? '',
        message: tx.processorResponseText ?? '',
      };
    }
    if (tx?.status === 'gateway_rejected') {
      return { ok: false, kind: 'rejected', code: 'gateway_rejected', message: result.message ?? 'Gateway Rejected' };
    }
    if (tx?.status === 'failed') {
      return { ok: false, kind: 'failed', code: tx.processorResponseCode ?? '', message: result.message ?? 'Failed' };
    }
    const first = result.errors?.deepErrors()[0];
    return {
      ok: false,
      kind: 'invalid',
      code: first?.code ?? '',
      message: first?.message ?? result.message ?? 'Invalid',
    };
  }
}
