import { describe } from 'vitest';
import { describeAppendOnly } from './append-only.js';
import { describeAtomicBatches } from './atomic-batches.js';
import { describeConcurrency } from './concurrency.js';
import { describeCopyLedger } from './copy-ledger.js';
import type { EngineUnderTest } from './engine-under-test.js';
import { describeErasure } from './erasure.js';
import { describeHashChain } from './hash-chain.js';
import { describeIdempotency } from './idempotency.js';
import { describeMerkleTree } from './merkle-tree.js';
import { describeOfflineProofs } from './offline-proofs.js';
import { describeProjectionRebuild } from './projection-rebuild.js';
import { describeProjectionStorage } from './projection-storage.js';
import { describeReadBatches } from './read-batches.js';
import { describeReadOnly } from './read-only.js';
import { describeRecordedClock } from './recorded-clock.js';
import { describeTimeTravel } from './time-travel.js';
import { describeTransactions } from './transactions.js';
import { describeUpcasting } from './upcasting.js';

/**
 * Registers the whole engine conformance suite (vitest `describe`/`it` blocks) for one engine:
 * every guarantee the {@link EventStore} port promises, checked on a fresh isolated ledger per
 * test (and per property run), through the port and through core's `createLedger`. Call it once
 * per engine from a test file; the same suite runs on SQLite and on any engine added later.
 *
 * @example
 * ```ts
 * // packages/sqlite/src/conformance/sqlite-conformance.test.ts
 * import { describeEngineConformance } from '@perfledger/core/conformance';
 * import { sqliteEngine } from './sqlite-engine.js';
 *
 * describeEngineConformance(sqliteEngine);
 * ```
 */
export function describeEngineConformance(engine: EngineUnderTest): void {
  describe(`engine conformance: ${engine.name}`, () => {
    describeConcurrency(engine);
    describeIdempotency(engine);
    describeAtomicBatches(engine);
    describeAppendOnly(engine);
    describeHashChain(engine);
    describeTimeTravel(engine);
    describeRecordedClock(engine);
    describeUpcasting(engine);
    describeProjectionStorage(engine);
    describeProjectionRebuild(engine);
    describeReadBatches(engine);
    describeTransactions(engine);
    describeReadOnly(engine);
    describeCopyLedger(engine);
    describeMerkleTree(engine);
    describeErasure(engine);
    describeOfflineProofs(engine);
  });
}
