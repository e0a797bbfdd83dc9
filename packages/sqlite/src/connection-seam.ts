import type { EventStore } from '@perfledger/core';

/** Runs a PRAGMA on a store's own connection, in turn with everything else on it. */
type PragmaRunner = (pragma: string) => Promise<unknown>;

const runners = new WeakMap<EventStore, PragmaRunner>();

/** Called by each SQLite store once: how the testing seam reaches its connection. */
export function registerPragmaRunner(store: EventStore, runner: PragmaRunner): void {
  runners.set(store, runner);
}

/** The PRAGMA runner of a SQLite store; undefined for any other engine's store. */
export function pragmaRunnerOf(store: EventStore): PragmaRunner | undefined {
  return runners.get(store);
}
