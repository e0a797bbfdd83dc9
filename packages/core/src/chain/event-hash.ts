import { createHash } from 'node:crypto';
import { canonicalEnvelope, type HashedFields } from './canonical-envelope.js';

/**
 * An event's chain hash: SHA-256 over the previous hash (64 lowercase hex characters, as ASCII)
 * followed by the UTF-8 canonical JSON of the stored envelope, as lowercase hex.
 *
 * @example
 * ```ts
 * const hash = eventHash(GENESIS_HASH, fields);
 * ```
 */
export function eventHash(prevHash: string, fields: HashedFields): string {
  return createHash('sha256').update(prevHash).update(canonicalEnvelope(fields)).digest('hex');
}
