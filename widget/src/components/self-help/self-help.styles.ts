import { css } from 'lit';

export const styles = css`
  article p {
    line-height: 1.5;
  }
  article a {
    overflow-wrap: anywhere;
  }
  [data-testid='helpful'] {
    margin-block: 1rem;
    padding-top: 0.75rem;
    border-top: 1px solid var(--netscout-border);
  }
  [data-testid='helpful'] button[aria-pressed='true'] {
    background: var(--netscout-accent);
    color: var(--netscout-accent-fg);
    font-weight: 600;
  }
  [data-testid='helpful'] [role='status']:empty {
    margin: 0;
  }
`;
