import { css } from 'lit';

export const styles = css`
  .comment {
    padding: 0.5rem 0;
    border-bottom: 1px solid var(--netscout-surface);
  }
  /* Only the customer's and engineer's own text keeps its line breaks: on the whole item, pre-wrap kept
     the template's indentation too, and the author line sat indented under a blank line. */
  .text {
    white-space: pre-wrap;
  }
  /* Attachments (issue 16). */
  .files {
    margin: 0.3rem 0 0;
  }
  .field-error {
    color: var(--netscout-danger);
    font-size: 0.9rem;
  }
`;
