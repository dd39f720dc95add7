/**
 * One-time tickets for the support frame. The frame page is web-accessible to the service hosts, so a
 * page's script could frame it itself, without the customer's click (and then overlay or hide it). The
 * frame shows the widget only after redeeming a ticket that the content script got for the customer's
 * own click, in the same tab; a page never sees the ticket (the frame sits in a closed shadow root).
 */
/** A ticket for the support window the background opens: its tab does not exist yet when it is issued. */
export const ANY_TAB = -1;

export class FrameTickets {
  readonly #issued = new Map<string, number>();
  readonly #limit: number;

  /** `limit`: tickets kept unredeemed at most (the oldest go first), so a page clicking all day cannot grow the map. */
  constructor(limit = 16) {
    this.#limit = limit;
  }

  /** A fresh ticket for a frame in tab `tabId` ({@link ANY_TAB}: the window the background opens itself). */
  issue(tabId: number, ticket: string = crypto.randomUUID()): string {
    this.#issued.set(ticket, tabId);
    while (this.#issued.size > this.#limit) this.#issued.delete(this.#issued.keys().next().value!);
    return ticket;
  }

  /** Whether `ticket` was issued for tab `tabId` and not used yet; it cannot be used again. */
  redeem(ticket: string, tabId: number): boolean {
    const issuedFor = this.#issued.get(ticket);
    if (issuedFor === undefined) return false;
    this.#issued.delete(ticket);
    return issuedFor === tabId || issuedFor === ANY_TAB;
  }
}
