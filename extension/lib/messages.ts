/** Messages the popup and options page send to the background. */
export type BackgroundRequest =
  | { type: 'poll-now' }
  | { type: 'case-opened'; caseId: string }
  | { type: 'partner-hosts-changed' }
  // Sign-in: the background runs the web-auth window and keeps the tokens (one renewal at a time).
  | { type: 'sign-in' }
  | { type: 'sign-out' }
  | { type: 'access-token' };

/** The background's answer to `sign-in` and `sign-out`. */
export type SignInAnswer = { ok: true } | { ok: false; kind: string; message: string };

/** Narrows an unknown runtime message to a {@link BackgroundRequest}, or `null`. */
export function asBackgroundRequest(message: unknown): BackgroundRequest | null {
  if (!message || typeof message !== 'object' || !('type' in message)) return null;
  const { type } = message as { type: unknown };
  if (
    type === 'poll-now' ||
    type === 'partner-hosts-changed' ||
    type === 'sign-in' ||
    type === 'sign-out' ||
    type === 'access-token'
  )
    return { type };
  if (type === 'case-opened') {
    const caseId = (message as { caseId?: unknown }).caseId;
    return typeof caseId === 'string' && caseId ? { type, caseId } : null;
  }
  return null;
}

/**
 * Messages about the support frame. The content script asks for a ticket after the customer's click; the
 * frame redeems it before it shows anything, and says when the customer closed it (the background passes
 * that on to the tab's content script: an extension frame cannot message a content script directly). Where
 * the browser refuses the frame its storage (third-party site data blocked), the frame asks for a window.
 */
export type FrameRequest =
  | { type: 'support-frame-ticket' }
  | { type: 'support-frame-redeem'; ticket: string }
  | { type: 'support-frame-closed' }
  | { type: 'support-frame-window'; search: string };

/** What the background tells the tab's content script: remove the frame, give the focus back. */
export const FRAME_CLOSED_NOTICE = { type: 'support-frame-closed' } as const;

/** Narrows an unknown runtime message to a {@link FrameRequest}, or `null`. */
export function asFrameRequest(message: unknown): FrameRequest | null {
  if (!message || typeof message !== 'object' || !('type' in message)) return null;
  const { type } = message as { type: unknown };
  if (type === 'support-frame-ticket' || type === 'support-frame-closed') return { type };
  if (type === 'support-frame-window') {
    const search = (message as { search?: unknown }).search;
    return typeof search === 'string' ? { type, search } : null;
  }
  if (type === 'support-frame-redeem') {
    const ticket = (message as { ticket?: unknown }).ticket;
    return typeof ticket === 'string' ? { type, ticket } : null;
  }
  return null;
}
