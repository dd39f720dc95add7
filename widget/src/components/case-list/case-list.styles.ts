import { css } from 'lit';

export const styles = css`
  .list strong {
    margin-right: 0.25rem;
  }
`;
