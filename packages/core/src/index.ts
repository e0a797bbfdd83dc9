/**
 * @packageDocumentation
 * perfledger's core: the event catalogue, the pure decider and evolver, the SQLite event store
 * with its hash chain, time travel on both time axes, and the fiscal calendar.
 */
export * from './action/index.js';
export * from './chain/index.js';
export * from './errors/index.js';
export * from './events/index.js';
export { type Upcaster, UpcasterChain } from './events/upcasters.js';
export * from './files/index.js';
export * from './integrity/index.js';
export type { AsOf } from './ledger/as-of.js';
export { type ActionQuery, Ledger, openLedger, openReadonlyLedger } from './ledger/ledger.js';
export type { OpenLedgerOptions } from './ledger/open-ledger-options.js';
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
  ReadAllOptions,
  ReadStreamOptions,
} from './store/event-store.js';
export type { Durability } from './store/open-database.js';
export {
  DEFAULT_MAX_CLOCK_JUMP_DAYS,
  formatRecordedAt,
  type LedgerClock,
  parseRecordedAt,
} from './store/recorded-clock.js';
export { APPLICATION_ID, GENESIS_HASH, SCHEMA_VERSION } from './store/schema.js';
export type { SqlDatabase, SqlStatement } from './store/sql-database.js';
export { SqliteEventStore, type SqliteEventStoreOptions } from './store/sqlite-event-store.js';
export * from './text/index.js';
export * from './time/index.js';
