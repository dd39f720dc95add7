import { css } from 'lit';

export const styles = css`
  [aria-invalid='true'] {
    border-color: var(--netscout-danger);
    border-width: 2px;
  }
  .field-error {
    color: var(--netscout-danger);
    margin: 0.25rem 0 0;
    font-size: 0.9rem;
  }
  progress {
    width: 100%;
  }
`;
