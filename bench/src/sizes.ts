import type { AppendBatchSize } from './append-batch.js';
import type { AppendSingleSize } from './append-single.js';
import type { EmmettSize } from './emmett.js';
import type { ImportSize } from './import-snapshot.js';
import type { MerkleAppendSize } from './merkle.js';
import type { PostgresSize } from './postgres.js';
import type { WorkloadShape } from './realistic-events.js';

/** How big each case runs: the sizes, or reduced ones for `--quick`. */
export interface BenchSizes {
  readonly mode: 'full' | 'quick';
  readonly appendBatch: AppendBatchSize;
  readonly appendSingle: AppendSingleSize;
  /** The normal-durability append-single row needs no fsyncs, so it can afford the full count. */
  readonly appendSingleNormal: AppendSingleSize;
  /** The ledger `read-stream` folds. */
  readonly readStream: WorkloadShape;
  /** Ledgers rebuilt, smallest first; the last is also the one `quarter-report` and `verify` read. */
  readonly rebuild: readonly WorkloadShape[];
  readonly verifyRepeats: number;
  readonly reportRepeats: number;
  readonly emmett: EmmettSize;
  /** Snapshot imports (rows/s, peak RSS) and the file refused up front. */
  readonly import: ImportSize;
  /** The PostgreSQL cases (`pg-append`, `pg-parallel`); `pg-rebuild` uses the largest `rebuild` ledger (the smallest with `--quick`). */
  readonly postgres: PostgresSize;
  /** `merkle-append`: single appends (`actions × rounds`) and batches of `batch`, at durability normal. */
  readonly merkleAppend: MerkleAppendSize;
  /** `merkle-proof`: proofs of each kind on the largest `rebuild` ledger. */
  readonly merkleProofs: number;
}

/** The sizes: 100 000 batched and 20 000 single appends, 1 000 actions, rebuilds at 100k and 1M. */
export const FULL: BenchSizes = {
  mode: 'full',
  appendBatch: { actions: 1_000, rounds: 100 },
  appendSingle: { actions: 1_000, rounds: 20 },
  appendSingleNormal: { actions: 1_000, rounds: 20 },
  readStream: { actions: 1_000, eventsPerAction: 100 },
  rebuild: [
    { actions: 1_000, eventsPerAction: 100 },
    { actions: 10_000, eventsPerAction: 100 },
  ],
  verifyRepeats: 2,
  reportRepeats: 5,
  emmett: { appends: 5_000, rounds: 20, readActions: 1_000, readEventsPerAction: 100 },
  import: { rows: [10_000, 100_000], refusedRows: 1_000_000 },
  postgres: { singleAppends: 5_000, batch: { actions: 1_000, rounds: 50 }, parallelAppends: 1_000 },
  merkleAppend: { actions: 1_000, rounds: 20, batch: 1_000 },
  merkleProofs: 5_000,
};

/** `--quick`: the same cases on reduced sizes, in well under two minutes once Emmett is installed. */
export const QUICK: BenchSizes = {
  mode: 'quick',
  appendBatch: { actions: 1_000, rounds: 20 },
  appendSingle: { actions: 100, rounds: 10 },
  appendSingleNormal: { actions: 1_000, rounds: 5 },
  readStream: { actions: 1_000, eventsPerAction: 100 },
  rebuild: [
    { actions: 1_000, eventsPerAction: 20 },
    { actions: 1_000, eventsPerAction: 100 },
  ],
  verifyRepeats: 2,
  reportRepeats: 3,
  emmett: { appends: 1_000, rounds: 20, readActions: 100, readEventsPerAction: 100 },
  import: { rows: [1_000, 10_000], refusedRows: 1_000_000 },
  postgres: { singleAppends: 500, batch: { actions: 1_000, rounds: 10 }, parallelAppends: 200 },
  merkleAppend: { actions: 1_000, rounds: 5, batch: 1_000 },
  merkleProofs: 1_000,
};
