import { css } from 'lit';

/**
 * What every part of the widget shares: form controls, buttons, notices and lists. The colours are the
 * `--netscout-*` custom properties the root element declares; they inherit into each part's shadow root.
 */
export const shared = css`
  :host {
    display: block;
  }
  * {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: 3px solid var(--netscout-accent);
    outline-offset: 2px;
  }
  h3 {
    margin: 0 0 0.5rem;
    font-size: 1rem;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
  }
  .link-button {
    border: 0;
    background: none;
    padding: 0.35rem 0.6rem;
    border-radius: 6px;
    color: var(--netscout-fg);
  }
  .primary {
    border: 0;
    border-radius: 6px;
    padding: 0.55rem 1rem;
    background: var(--netscout-accent);
    color: var(--netscout-accent-fg);
    font-weight: 600;
  }
  .primary[disabled] {
    opacity: 0.7;
    cursor: progress;
  }
  .secondary {
    border: 1px solid var(--netscout-accent);
    border-radius: 6px;
    padding: 0.45rem 0.9rem;
    background: var(--netscout-bg);
    color: var(--netscout-fg);
  }
  a {
    color: var(--netscout-accent);
  }
  p {
    margin: 0 0 0.6rem;
  }
  ul {
    margin: 0 0 0.6rem;
    padding-left: 1.2rem;
  }
  .notice {
    padding: 0.6rem 0.75rem;
    border-radius: 6px;
    background: var(--netscout-surface);
    border-left: 4px solid var(--netscout-accent);
    margin-bottom: 0.75rem;
  }
  .notice.closed,
  .notice.queued {
    border-left-color: var(--netscout-warning);
  }
  .notice.error {
    border-left-color: var(--netscout-danger);
  }
  .muted {
    color: var(--netscout-muted);
  }
  label {
    display: block;
    font-weight: 600;
    margin: 0.75rem 0 0.25rem;
  }
  input,
  select,
  textarea {
    width: 100%;
    padding: 0.45rem 0.55rem;
    border: 1px solid var(--netscout-border);
    border-radius: 6px;
    background: var(--netscout-bg);
  }
  textarea {
    min-height: 7rem;
    resize: vertical;
  }
  .hint {
    color: var(--netscout-muted);
    font-size: 0.9rem;
    margin: 0.2rem 0 0;
  }
  .actions {
    margin-top: 1rem;
    display: flex;
    gap: 0.5rem;
    flex-wrap: wrap;
  }
  .list {
    list-style: none;
    padding: 0;
  }
  .list li {
    border-bottom: 1px solid var(--netscout-surface);
  }
  .list button {
    display: block;
    width: 100%;
    text-align: left;
    border: 0;
    background: none;
    padding: 0.55rem 0.25rem;
  }
  .quoted {
    white-space: pre-wrap;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;

/** The SLA badge of a case, in the list and in the case. */
export const badges = css`
  .badge {
    display: inline-block;
    padding: 0.05rem 0.5rem;
    border-radius: 999px;
    font-size: 0.8rem;
    font-weight: 700;
    border: 1px solid currentColor;
  }
  .badge.on-track,
  .badge.met {
    color: var(--netscout-success);
  }
  .badge.at-risk,
  .badge.paused {
    color: var(--netscout-warning);
  }
  .badge.breached {
    color: var(--netscout-danger);
  }
`;
