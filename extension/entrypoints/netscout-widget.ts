// The custom-elements polyfill must run before the widget's classes exist: an isolated world has no
// `customElements` of its own in Chromium.
import '@webcomponents/custom-elements';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { defineNetscoutSupport } from '../../widget/src/define.js';

/**
 * The widget bundle: imported by the content script, into its isolated world, only when the customer
 * opens support. It registers `<netscout-support>` in that world's (polyfilled) registry.
 */
export default defineUnlistedScript(() => {
  defineNetscoutSupport();
});
