export { canonicalEnvelope, type HashedFields } from './canonical-envelope.js';
export { chainRowOf, EVENT_COLUMNS, type EventRowTuple } from './chain-row-of.js';
export { type ChainRow, type ChainStart, ChainVerifier } from './chain-verifier.js';
export { eventHash } from './event-hash.js';
export type { ChainBreak, ChainBreakKind, VerifyResult } from './verify-result.js';
