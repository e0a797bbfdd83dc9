import { AsyncLocalStorage } from 'node:async_hooks';

/** What the async context holding the lock is doing: plain exclusive use, or a transaction. */
interface Holder {
  /** False once the holder has released the lock: work it left behind queues like anyone's. */
  active: boolean;
  /** True inside `BEGIN … COMMIT`; false inside a bulk run that has not begun a transaction. */
  readonly inTransaction: boolean;
}

/**
 * Serialises the use of one SQLite connection by async callers. better-sqlite3 is synchronous, so
 * a synchronous step can never interleave with another; what must not interleave are the awaits
 * of an open transaction: while one async context has `BEGIN`-ed, every other context's call
 * waits (so it never reads the transaction's uncommitted rows, nor writes into it), and every
 * call made from inside that context (found with `AsyncLocalStorage`) runs at once, joining it.
 * Waiters are served first come, first served.
 *
 * @example
 * ```ts
 * const lock = new ConnectionLock();
 * await lock.hold({ inTransaction: true }, async () => { await lock.exclusive(() => db.prepare(sql).run()); });
 * ```
 */
export class ConnectionLock {
  readonly #context = new AsyncLocalStorage<Holder>();
  readonly #waiters: (() => void)[] = [];
  #busy = false;

  /** True when the calling async context holds the lock. */
  get held(): boolean {
    return this.#context.getStore()?.active === true;
  }

  /** True when the calling async context is inside a transaction it holds. */
  get inTransaction(): boolean {
    const holder = this.#context.getStore();
    return holder?.active === true && holder.inTransaction;
  }

  /**
   * Runs a synchronous step with the connection to itself: at once when the caller holds the
   * lock or nobody does, otherwise after the holder (and earlier waiters) are done.
   */
  exclusive<T>(step: () => T): T | Promise<T> {
    if (this.held || !this.#busy) return step();
    return this.#acquire().then(() => {
      try {
        return step();
      } finally {
        this.#release();
      }
    });
  }

  /**
   * Runs `work` holding the lock for its whole duration, awaits included; calls made from its
   * async context join. When the caller holds the lock already, `work` runs inside the holding.
   */
  async hold<T>(holding: { readonly inTransaction: boolean }, work: () => Promise<T>): Promise<T> {
    const current = this.#context.getStore();
    if (current?.active === true) {
      if (current.inTransaction || !holding.inTransaction) return work();
      // A transaction begun inside a bulk run: the lock is already ours; mark the context.
      const inner: Holder = { active: true, inTransaction: true };
      try {
        return await this.#context.run(inner, work);
      } finally {
        inner.active = false;
      }
    }
    await this.#acquire();
    const holder: Holder = { active: true, inTransaction: holding.inTransaction };
    try {
      return await this.#context.run(holder, work);
    } finally {
      holder.active = false;
      this.#release();
    }
  }

  #acquire(): Promise<void> {
    if (!this.#busy) {
      this.#busy = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  #release(): void {
    const next = this.#waiters.shift();
    // Handed straight to the next waiter: the lock never looks free while someone queues.
    if (next !== undefined) next();
    else this.#busy = false;
  }
}
