import type { ProgressCallback } from '../projections/progress.js';
import type { Projection } from '../projections/projection.js';
import type { StatusKey } from '../status/index.js';
import type { EventStore } from '../store/event-store.js';
import type { LedgerClock } from '../store/recorded-clock.js';

/**
 * How to make a ledger over a store of any engine. `@perfledger/sqlite`'s `openLedger` takes
 * these beside its engine options.
 *
 * @example
 * ```ts
 * const ledger = await createLedger({ store, projections: [quarterEndProjection] });
 * ```
 */
export interface CreateLedgerOptions {
  /** The engine's store (`sqliteStore(...)`, a PostgreSQL store, …). The ledger closes it. */
  readonly store: EventStore;
  /** Projections the ledger owns: created, rebuilt and kept up to date by it. */
  readonly projections?: readonly Projection[];
  /**
   * `'inline'` (default): projections are updated inside every append's transaction, so no reader
   * ever sees the log ahead of them. `'catch-up'`: only by `ledger.projections.catchUp()`.
   */
  readonly projectionMode?: 'inline' | 'catch-up';
  /** Status keys beyond the four built-in ones. */
  readonly statusKeys?: readonly StatusKey[];
  /** The clock `today()` reads (commands without `effectiveOn` take its date); the system clock by default. */
  readonly clock?: LedgerClock;
  /**
   * Called as the projections are brought up to date when the ledger opens (a first build or a
   * rebuild after a version change can take a while on a large ledger): for a progress bar.
   */
  readonly onProgress?: ProgressCallback;
}

/** The keys of {@link CreateLedgerOptions}. */
export const CREATE_LEDGER_KEYS = Object.freeze([
  'store',
  'projections',
  'projectionMode',
  'statusKeys',
  'clock',
  'onProgress',
] as const);
