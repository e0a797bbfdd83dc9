/**
 * @packageDocumentation
 * Test helpers for perfledger and for code built on it: real temp-file ledgers, a deterministic
 * clock, and given / when / then specifications for the decider. Import from
 * `@perfledger/core/testing`; nothing here is needed at run time.
 */

export { appendAsOlderBuild, type OlderBuildEvent } from './append-as-older-build.js';
export {
  DeciderSpecification,
  type DeciderSpecificationContext,
  type DeciderSpecificationThen,
  type DeciderSpecificationWhen,
  type EventInput,
  type ExpectedEvent,
  type GivenEvent,
  type WhenCommand,
} from './decider-specification.js';
export { ledgerBytes } from './ledger-bytes.js';
export { type LegacyEvent, writeLegacyEvents } from './legacy-events.js';
export { type TamperOptions, tamperWithEvent } from './tamper-with-event.js';
export {
  createTempLedger,
  type SteppingClock,
  steppingClock,
  type TempLedger,
  type TempLedgerOptions,
} from './temp-ledger.js';
