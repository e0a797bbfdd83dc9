import * as crypto from 'node:crypto';
import { canonicalEnvelope, type HashedFields } from './canonical-envelope.js';

// One-shot `crypto.hash` (Node ≥ 20.12) skips the Hash object and its two updates, which is a
// measurable share of every append and every verified row. Older Node 20 releases fall back to
// `createHash`; both hash the same UTF-8 bytes.
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text).digest('hex');

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
  return sha256Hex(prevHash + canonicalEnvelope(fields));
}
