/** Messages the popup and options page send to the background. */
export type BackgroundRequest =
  | { type: 'poll-now' }
  | { type: 'case-opened'; caseId: string }
  | { type: 'partner-hosts-changed' };

/** Narrows an unknown runtime message to a {@link BackgroundRequest}, or `null`. */
export function asBackgroundRequest(message: unknown): BackgroundRequest | null {
  if (!message || typeof message !== 'object' || !('type' in message)) return null;
  const { type } = message as { type: unknown };
  if (type === 'poll-now' || type === 'partner-hosts-changed') return { type };
  if (type === 'case-opened') {
    const caseId = (message as { caseId?: unknown }).caseId;
    return typeof caseId === 'string' && caseId ? { type, caseId } : null;
  }
  return null;
}
