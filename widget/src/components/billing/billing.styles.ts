import { css } from 'lit';

export const styles = css`
  .receipt dl,
  .charge dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.2rem 0.75rem;
    margin: 0;
  }
  dt {
    color: var(--netscout-muted);
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .receipt,
  .charge {
    border: 1px solid var(--netscout-border);
    border-radius: var(--netscout-radius, 8px);
    padding: 0.6rem 0.75rem;
    margin: 0.5rem 0;
  }
  .charge .receipt {
    border: 0;
    padding: 0;
    margin: 0;
  }
  .history {
    list-style: none;
    padding: 0;
    margin: 0;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-top: 0.5rem;
  }
  .danger {
    border: 1px solid var(--netscout-danger);
    border-radius: 6px;
    padding: 0.45rem 0.9rem;
    background: var(--netscout-bg);
    color: var(--netscout-fg);
  }
`;
