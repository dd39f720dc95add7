import { browser } from 'wxt/browser';
import { defineNetscoutSupport } from '../../../widget/src/define.js';
import type { NetscoutSupport } from '../../../widget/src/index.js';
import { readSettings, readToken } from '../../lib/settings-reader.js';
import { parseFrameSearch } from '../../lib/support-frame.js';

/**
 * The support frame: the widget, in an extension page the homepage cannot read. It shows nothing unless
 * the content script's ticket for the customer's click is good, takes the API address and the token from
 * extension storage (never through the page), and asks for the frame's removal when the customer closes it.
 * Framed in a page, it is a third-party document: where the browser blocks third-party site data, the
 * widget's outbox (IndexedDB, Web Locks) would be refused, so the widget opens in a window of its own.
 */
async function main(): Promise<void> {
  const query = parseFrameSearch(location.search);
  const accepted: unknown = await browser.runtime.sendMessage({ type: 'support-frame-redeem', ticket: query.ticket });
  // Framed by the page itself (no ticket, or one already used): stay empty.
  if (accepted !== true) {
    document.body.dataset.supportFrame = 'refused';
    return;
  }
  const framed = window.top !== window;
  if (framed && !(await siteDataAllowed())) {
    document.body.dataset.supportFrame = 'window';
    await browser.runtime.sendMessage({ type: 'support-frame-window', search: location.search });
    return;
  }

  defineNetscoutSupport();
  const element = document.createElement('netscout-support') as NetscoutSupport;
  document.documentElement.lang = browser.i18n.getUILanguage();
  element.service = query.service;
  element.apiBase = (await readSettings()).apiBase;
  element.tokenProvider = readToken;
  element.locale = browser.i18n.getUILanguage();
  element.addEventListener('netscout-close', () => {
    if (framed) void browser.runtime.sendMessage({ type: 'support-frame-closed' });
    else window.close();
  });
  document.body.append(element);
  document.body.dataset.supportFrame = 'open';
  element.open();
  if (query.request?.view === 'incident') element.showView('incident');
  if (query.request?.view === 'cases') element.openCase(query.request.caseId);
}

/** Whether this document may keep data (IndexedDB), which a framed page is refused when third-party data is blocked. */
function siteDataAllowed(): Promise<boolean> {
  return new Promise((resolve) => {
    try {
      const request = indexedDB.open('netscout-support-frame-probe');
      request.onsuccess = () => {
        request.result.close();
        resolve(true);
      };
      request.onerror = () => resolve(false);
    } catch {
      resolve(false);
    }
  });
}

void main();
