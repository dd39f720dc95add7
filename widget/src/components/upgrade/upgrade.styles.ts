import { css } from 'lit';

export const styles = css`
  .test-mode {
    border: 2px dashed var(--netscout-warning);
    padding: 0.6rem;
    border-radius: 6px;
    margin: 0.75rem 0;
  }
  .test-mode strong {
    color: var(--netscout-warning);
  }
  .plans {
    list-style: none;
    padding: 0;
    margin: 0.75rem 0;
    display: grid;
    gap: 0.5rem;
  }
  /* A plan is a card that reads as a choice: bordered, with its action written on it, and pressed once chosen. */
  .plan-card {
    display: grid;
    gap: 0.2rem;
    width: 100%;
    text-align: left;
    padding: 0.7rem 0.9rem;
    border: 2px solid var(--netscout-border);
    border-radius: var(--netscout-radius, 8px);
    background: var(--netscout-surface);
    color: var(--netscout-fg);
    font: inherit;
    cursor: pointer;
  }
  .plan-card:hover {
    border-color: var(--netscout-accent);
  }
  .plan-card[aria-pressed='true'] {
    border-color: var(--netscout-accent);
    box-shadow: inset 0 0 0 1px var(--netscout-accent);
  }
  .plan-card[disabled] {
    cursor: progress;
    opacity: 0.7;
  }
  .plan-action {
    justify-self: start;
    margin-top: 0.3rem;
    padding: 0.3rem 0.8rem;
    border-radius: 6px;
    background: var(--netscout-accent);
    color: var(--netscout-accent-fg);
    font-weight: 600;
  }
`;
