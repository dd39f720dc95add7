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
`;
