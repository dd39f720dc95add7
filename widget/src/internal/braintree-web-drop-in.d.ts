// The few parts of braintree-web-drop-in the upgrade step uses (the package ships no types).
declare module 'braintree-web-drop-in' {
  interface Dropin {
    requestPaymentMethod(): Promise<{ nonce: string }>;
    teardown(): Promise<void>;
  }
  const dropin: { create(options: { authorization: string; container: HTMLElement }): Promise<Dropin> };
  export default dropin;
}
