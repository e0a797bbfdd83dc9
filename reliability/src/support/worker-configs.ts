import type { Durability } from '@perfledger/sqlite';

/** How often an append worker chooses each kind of append. */
export interface AppendMix {
  /** `executeAll` of 1..maxBatch commands, with the batch id as idempotency key. */
  readonly exec: number;
  /** `append` of 1..3 events to one shared stream with the exact expected version. */
  readonly raw: number;
  /** `appendMany` to two shared streams, each with its exact expected version. */
  readonly multi: number;
  /** Sending an acknowledged `exec` batch again with its key: must replay, writing nothing. */
  readonly replay: number;
}

/** Everything an append worker needs, passed as JSON in argv[2]. */
export interface AppendWorkerConfig {
  readonly file: string;
  /** The worker's ack log. */
  readonly log: string;
  /** Names this worker's actions and batches; unique per worker and round. */
  readonly prefix: string;
  readonly seed: number;
  /** How many appends to make (conflict retries and replays not counted). */
  readonly batches: number;
  readonly maxBatch: number;
  readonly mix: AppendMix;
  readonly durability: Durability;
  readonly busyTimeoutMs: number;
  /** Run the standard projections inline, inside every append's transaction. */
  readonly inlineProjections: boolean;
  /** Whether the shared actions exist, so the workload may comment on them and raw-append to them. */
  readonly shared: boolean;
  /** The longest pause between reading a stream's version and appending at it, to widen races. */
  readonly raceWindowMs: number;
  /**
   * The longest pause between an append returning and its ack being written, as a client that
   * has not yet heard back: a kill in that window leaves a committed batch unacknowledged.
   */
  readonly ackDelayMs?: number;
}

/** What a projection worker runs. */
export interface ProjectionWorkerConfig {
  readonly file: string;
  readonly log: string;
  readonly mode: 'rebuild' | 'catch-up';
  readonly batchSize: number;
}

/** What the environment-fault probe tries on a file. */
export interface ProbeWorkerConfig {
  readonly file: string;
  /** Open with openReadonlyLedger instead of openLedger. */
  readonly readonly: boolean;
  /** Append this many commands of about 5 kB each in one batch (to fill a small disk). */
  readonly bigBatch: number;
}

/** What the lock holder does: a write lock, or an exclusive lock that also keeps readers out. */
export interface LockHolderConfig {
  readonly file: string;
  readonly mode: 'write' | 'exclusive';
}

/** What the output worker needs: a directory on a small file system, a ledger elsewhere, the CLI. */
export interface OutputWorkerConfig {
  /** A directory on a small, private tmpfs that the worker fills up. */
  readonly dir: string;
  /** A closed ledger with its projections built, outside that file system. */
  readonly ledger: string;
  /** The CLI's bin script, run as a child process. */
  readonly cli: string;
  /** The `report quarter` arguments that render a report of this ledger. */
  readonly reportArgs: readonly string[];
}
