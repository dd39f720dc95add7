import { css } from 'lit';

export const styles = css`
  .list strong {
    margin-right: 0.25rem;
  }
  .badge.unread {
    color: var(--netscout-accent);
  }
  label,
  select {
    display: inline-block;
    width: auto;
    margin: 0 0.5rem 0.6rem 0;
  }
`;
