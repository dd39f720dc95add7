import { css } from 'lit';

export const styles = css`
  article p {
    line-height: 1.5;
  }
`;
