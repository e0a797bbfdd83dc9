/**
 * @packageDocumentation
 * perfledger's core, engine-neutral: the event catalogue, the pure decider and evolver, the
 * ledger over an async store port with its hash chain, time travel on both axes, projections the
 * ledger owns, the fiscal calendar, integrity tools. Engines (`@perfledger/sqlite`) implement
 * the port; engine internals are in `@perfledger/core/internal`.
 */
export * from './action/index.js';
export type { VerifyResult } from './chain/verify-result.js';
export * from './errors/index.js';
export * from './events/index.js';
export { type Upcaster, UpcasterChain } from './events/upcasters.js';
export * from './files/index.js';
export * from './integrity/index.js';
export { AS_OF_KEYS, type AsOf, type KnownAt, type ResolvedAsOf } from './ledger/as-of.js';
export type { CreateLedgerOptions } from './ledger/create-ledger-options.js';
export { type ActionQuery, createLedger, Ledger } from './ledger/ledger.js';
export { assertOptions } from './ledger/validate-arguments.js';
export * from './projections/index.js';
export * from './status/index.js';
export type {
  AppendRequest,
  AppendResult,
  EffectiveRange,
  EventFact,
  EventStore,
  InTransactionHook,
  LogHead,
  ProjectionStorage,
  QueryPort,
  ReadAllOptions,
  ReadStreamOptions,
  SqlValue,
  StoreSession,
} from './store/event-store.js';
export {
  DEFAULT_MAX_CLOCK_JUMP_DAYS,
  formatRecordedAt,
  type LedgerClock,
  parseRecordedAt,
} from './store/recorded-clock.js';
export * from './text/index.js';
export * from './time/index.js';
