/**
 * A small "Support" button for homepages without an assistance option, in its own shadow root so the
 * page's styles neither reach it nor are touched by it. Only the customer's own click opens support: a
 * page script's `button.click()` is not trusted and does nothing.
 */
export function createLauncher(label: string, onOpen: (trigger: HTMLElement) => void): HTMLElement {
  const host = document.createElement('netscout-extension-launcher');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent =
    'button{position:fixed;right:16px;bottom:16px;z-index:2147483000;font:600 13px system-ui,sans-serif;' +
    'color:#fff;background:#005eb8;border:0;border-radius:18px;padding:8px 14px;cursor:pointer;' +
    'box-shadow:0 2px 6px #0004}button:focus-visible{outline:3px solid #ffbf47}';
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = label;
  button.setAttribute('data-testid', 'netscout-extension-launcher');
  button.addEventListener('click', (event) => {
    if (event.isTrusted) onOpen(button);
  });
  shadow.append(style, button);
  return host;
}
