import { createHash, type KeyObject, sign, verify } from 'node:crypto';
import { type KeyInput, toPrivateKey, toPublicKey } from '../keys.js';
import { assertKeyName, type NoteSignature } from './signed-note.js';

/**
 * The signature type bytes of the C2SP `signed-note` registry that perfledger uses: `0x01` for a
 * log's Ed25519 note signature, `0x04` for a witness's timestamped Ed25519 cosignature.
 *
 * @example
 * ```ts
 * const id = noteKeyId('perfledger/0f8e…', NOTE_SIGNATURE_TYPE.ed25519, publicKey);
 * ```
 */
export const NOTE_SIGNATURE_TYPE = Object.freeze({ ed25519: 0x01, cosignatureV1: 0x04 } as const);

/**
 * The 32 raw bytes of an Ed25519 public key (RFC 8032 encoding), from either half of a key pair.
 *
 * @throws IntegrityError `KEY_INVALID` when the key is not Ed25519.
 * @example
 * ```ts
 * const raw = rawEd25519PublicKey(loadPublicKey('perfledger.pub')); // 32 bytes
 * ```
 */
export function rawEd25519PublicKey(key: KeyInput): Uint8Array {
  const jwk = toPublicKey(key).export({ format: 'jwk' });
  return new Uint8Array(Buffer.from(String(jwk.x), 'base64url'));
}

/**
 * A note key id: the first four bytes (big-endian) of SHA-256(name || 0x0A || type || raw public key).
 *
 * @throws IntegrityError `CHECKPOINT_INVALID` for an invalid key name; `KEY_INVALID` for a non-Ed25519 key.
 * @example
 * ```ts
 * const id = noteKeyId('witness.example/w1', NOTE_SIGNATURE_TYPE.cosignatureV1, witnessPublicKey);
 * ```
 */
export function noteKeyId(name: string, type: number, key: KeyInput): number {
  assertKeyName(name);
  const digest = createHash('sha256')
    .update(Buffer.from(name, 'utf8'))
    .update(Buffer.from([0x0a, type]))
    .update(rawEd25519PublicKey(key))
    .digest();
  return digest.readUInt32BE(0);
}

/**
 * The C2SP verifier key of an Ed25519 note key: `<name>+<hex key id>+<base64(0x01 || public key)>`,
 * the one-line form other signed-note tools are configured with.
 *
 * @example
 * ```ts
 * console.log(verifierKey('perfledger/0f8e…', loadPublicKey('perfledger.pub')));
 * ```
 */
export function verifierKey(name: string, key: KeyInput, type: number = NOTE_SIGNATURE_TYPE.ed25519): string {
  const id = noteKeyId(name, type, key).toString(16).padStart(8, '0');
  const material = Buffer.concat([Buffer.from([type]), rawEd25519PublicKey(key)]).toString('base64');
  return `${name}+${id}+${material}`;
}

/**
 * Signs a note text with an Ed25519 key under `name` (signature type `0x01`).
 *
 * @throws IntegrityError `KEY_INVALID` when the key is not an Ed25519 private key.
 * @example
 * ```ts
 * const signature = signNoteText(text, 'perfledger/0f8e…', loadPrivateKey('perfledger.key'));
 * ```
 */
export function signNoteText(text: string, name: string, privateKey: KeyInput): NoteSignature {
  const key = toPrivateKey(privateKey);
  return Object.freeze({
    name,
    keyId: noteKeyId(name, NOTE_SIGNATURE_TYPE.ed25519, key),
    signature: new Uint8Array(sign(null, Buffer.from(text, 'utf8'), key)),
  });
}

/**
 * Whether a signature line is by this key under its name: the name and key id match. Such a
 * signature must then verify; others are ignored, as the signed-note specification requires.
 *
 * @example
 * ```ts
 * const mine = note.signatures.filter((s) => isSignatureBy(s, publicKey, NOTE_SIGNATURE_TYPE.ed25519));
 * ```
 */
export function isSignatureBy(signature: NoteSignature, key: KeyInput, type: number): boolean {
  try {
    return signature.keyId === noteKeyId(signature.name, type, key);
  } catch {
    return false;
  }
}

/**
 * Verifies an Ed25519 note signature (type `0x01`) over `text`: false when the line is not this
 * key's, or does not verify.
 *
 * @example
 * ```ts
 * const ok = note.signatures.some((s) => verifyNoteSignature(note.text, s, publicKey));
 * ```
 */
export function verifyNoteSignature(text: string, signature: NoteSignature, key: KeyInput): boolean {
  const publicKey = toPublicKey(key);
  if (!isSignatureBy(signature, publicKey, NOTE_SIGNATURE_TYPE.ed25519)) return false;
  return ed25519Verify(Buffer.from(text, 'utf8'), signature.signature, publicKey);
}

/** Ed25519 verification that answers false, never throws, for a malformed signature. */
export function ed25519Verify(message: Uint8Array, signature: Uint8Array, key: KeyObject): boolean {
  if (signature.length !== 64) return false;
  try {
    return verify(null, message, key, signature);
  } catch {
    return false;
  }
}
