/**
 * @packageDocumentation
 * Test helpers for code on the PostgreSQL engine: the store on an in-process PGlite (no server
 * needed), the rule that finds the test server (`PERFLEDGER_POSTGRES_URL` or 127.0.0.1:5432),
 * unique ledger names and dropping what a test created. Import from
 * `@perfledger/postgres/testing`; `@electric-sql/pglite` must be installed for the PGlite seam.
 *
 * @example
 * ```ts
 * import { pgliteStore, withTestLedger, testServerUrl } from '@perfledger/postgres/testing';
 * ```
 */

export { type SteppingClock, steppingClock } from '@perfledger/core/testing';
export {
  type PgliteDatabase,
  type PgliteQueryOptions,
  type PgliteStoreOptions,
  pgliteConnector,
  pgliteStore,
} from './pglite.js';
export {
  dropLedger,
  findTestServer,
  probeTestServer,
  testServerUrl,
  uniqueLedgerName,
  withClient,
  withTestLedger,
} from './test-server.js';
