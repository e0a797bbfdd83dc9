import { createHash, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { IntegrityError } from '../integrity-error.js';
import { describeFsError, type KeyInput, loadPublicKey, toPrivateKey, toPublicKey } from '../keys.js';
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

/**
 * Ed25519 verification that answers false, never throws, for a malformed signature.
 *
 * @example
 * ```ts
 * const ok = ed25519Verify(Buffer.from(text), signature, publicKey);
 * ```
 */
export function ed25519Verify(message: Uint8Array, signature: Uint8Array, key: KeyObject): boolean {
  if (signature.length !== 64) return false;
  try {
    return verify(null, message, key, signature);
  } catch {
    return false;
  }
}

/**
 * A parsed C2SP verifier key (`<name>+<hex key id>+<base64(type || Ed25519 public key)>`).
 *
 * @example
 * ```ts
 * const { name, type, publicKey } = parseVerifierKey('witness.example/w1+1a2b3c4d+BOvN…');
 * ```
 */
export interface VerifierKey {
  readonly name: string;
  readonly keyId: number;
  /** `0x01` (note signatures) or `0x04` (cosignatures). */
  readonly type: number;
  readonly publicKey: KeyObject;
}

/**
 * Parses a verifier key of an Ed25519 note key (type `0x01`) or cosigner key (type `0x04`), and
 * checks its key id.
 *
 * @throws IntegrityError `KEY_INVALID` naming the problem.
 * @example
 * ```ts
 * const witness = parseVerifierKey(readFileSync('w1.vkey', 'utf8').trim());
 * ```
 */
export function parseVerifierKey(text: string): VerifierKey {
  const fail = (problem: string): never => {
    throw new IntegrityError('KEY_INVALID', `Not a verifier key: ${problem}.`);
  };
  const first = text.indexOf('+');
  const second = text.indexOf('+', first + 1);
  if (first <= 0 || second < 0) fail('it must be <name>+<key id>+<key>');
  const name = text.slice(0, first);
  const id = text.slice(first + 1, second);
  const material = Buffer.from(text.slice(second + 1), 'base64');
  if (!/^[0-9a-f]{8}$/.test(id)) fail('the key id must be 8 lowercase hex characters');
  if (material.toString('base64') !== text.slice(second + 1)) fail('the key is not canonical base64');
  if (material.length !== 33) fail('the key must be a type byte and 32 bytes of Ed25519 public key');
  const type = material[0] as number;
  if (type !== NOTE_SIGNATURE_TYPE.ed25519 && type !== NOTE_SIGNATURE_TYPE.cosignatureV1) {
    fail(
      `signature type 0x${type.toString(16).padStart(2, '0')} is not Ed25519 (0x01) or an Ed25519 cosignature (0x04)`,
    );
  }
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: material.subarray(1).toString('base64url') },
      format: 'jwk',
    });
  } catch (error) {
    return fail(`the key is not an Ed25519 public key (${String(error)})`);
  }
  const keyId = Number.parseInt(id, 16);
  if (noteKeyId(name, type, publicKey) !== keyId)
    fail(`the key id ${id} is not the one its name and key give`);
  return Object.freeze({ name, keyId, type, publicKey });
}

/**
 * Loads a public key file in either form: PEM (as `perfledger keygen` writes) or a one-line C2SP
 * verifier key (as other transparency-log tools publish).
 *
 * @throws IntegrityError `KEY_INVALID` naming the file.
 * @example
 * ```ts
 * const witnessKey = loadAnyPublicKey('witness-w1.pub');
 * ```
 */
export function loadAnyPublicKey(file: string): KeyObject {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new IntegrityError(
      'KEY_INVALID',
      `Cannot read key file '${file}': ${describeFsError(error)}.`,
      file,
      {
        cause: error,
      },
    );
  }
  if (text.includes('-----BEGIN')) return loadPublicKey(file);
  try {
    return parseVerifierKey(text.trim()).publicKey;
  } catch (error) {
    throw new IntegrityError(
      'KEY_INVALID',
      `Key file '${file}' is neither a PEM public key nor a verifier key: ${(error as Error).message}`,
      file,
      { cause: error },
    );
  }
}
