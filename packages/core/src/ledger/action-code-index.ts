import { actionCodeKey } from '../action/action-code-key.js';
import type { EventStore } from '../store/event-store.js';

/**
 * The registered action codes by {@link actionCodeKey}, kept in step with the log: each use
 * reads only the registrations appended since the last (by this or any other process), so it
 * costs one scan of the log once per open ledger and almost nothing afterwards. Use it inside the
 * write transaction, where the log cannot change underneath.
 */
export class ActionCodeIndex {
  readonly #store: EventStore;
  readonly #codes = new Map<string, string>();
  #position = 0;

  constructor(store: EventStore) {
    this.#store = store;
  }

  /** The registered code equal to `code` ignoring case (possibly `code` itself), or undefined. */
  find(code: string): string | undefined {
    const head = this.#store.head().position;
    if (head < this.#position) {
      // Not the log this index was built from (a different file or a restore): start again.
      this.#codes.clear();
      this.#position = 0;
    }
    if (head > this.#position) {
      for (const event of this.#store.readAll({
        after: this.#position,
        upTo: head,
        types: ['ActionRegistered'],
      })) {
        const registered = event.stream.slice('action:'.length);
        const key = actionCodeKey(registered);
        if (!this.#codes.has(key)) this.#codes.set(key, registered);
      }
      this.#position = head;
    }
    return this.#codes.get(actionCodeKey(code));
  }
}
