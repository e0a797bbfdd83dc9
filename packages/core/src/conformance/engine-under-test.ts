import type { ChainRow } from '../chain/chain-verifier.js';
import type { Upcaster } from '../events/upcasters.js';
import type { EventStore } from '../store/event-store.js';
import type { LedgerClock } from '../store/recorded-clock.js';

/**
 * How the conformance suite asks an engine for a fresh ledger: the engine options every engine
 * takes (see `openLedger`), nothing engine-specific.
 *
 * @example
 * ```ts
 * const opened = await engine.open({ clock: conformanceClock(), maxClockJumpDays: 30 });
 * ```
 */
export interface EngineOpenOptions {
  /** Where recorded times come from; the system clock when omitted. */
  readonly clock?: LedgerClock;
  /** How far ahead of the last recorded time the clock may read. */
  readonly maxClockJumpDays?: number;
  /** Upcasters the store applies when it reads older schema versions. */
  readonly upcasters?: readonly Upcaster[];
}

/** One stored field of an event: a key of the hash chain's row (`position`, `dataJson`, `hash`, …). */
export type StoredEventField = keyof ChainRow;

/** A stored field's raw value: text, an integer, or NULL. */
export type StoredValue = string | number | null;

/**
 * Access to the ledger's stored events from outside the library, the way another client of the
 * same database could reach them. The suite uses it to prove that the database itself, not the
 * library, keeps the log append-only, and that verification catches whatever an owner of the
 * database could still do.
 *
 * @example
 * ```ts
 * await expect(opened.raw.tryUpdate(1, 'dataJson', '{}')).rejects.toThrow();
 * await opened.raw.tamper(1, { dataJson: '{"comment":"forged"}' });
 * ```
 */
export interface RawEventAccess {
  /**
   * Runs the engine's plain `UPDATE` of one stored field of the event at `position`, as an
   * ordinary client with write access (no schema change, no privilege beyond the ledger's own).
   * The database must refuse it: the promise must reject and the row stay as it was.
   */
  tryUpdate(position: number, field: StoredEventField, value: StoredValue): Promise<void>;
  /** Runs the engine's plain `DELETE` of the event at `position`; the database must refuse it. */
  tryDelete(position: number): Promise<void>;
  /**
   * Writes a row with other content over the event at `position` with the engine's upsert form
   * (SQLite `INSERT OR REPLACE`, PostgreSQL `INSERT … ON CONFLICT DO UPDATE`): an update in
   * disguise. The database must refuse it.
   */
  tryReplace(
    position: number,
    changes: Readonly<Partial<Record<StoredEventField, StoredValue>>>,
  ): Promise<void>;
  /**
   * Alters stored fields of one event as the database's owner could, getting past the
   * append-only protection (dropping and restoring triggers, rules or grants). Hashes are not
   * recomputed. The protection is in place again when the promise resolves.
   */
  tamper(position: number, changes: Readonly<Partial<Record<StoredEventField, StoredValue>>>): Promise<void>;
  /** Removes the event at `position` as the database's owner could (the recorded head is left alone). */
  tamperDelete(position: number): Promise<void>;
  /**
   * Inserts rows exactly as given after the head (they continue the chain: the suite computes
   * their hashes) and moves the recorded head to the last of them: how an older build stored
   * events. Used to store an older schema version for the upcasting tests.
   */
  appendRows(rows: readonly ChainRow[]): Promise<void>;
  /** The same access to the stored Merkle tree nodes (level ≥ 1). */
  readonly nodes: RawNodeAccess;
}

/**
 * Access to the stored nodes of the ledger's Merkle tree from outside the library, as another
 * client of the database could reach them: the plain writes the database must refuse, and the
 * owner's tampering that gets past the protection.
 *
 * @example
 * ```ts
 * await expect(opened.raw.nodes.tryUpdate(1, 0, 'f'.repeat(64))).rejects.toThrow();
 * await opened.raw.nodes.tamper(1, 0, 'f'.repeat(64));
 * ```
 */
export interface RawNodeAccess {
  /** A plain `UPDATE` of the stored node's hash; the database must refuse it. */
  tryUpdate(level: number, index: number, hash: string): Promise<void>;
  /** A plain `DELETE` of the stored node; the database must refuse it. */
  tryDelete(level: number, index: number): Promise<void>;
  /** The engine's upsert form over the stored node; the database must refuse it. */
  tryReplace(level: number, index: number, hash: string): Promise<void>;
  /** Overwrites the stored node's hash as the database's owner could; the protection is restored. */
  tamper(level: number, index: number, hash: string): Promise<void>;
  /** Every stored node, as `level/index` → hash, read directly from the table. */
  all(): Promise<Record<string, string>>;
}

/**
 * A fresh, isolated ledger on the engine under test (a temp file for SQLite, a schema of its
 * own on PostgreSQL), and the ways the suite reaches it.
 *
 * @example
 * ```ts
 * const opened = await engine.open({});
 * try { await opened.store.append(requests); } finally { await opened.dispose(); }
 * ```
 */
export interface OpenedEngine {
  /** A read-write store on the ledger. */
  readonly store: EventStore;
  /** Opens a second read-write store (another connection) on the same ledger. */
  reopen(options?: EngineOpenOptions): Promise<EventStore>;
  /** Opens a read-only store on the same ledger: every write must fail with `READ_ONLY`. */
  reopenReadonly(options?: EngineOpenOptions): Promise<EventStore>;
  /** Raw access to the stored events. */
  readonly raw: RawEventAccess;
  /**
   * Closes every store opened through this handle and removes the ledger. A ledger made over a
   * store closes it too, so closing a store twice must be harmless.
   */
  dispose(): Promise<void>;
}

/**
 * An engine the conformance suite runs against: a name for the test titles and a way to open a
 * fresh ledger. Implement it once per engine and call {@link describeEngineConformance} with it.
 *
 * @example
 * ```ts
 * const sqliteEngine: EngineUnderTest = {
 *   name: 'sqlite',
 *   open: async (options) => openTempSqliteLedger(options),
 * };
 * describeEngineConformance(sqliteEngine);
 * ```
 */
export interface EngineUnderTest {
  /** Shown in every test title: `engine conformance: sqlite`. */
  readonly name: string;
  /** Opens a fresh, empty, isolated ledger. */
  open(options?: EngineOpenOptions): Promise<OpenedEngine>;
  /**
   * How many runs each property test makes (each run opens a fresh ledger); 20 when omitted.
   * A slower engine (a server round trip per statement) may ask for fewer.
   */
  readonly propertyRuns?: number;
}
