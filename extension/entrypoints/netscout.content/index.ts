import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import {
  type FragmentRequest,
  findAssistanceOption,
  fragmentRequest,
  pageHasWidget,
  serviceIdForHost,
} from '../../lib/assistance.js';
import { createLauncher } from '../../lib/launcher.js';
import { FRAME_CLOSED_NOTICE } from '../../lib/messages.js';
import { readSettings } from '../../lib/settings-reader.js';
import { frameSearch, type MountedFrame, mountSupportFrame, SUPPORT_FRAME_PAGE } from '../../lib/support-frame.js';

export default defineContentScript({
  matches: ['*://onetouchat.com/*', '*://*.onetouchat.com/*', '*://linksprinter.com/*', '*://*.linksprinter.com/*'],
  runAt: 'document_idle',
  async main(ctx) {
    // The page brings its own widget: leave it alone (never two widgets). The mark on <html> says what
    // the extension decided, for the page's own scripts and for tests.
    if (pageHasWidget(document)) {
      document.documentElement.dataset.netscoutExtension = 'page-widget';
      return;
    }
    const settings = await readSettings();
    let frame: MountedFrame | null = null;
    let opening = false;
    let returnFocusTo: HTMLElement | null = null;

    /**
     * Shows the support frame: the widget runs in an extension page, out of the page's reach, and reads
     * the API address and the token from extension storage itself. Nothing of it is in this page.
     */
    const open = async (trigger: HTMLElement | null, request: FragmentRequest = null) => {
      if (frame || opening) return;
      opening = true;
      try {
        const ticket: unknown = await browser.runtime.sendMessage({ type: 'support-frame-ticket' });
        if (typeof ticket !== 'string' || !ctx.isValid) return;
        const search = frameSearch({ ticket, service: serviceIdForHost(location.hostname), request });
        returnFocusTo = trigger;
        const url = browser.runtime.getURL(SUPPORT_FRAME_PAGE);
        frame = mountSupportFrame(document.body, `${url}${search}`, browser.i18n.getMessage('extName'));
      } finally {
        opening = false;
      }
    };

    const close = () => {
      frame?.remove();
      frame = null;
      returnFocusTo?.focus();
      returnFocusTo = null;
    };

    // The frame says the customer closed it (relayed by the background: only the extension can send this).
    const onMessage = (message: unknown, sender: { id?: string }) => {
      if (sender.id !== browser.runtime.id) return;
      if ((message as { type?: unknown } | null)?.type === FRAME_CLOSED_NOTICE.type) close();
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => {
      browser.runtime.onMessage.removeListener(onMessage);
      frame?.remove();
    });

    const option = findAssistanceOption(document, settings.assistanceSelectors);
    if (option) {
      option.addEventListener(
        'click',
        (event) => {
          // Only the customer's own click: a page script's `option.click()` is not trusted, and leaves the
          // page's link to do whatever it does without the extension.
          if (!event.isTrusted) return;
          event.preventDefault();
          event.stopImmediatePropagation();
          void open(option);
        },
        { capture: true, signal: ctx.signal },
      );
    } else {
      const launcher = createLauncher(browser.i18n.getMessage('launcherLabel'), (trigger) => void open(trigger));
      document.body.append(launcher);
    }

    document.documentElement.dataset.netscoutExtension = option ? 'assistance' : 'launcher';

    // The popup's and the notifications' links (`#netscout-case=…`, `#netscout-new-incident`).
    const onHash = () => {
      const request = fragmentRequest(location.hash);
      if (request) void open(option, request);
    };
    onHash();
    ctx.addEventListener(window, 'hashchange', onHash);
  },
});
