import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import type { NetscoutSupport } from '../../../widget/src/components/netscout-support/netscout-support.js';
import {
  type FragmentRequest,
  findAssistanceOption,
  fragmentRequest,
  pageHasWidget,
  serviceIdForHost,
} from '../../lib/assistance.js';
import { createLauncher } from '../../lib/launcher.js';
import { readSettings, readToken } from '../../lib/settings-reader.js';

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
    let widget: NetscoutSupport | null = null;
    let loading: Promise<NetscoutSupport | null> | null = null;
    let launcher: HTMLElement | null = null;

    /** Loads the widget bundle (only now, on the customer's request) and mounts the element once. */
    const mount = (): Promise<NetscoutSupport | null> => {
      loading ??= (async () => {
        // The page may have added its own widget since: use that one.
        if (pageHasWidget(document)) return null;
        await import(/* @vite-ignore */ browser.runtime.getURL('/netscout-widget.js'));
        const element = document.createElement('netscout-support') as NetscoutSupport;
        element.dataset.netscoutExtension = option ? 'assistance' : 'launcher';
        // The page's own assistance option opens the widget: no second, floating button. A constructed
        // sheet, so that a strict style-src on the page does not refuse it.
        if (option) {
          const sheet = new CSSStyleSheet();
          sheet.replaceSync('netscout-support[data-netscout-extension="assistance"]::part(launcher){display:none}');
          document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
        }
        const service = serviceIdForHost(location.hostname);
        if (service) element.service = service;
        element.apiBase = (await readSettings()).apiBase;
        // The token stays in extension storage and this isolated world: no page script can read it.
        element.tokenProvider = readToken;
        element.locale = browser.i18n.getUILanguage();
        document.body.append(element);
        launcher?.remove();
        widget = element;
        return element;
      })();
      return loading;
    };

    const open = async (trigger: HTMLElement | null, request: FragmentRequest = null) => {
      const element = widget ?? (await mount());
      if (!element) return;
      element.open(trigger);
      if (!request) return;
      element.show(request.view);
      if (request.view === 'cases') void openCaseRow(element, request.caseId);
    };

    const option = findAssistanceOption(document, settings.assistanceSelectors);
    if (option) {
      option.addEventListener(
        'click',
        (event) => {
          event.preventDefault();
          event.stopImmediatePropagation();
          void open(option);
        },
        { capture: true, signal: ctx.signal },
      );
    } else {
      launcher = createLauncher(browser.i18n.getMessage('launcherLabel'), (trigger) => void open(trigger));
      document.body.append(launcher);
    }

    document.documentElement.dataset.netscoutExtension = option ? 'assistance' : 'launcher';

    const onHash = () => {
      const request = fragmentRequest(location.hash);
      if (request) void open(option, request);
    };
    onHash();
    ctx.addEventListener(window, 'hashchange', onHash);
  },
});

/**
 * Opens one case in the widget's list. The widget has no public "show this case" method yet, so this
 * presses the case's row once the list has loaded (for up to ten seconds). The widget only fetches its
 * list when the cases view is shown after the customer is known: show it again once they are.
 */
async function openCaseRow(element: NetscoutSupport, caseId: string): Promise<void> {
  let listRequested = false;
  for (let attempt = 0; attempt < 100; attempt++) {
    if (!listRequested && element.me && !element.cases.list) {
      element.show('cases');
      listRequested = true;
    }
    const row = element.shadowRoot?.querySelector<HTMLButtonElement>(`button[data-case="${CSS.escape(caseId)}"]`);
    if (row) {
      row.click();
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
