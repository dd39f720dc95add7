import { css } from 'lit';

export const styles = css`
  .comment {
    padding: 0.5rem 0;
    border-bottom: 1px solid var(--netscout-surface);
    white-space: pre-wrap;
  }
`;
