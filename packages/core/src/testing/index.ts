/**
 * @packageDocumentation
 * Engine-neutral test helpers for perfledger and for code built on it: a deterministic clock,
 * given / when / then specifications for the decider, and a byte comparison of a ledger file.
 * Import from `@perfledger/core/testing`; nothing here is needed at run time. Helpers that touch
 * SQLite files (temp ledgers, legacy writes, tampering) live in `@perfledger/sqlite/testing`.
 */

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
export { type SteppingClock, steppingClock } from './stepping-clock.js';
