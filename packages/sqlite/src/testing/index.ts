/**
 * @packageDocumentation
 * Test helpers for code on the SQLite engine: real temp-file ledgers, events written as an older
 * build would have, tampering behind the library's back, and the bytes of a ledger file. Import
 * from `@perfledger/sqlite/testing`; nothing here is needed at run time. Engine-neutral helpers
 * (the decider specification, the stepping clock) are in `@perfledger/core/testing`.
 *
 * @example
 * ```ts
 * import { createTempLedger, steppingClock } from '@perfledger/sqlite/testing';
 * const temp = await createTempLedger({ clock: steppingClock('2024-01-15T09:00:00Z') });
 * ```
 */

export { ledgerBytes, type SteppingClock, steppingClock } from '@perfledger/core/testing';
export { appendAsOlderBuild, type OlderBuildEvent } from './append-as-older-build.js';
export { ledgerPragma } from './ledger-pragma.js';
export { type LegacyEvent, writeLegacyEvents } from './legacy-events.js';
export { completeStoredTree, rebuildStoredTree } from './stored-tree.js';
export { type TamperOptions, tamperWithEvent } from './tamper-with-event.js';
export { createTempLedger, type TempLedger, type TempLedgerOptions } from './temp-ledger.js';
