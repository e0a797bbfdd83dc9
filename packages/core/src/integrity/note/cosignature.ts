import { sign } from 'node:crypto';
import { IntegrityError } from '../integrity-error.js';
import { type KeyInput, toPrivateKey, toPublicKey } from '../keys.js';
import { ed25519Verify, isSignatureBy, NOTE_SIGNATURE_TYPE, noteKeyId } from './note-keys.js';
import type { NoteSignature } from './signed-note.js';

/**
 * The message a C2SP `tlog-cosignature` v1 (Ed25519, type `0x04`) signs: `cosignature/v1`, a
 * `time <seconds>` line, then the whole checkpoint text.
 *
 * @example
 * ```ts
 * const message = cosignedMessage(checkpoint.text, 1679315147);
 * ```
 */
export function cosignedMessage(text: string, timestamp: number): Buffer {
  return Buffer.from(`cosignature/v1\ntime ${timestamp}\n${text}`, 'utf8');
}

/**
 * A witness's cosignature of a checkpoint text: the 8-byte big-endian POSIX timestamp, then an
 * Ed25519 signature over {@link cosignedMessage}.
 *
 * @throws IntegrityError `KEY_INVALID` for a key that is not an Ed25519 private key;
 *   `PROOF_INVALID` for a timestamp that is not a whole number of seconds.
 * @example
 * ```ts
 * const line = cosignCheckpointText(checkpoint.text, 'witness.example/w1', witnessKey, Math.floor(Date.now() / 1000));
 * ```
 */
export function cosignCheckpointText(
  text: string,
  name: string,
  privateKey: KeyInput,
  timestamp: number,
): NoteSignature {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new IntegrityError('PROOF_INVALID', `A cosignature time must be whole seconds, not ${timestamp}.`);
  }
  const key = toPrivateKey(privateKey);
  const bytes = Buffer.alloc(8 + 64);
  bytes.writeBigUInt64BE(BigInt(timestamp), 0);
  sign(null, cosignedMessage(text, timestamp), key).copy(bytes, 8);
  return Object.freeze({
    name,
    keyId: noteKeyId(name, NOTE_SIGNATURE_TYPE.cosignatureV1, key),
    signature: new Uint8Array(bytes),
  });
}

/**
 * Checks a cosignature line against a witness key: `'other'` when it is not this key's (name and
 * key id do not match), `'invalid'` when it is but does not verify, else the signing time.
 *
 * @example
 * ```ts
 * const verdict = checkCosignature(checkpoint.text, line, witnessPublicKey);
 * if (typeof verdict === 'number') console.log('cosigned at', new Date(verdict * 1000));
 * ```
 */
export function checkCosignature(
  text: string,
  signature: NoteSignature,
  witnessKey: KeyInput,
): number | 'other' | 'invalid' {
  const key = toPublicKey(witnessKey);
  if (!isSignatureBy(signature, key, NOTE_SIGNATURE_TYPE.cosignatureV1)) return 'other';
  if (signature.signature.length !== 72) return 'invalid';
  const bytes = Buffer.from(signature.signature);
  const time = bytes.readBigUInt64BE(0);
  if (time > BigInt(Number.MAX_SAFE_INTEGER)) return 'invalid';
  const timestamp = Number(time);
  return ed25519Verify(cosignedMessage(text, timestamp), bytes.subarray(8), key) ? timestamp : 'invalid';
}
