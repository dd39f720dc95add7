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
    padding-left: 0;
    list-style: none;
  }
  /* A file's name is a download button on one line with its size and type (the conversation's list
     styles would stretch it to a block). */
  .files button {
    display: inline;
    width: auto;
    padding: 0.2rem 0.25rem;
    text-decoration: underline;
  }
  .field-error {
    color: var(--netscout-danger);
    font-size: 0.9rem;
  }
`;
