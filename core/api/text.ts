// Rules for the text customers and engineers write, shared by every text field of the contract.
import type { ContractZod } from './contract.js';

/**
 * Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). In a subject they make
 * "gpj.exe" read as "exe.jpg" to the engineer; no support text needs them, so they are removed from every
 * text field, as they already are from attachment names. Marks (U+200E, U+200F) are kept: they only nudge
 * punctuation in right-to-left text.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** Removes bidirectional controls from customer or agent text. */
export function stripBidiControls(value: string): string {
  return value.replace(BIDI_CONTROLS, '');
}

/**
 * Characters that print: letters, marks, digits, punctuation and symbols, less the letters that render
 * as blanks (Hangul fillers, the Braille blank) that fill a field without saying anything.
 */
const VISIBLE = /(?![\u115F\u1160\u3164\uFFA0\u2800])[\p{L}\p{M}\p{N}\p{P}\p{S}]/gu;

/** How many characters of `value` a reader can see. */
export function countVisible(value: string): number {
  return value.match(VISIBLE)?.length ?? 0;
}

/**
 * The contract's two kinds of free text, built with the zod functions it is given: `line` (one line, no control
 * characters at all) and `text` (several lines: tabs and line breaks allowed). Both are trimmed, lose their
 * bidirectional controls, and need `min` visible characters.
 */
export function textFields(z: ContractZod) {
  /**
   * A minimum of visible characters, checked once the raw length is met (so a short value gets one
   * message, not two): zero-width and blank-looking characters fill a field without saying anything.
   */
  const visible = (min: number) =>
    z.superRefine((value: string, ctx) => {
      if (value.length >= min && countVisible(value) < min) {
        ctx.addIssue({
          code: 'custom',
          message: `must contain at least ${min} visible characters`,
          params: { minimumVisible: min },
          input: value,
        });
      }
    });
  const printable = (min: number, max: number, allowed: RegExp) =>
    z
      .string()
      .check(
        z.overwrite(stripBidiControls),
        z.trim(),
        z.minLength(min, `must be at least ${min} characters`),
        z.maxLength(max, `must be at most ${max} characters`),
        z.regex(allowed, 'must not contain control characters'),
        visible(min),
      );
  return {
    line: (min: number, max: number) => printable(min, max, /^[^\p{Cc}\p{Cs}]*$/u),
    text: (min: number, max: number) => printable(min, max, /^(?:[\t\n\r]|[^\p{Cc}\p{Cs}])*$/u),
  };
}
