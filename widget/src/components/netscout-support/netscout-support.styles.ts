import { css } from 'lit';

export const styles = css`
  :host {
    --netscout-accent: #0b5cad;
    --netscout-accent-fg: #ffffff;
    --netscout-bg: #ffffff;
    --netscout-fg: #1b1d21;
    --netscout-muted: #4d5561;
    --netscout-border: #8a929c;
    --netscout-surface: #f1f4f8;
    --netscout-danger: #a4161a;
    --netscout-success: #1d6b34;
    --netscout-warning: #7a4a00;
    --netscout-radius: 8px;
    --netscout-font: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    --netscout-width: 28rem;
    --netscout-z-index: 2147483000;
    display: contents;
    font-family: var(--netscout-font);
    color: var(--netscout-fg);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --netscout-accent: #8cc4ff;
      --netscout-accent-fg: #0b1420;
      --netscout-bg: #16191f;
      --netscout-fg: #eef1f5;
      --netscout-muted: #b9c1cc;
      --netscout-border: #7b8591;
      --netscout-surface: #222730;
      --netscout-danger: #ff9c9c;
      --netscout-success: #8fe0a6;
      --netscout-warning: #ffd27a;
    }
  }
  :host([mode='inline']) {
    display: block;
  }
  .launcher {
    position: fixed;
    right: 1.25rem;
    bottom: 1.25rem;
    z-index: var(--netscout-z-index);
    border: 0;
    border-radius: 999px;
    padding: 0.75rem 1.25rem;
    background: var(--netscout-accent);
    color: var(--netscout-accent-fg);
    font: 600 1rem var(--netscout-font);
    cursor: pointer;
    box-shadow: 0 4px 14px rgb(0 0 0 / 25%);
  }
  dialog {
    width: min(var(--netscout-width), calc(100vw - 1rem));
    max-height: calc(100dvh - 2rem);
    overflow: hidden;
    padding: 0;
    border: 1px solid var(--netscout-border);
    border-radius: var(--netscout-radius);
    background: var(--netscout-bg);
    color: var(--netscout-fg);
    font-family: var(--netscout-font);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 40%);
  }
  .panel {
    display: flex;
    flex-direction: column;
    background: var(--netscout-bg);
    color: var(--netscout-fg);
    line-height: 1.45;
    font-size: 0.95rem;
  }
  /* In the dialog, only the view scrolls: the title bar (and its Close) and the tabs stay in sight. */
  dialog .panel {
    max-height: calc(100dvh - 2rem - 2px);
  }
  :host([mode='inline']) .panel {
    border: 1px solid var(--netscout-border);
    border-radius: var(--netscout-radius);
  }
  header {
    flex: none;
    display: flex;
    align-items: center;
    justify-content: space-between;
    padding: 0.75rem 1rem;
    border-bottom: 1px solid var(--netscout-border);
  }
  h2 {
    margin: 0;
    font-size: 1.1rem;
  }
  /* One row of tabs that scrolls sideways on a narrow phone rather than wrapping into three. */
  nav {
    display: flex;
    flex: none;
    gap: 0.25rem;
    overflow-x: auto;
    scrollbar-width: thin;
    padding: 0.5rem 0.75rem;
    border-bottom: 1px solid var(--netscout-border);
  }
  .tab {
    flex: none;
    white-space: nowrap;
    border: 0;
    background: none;
    padding: 0.35rem 0.6rem;
    border-radius: 6px;
    color: var(--netscout-fg);
  }
  .tab[aria-current='page'] {
    background: var(--netscout-surface);
    font-weight: 700;
    box-shadow: inset 0 -3px 0 var(--netscout-accent);
  }
  .close {
    border: 1px solid var(--netscout-border);
    background: var(--netscout-bg);
    border-radius: 6px;
    padding: 0.25rem 0.6rem;
  }
  .body {
    padding: 1rem;
    overflow: auto;
    min-height: 0;
  }
  @media (prefers-reduced-motion: no-preference) {
    .launcher,
    .tab {
      transition: transform 120ms ease, background-color 120ms ease;
    }
    .launcher:hover {
      transform: translateY(-2px);
    }
  }
`;
