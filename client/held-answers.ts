/**
 * The last answer to each conditional read, by path, with its entity tag: a `304 Not Modified` gives back the
 * same object, so a view that reads again and again re-renders only when something changed. A 304 means the
 * server's answer for the current credentials equals the held one (the tag is a digest of the content), so it
 * may be reused whoever asked first.
 */
export class HeldAnswers {
  readonly #answers = new Map<string, { etag: string; value: unknown }>();

  /** A handful of paths at most (the list, the cases opened lately): the oldest goes first. */
  constructor(private readonly max = 20) {}

  get(path: string): { etag: string; value: unknown } | undefined {
    return this.#answers.get(path);
  }

  set(path: string, etag: string, value: unknown): void {
    this.#answers.delete(path);
    if (this.#answers.size >= this.max) this.#answers.delete(this.#answers.keys().next().value as string);
    this.#answers.set(path, { etag, value });
  }
}
