/**
 * Stands in for `braintree-web-drop-in` in the extension's widget bundle. The Drop-in fetches scripts
 * from Braintree's servers, which an extension must not run (no remote code); the widget shows its
 * "payment unavailable" message instead, and the customer pays on the service's own site. With the
 * local test gateway the widget never reaches for the Drop-in at all.
 */
const dropin = {
  create(): Promise<never> {
    return Promise.reject(new Error('Payment forms are not available inside the browser extension.'));
  },
};

export default dropin;
