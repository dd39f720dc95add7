import { LitElement } from 'lit';
import type { NetscoutEventMap } from '../events.js';
import type { PartEventMap } from './part-events.js';

type DetailOf<K extends keyof NetscoutEventMap> = NetscoutEventMap[K] extends CustomEvent<infer D> ? D : never;

/** Base of the widget's elements: a typed `emit()` whose events bubble and cross shadow roots. */
export class NetscoutElement extends LitElement {
  /** Dispatches a typed, bubbling, composed event; returns false when a listener cancelled it. */
  emit<K extends keyof NetscoutEventMap>(name: K, detail: DetailOf<K>, cancelable = false): boolean {
    return this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable }));
  }

  /** Tells the element that renders this part something (an event that never leaves the widget). */
  tell<K extends keyof PartEventMap>(name: K, detail: PartEventMap[K]): void {
    this.dispatchEvent(new CustomEvent(name, { detail }));
  }
}
