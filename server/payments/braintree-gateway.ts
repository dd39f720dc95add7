import { createRequire } from 'node:module';
import type { BraintreeCredentials, ChargeResult, PaymentGateway } from './gateway.js';

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
  Environment: { Sandbox: unknown; Production: unknown };
}

/** Braintree through its official SDK: used when merchant credentials are in the environment. */
export class BraintreeGateway implements PaymentGateway {
  readonly testGateway = false;
  readonly #gateway: InstanceType<BraintreeSdk['BraintreeGateway']>;

  constructor(credentials: BraintreeCredentials) {
    const sdk = createRequire(import.meta.url)('braintree') as BraintreeSdk;
    this.#gateway = new sdk.BraintreeGateway({
      environment: credentials.environment === 'production' ? sdk.Environment.Production : sdk.Environment.Sandbox,
      merchantId: credentials.merchantId,
      publicKey: credentials.publicKey,
      privateKey: credentials.privateKey,
    });
  }

  async clientToken(): Promise<string> {
    const response = await this.#gateway.clientToken.generate({});
    if (!response.success) throw new Error(`Braintree refused a client token: ${response.message ?? 'unknown'}`);
    return response.clientToken;
  }

  async charge(amountCents: number, currency: string, nonce: string): Promise<ChargeResult> {
    const result = await this.#gateway.transaction.sale({
      amount: (amountCents / 100).toFixed(2),
      paymentMethodNonce: nonce,
      options: { submitForSettlement: true },
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
