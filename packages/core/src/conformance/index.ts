/**
 * @packageDocumentation
 * The engine conformance suite: one set of vitest tests that every storage engine behind the
 * {@link EventStore} port must pass (concurrency, idempotency, atomic batches, append-only
 * storage, the hash chain, time travel, upcasting, projections, batching, transactions,
 * read-only handles, copying a ledger). Import from `@perfledger/core/conformance` in an engine's test file;
 * `vitest` and `fast-check` must be installed (optional peer dependencies of core). The random
 * command histories the suite plays (`commandHistory`, `HISTORY_CODES`, `HISTORY_DATES`,
 * `playHistory`) are exported too, for an engine's own property tests.
 *
 * @example
 * ```ts
 * import { describeEngineConformance } from '@perfledger/core/conformance';
 * describeEngineConformance(sqliteEngine);
 * ```
 */

export type { ChainRow } from '../chain/chain-verifier.js';
export { commandHistory, HISTORY_CODES, HISTORY_DATES, playHistory } from './command-histories.js';
export { describeEngineConformance } from './describe-engine-conformance.js';
export type {
  EngineOpenOptions,
  EngineUnderTest,
  OpenedEngine,
  RawEventAccess,
  RawNodeAccess,
  StoredEventField,
  StoredValue,
} from './engine-under-test.js';
export { conformanceClock } from './fixtures.js';
