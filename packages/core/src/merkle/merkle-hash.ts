import * as crypto from 'node:crypto';
import { IntegrityError } from '../integrity/integrity-error.js';

/**
 * A Merkle tree hash: 64 lowercase hexadecimal characters (32 bytes of SHA-256).
 *
 * @example
 * ```ts
 * const root: MerkleHash = EMPTY_TREE_ROOT;
 * ```
 */
export type MerkleHash = string;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);
const HASH_PATTERN = /^[0-9a-f]{64}$/;

const sha256Hex: (data: Buffer) => string =
  typeof crypto.hash === 'function'
    ? (data) => crypto.hash('sha256', data, 'hex')
    : (data) => crypto.createHash('sha256').update(data).digest('hex');

/**
 * The root of the empty tree (RFC 9162 §2.1.1): SHA-256 of the empty string.
 *
 * @example
 * ```ts
 * const isEmpty = (root: MerkleHash) => root === EMPTY_TREE_ROOT;
 * ```
 */
export const EMPTY_TREE_ROOT: MerkleHash = sha256Hex(Buffer.alloc(0));

/**
 * The hash of a leaf whose input is `data` (RFC 9162 §2.1.1): SHA-256(0x00 || data).
 *
 * @example
 * ```ts
 * const hash = merkleLeafHash(new Uint8Array()); // "6e340b9c…"
 * ```
 */
export function merkleLeafHash(data: Uint8Array): MerkleHash {
  return sha256Hex(Buffer.concat([LEAF_PREFIX, data]));
}

/**
 * The leaf hash of one event: the leaf input is the event's stored chain hash as its 32 bytes.
 * Throws `IntegrityError` `PROOF_INVALID` when `eventHash` is not 64 lowercase hex characters.
 *
 * @example
 * ```ts
 * const leaf = eventLeafHash(envelope.hash);
 * ```
 */
export function eventLeafHash(eventHash: string): MerkleHash {
  return merkleLeafHash(hashBytes(eventHash, 'event hash'));
}

/**
 * The hash of an interior node (RFC 9162 §2.1.1): SHA-256(0x01 || left || right).
 *
 * @example
 * ```ts
 * const parent = merkleNodeHash(leftHash, rightHash);
 * ```
 */
export function merkleNodeHash(left: MerkleHash, right: MerkleHash): MerkleHash {
  return sha256Hex(
    Buffer.concat([NODE_PREFIX, hashBytes(left, 'left hash'), hashBytes(right, 'right hash')]),
  );
}

/**
 * True when `value` is a well-formed {@link MerkleHash}.
 *
 * @example
 * ```ts
 * if (!isMerkleHash(input)) throw new Error('not a hash');
 * ```
 */
export function isMerkleHash(value: unknown): value is MerkleHash {
  return typeof value === 'string' && HASH_PATTERN.test(value);
}

/** The 32 bytes of a hash; `PROOF_INVALID` naming `what` when it is malformed. */
export function hashBytes(value: string, what: string): Buffer {
  if (!isMerkleHash(value)) {
    throw new IntegrityError(
      'PROOF_INVALID',
      `${what} is not 64 lowercase hexadecimal characters: ${describe(value)}`,
    );
  }
  return Buffer.from(value, 'hex');
}

function describe(value: unknown): string {
  if (typeof value !== 'string') return typeof value;
  return value.length > 70 ? `${JSON.stringify(value.slice(0, 64))}…` : JSON.stringify(value);
}
