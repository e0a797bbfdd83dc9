export { canonicalEnvelope, type HashedFields } from './canonical-envelope.js';
export { type ChainRow, ChainVerifier } from './chain-verifier.js';
export { eventHash } from './event-hash.js';
export type { ChainBreak, ChainBreakKind, VerifyResult } from './verify-result.js';
