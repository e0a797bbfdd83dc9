/**
 * @packageDocumentation
 * What a storage engine needs from core, and nothing a ledger user does: the stored columns of an
 * event and how they are hashed and verified, the recorded-time clock, the event catalogue and
 * upcasting, and the validation the ledger applies to appends. Import from
 * `@perfledger/core/internal`. These exports may change in any minor release; engines in this
 * repository (`@perfledger/sqlite`) move with them.
 *
 * @example
 * ```ts
 * import { EVENT_COLUMNS, chainRowOf, ChainVerifier, eventHash, GENESIS_HASH } from '@perfledger/core/internal';
 * ```
 */

export { canonicalEnvelope, type HashedFields } from '../chain/canonical-envelope.js';
export { chainRowOf, EVENT_COLUMNS, type EventRowTuple } from '../chain/chain-row-of.js';
export { type ChainRow, type ChainStart, ChainVerifier } from '../chain/chain-verifier.js';
export { eventHash } from '../chain/event-hash.js';
export { eventCatalogue, eventTypes, isEventType } from '../events/event-catalogue.js';
export { exactText } from '../events/text-fields.js';
export { type Upcaster, UpcasterChain } from '../events/upcasters.js';
export { chainRefusal, checkChainEnds, VerifyingPass } from '../integrity/verified-chain.js';
export { leafOfHash, nodeOf } from '../merkle/merkle-hash.js';
export {
  groupPersonalRows,
  isEmptyWrites,
  mayHoldPersonalData,
  PERSONAL_DATA_FORMAT_KEY,
  type PersonalLookup,
  type PersonalRecordRow,
  type PersonalWrites,
  personalDataFormatOf,
  personalWrites,
  type RowForPersonalWrites,
} from '../personal-data/index.js';
export type { Checkpoint } from '../projections/checkpoint.js';
export type {
  ProjectionColumn,
  ProjectionColumnType,
  ProjectionIndex,
  ProjectionRow,
  ProjectionTable,
} from '../projections/projection.js';
export {
  type CopyTarget,
  checkCopiedRows,
  checkCopiedRowsShape,
  MAX_COPIED_ROWS,
} from '../store/copied-rows.js';
export { checkOptionKeys, commonStoreOptionIssues } from '../store/engine-options.js';
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
} from '../store/event-store.js';
export { prepareAppend, type RowEvent, type RowRequest, sealRowEvent } from '../store/prepare-append.js';
export {
  DEFAULT_MAX_CLOCK_JUMP_DAYS,
  type EpochMicros,
  formatRecordedAt,
  type LedgerClock,
  nextRecordedMicros,
  parseRecordedAt,
} from '../store/recorded-clock.js';
export { type FactRowTuple, RowCodec } from '../store/row-codec.js';
export { APPLICATION_ID, GENESIS_HASH } from '../store/schema.js';
export {
  appendRefusal,
  checkEffectiveOn,
  checkEventType,
  checkRequestShape,
  type PreparedEvent,
  type PreparedRequest,
  validateAppendInput,
  validateMetadata,
} from '../store/validate-append.js';
