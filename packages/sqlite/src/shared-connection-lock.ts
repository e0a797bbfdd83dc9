import { realpathSync } from 'node:fs';
import { ConnectionLock } from './connection-lock.js';

/** The lock of each ledger file that writable stores of this process have open, and how many. */
const shared = new Map<string, { readonly lock: ConnectionLock; users: number }>();

/** A connection lock for a store, and the way to give it back when the store closes. */
export interface LockLease {
  readonly lock: ConnectionLock;
  /** Gives the lease back; the last store of a file to close removes the file's lock. */
  release(): void;
}

/**
 * The connection lock a store on `file` uses. Writable stores of one file in one process share
 * one lock. better-sqlite3 waits for SQLite's write lock synchronously, blocking the thread: if
 * one connection held a write transaction across awaits while a second connection of the same
 * process began one, the second would block the very thread the first needs to commit, until
 * `LEDGER_BUSY`. Sharing the lock makes the second wait its turn asynchronously instead. Other
 * processes still meet SQLite's own lock (and the busy timeout), as before. A read-only store
 * never takes the write lock (WAL readers read a snapshot) and keeps a lock of its own, as does
 * an in-memory database, which no other connection can open.
 *
 * @example
 * ```ts
 * const { lock, release } = leaseConnectionLock('plan.db', { readonly: false });
 * ```
 */
export function leaseConnectionLock(file: string, options: { readonly readonly: boolean }): LockLease {
  const key = options.readonly || file === ':memory:' || file === '' ? undefined : keyOf(file);
  if (key === undefined) return { lock: new ConnectionLock(), release: () => {} };
  let entry = shared.get(key);
  if (entry === undefined) {
    entry = { lock: new ConnectionLock(), users: 0 };
    shared.set(key, entry);
  }
  entry.users += 1;
  const held = entry;
  let released = false;
  return {
    lock: held.lock,
    release() {
      if (released) return;
      released = true;
      held.users -= 1;
      if (held.users === 0 && shared.get(key) === held) shared.delete(key);
    },
  };
}

/** One key per file whatever the spelling (relative, through a symbolic link). */
function keyOf(file: string): string | undefined {
  try {
    return realpathSync(file);
  } catch {
    return undefined;
  }
}
