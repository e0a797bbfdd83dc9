import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { checkOutputFile } from '../files/check-output-file.js';
import { OutputFileError } from '../files/output-file-error.js';
import { writeOutputFile } from '../files/write-output-file.js';
import { IntegrityError } from './integrity-error.js';

/**
 * A new Ed25519 signing key: the private half (PKCS #8 PEM), the public half (SPKI PEM), and the
 * key id that checkpoints signed with it carry.
 *
 * @example
 * ```ts
 * const { publicKeyPem, keyId } = generateSigningKey();
 * ```
 */
export interface SigningKeyPair {
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
  /** The first 16 hex characters of the SHA-256 of the DER-encoded public key. */
  readonly keyId: string;
}

/**
 * Where {@link writeKeyPair} put the two halves.
 *
 * @example
 * ```ts
 * const { publicKeyFile, keyId }: WrittenKeyPair = writeKeyPair('keys/');
 * ```
 */
export interface WrittenKeyPair {
  /** `<name>.key`, readable by its owner only (mode 0600). */
  readonly privateKeyFile: string;
  /** `<name>.pub`, to hand to auditors. */
  readonly publicKeyFile: string;
  readonly keyId: string;
}

/**
 * Options for {@link writeKeyPair}.
 *
 * @example
 * ```ts
 * const options: WriteKeyPairOptions = { name: 'finance-2024' };
 * ```
 */
export interface WriteKeyPairOptions {
  /** The file name without extension when the target is a directory; `perfledger` by default. */
  readonly name?: string;
  /** The key to write; a new one by default. */
  readonly keyPair?: SigningKeyPair;
  /**
   * Ledger databases whose files (the database, `-wal`, `-shm`, `-journal`) must never be
   * written; a perfledger database is recognised by its content even when not listed.
   */
  readonly ledgerFiles?: readonly string[];
}

/**
 * A key as the integrity functions accept it: a `KeyObject`, or its PEM text.
 *
 * @example
 * ```ts
 * const key: KeyInput = readFileSync('keys/perfledger.pub', 'utf8'); // or loadPublicKey(...)
 * ```
 */
export type KeyInput = KeyObject | string;

/**
 * Generates a new Ed25519 signing key for checkpoints.
 *
 * @example
 * ```ts
 * const key = generateSigningKey();
 * const checkpoint = await createCheckpoint(ledger, key.privateKeyPem);
 * ```
 */
export function generateSigningKey(): SigningKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return Object.freeze({
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: keyIdOf(publicKey),
  });
}

/**
 * The key id of a key (either half): the first 16 hex characters of the SHA-256 of the
 * DER-encoded (SPKI) public key. Checkpoints carry it so a verifier can tell which key to use.
 *
 * @example
 * ```ts
 * keyIdOf(loadPublicKey('perfledger.pub')); // '3fa1c2d4e5f60718'
 * ```
 */
export function keyIdOf(key: KeyInput): string {
  const publicKey = toPublicKey(key);
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

/**
 * Writes a key pair as `<name>.key` (mode 0600) and `<name>.pub`. `target` is a directory (the
 * files are then named after `options.name`, `perfledger` by default) or a path whose `.key` or
 * `.pub` extension, if any, is replaced. Existing files are never overwritten, and nothing is
 * written unless both files can be: each is written whole through {@link writeOutputFile}, the
 * private key with mode 0600 from the moment it exists, so a failure (a full disk) leaves neither
 * file behind and a retry is not blocked.
 *
 * @throws IntegrityError `FILE_EXISTS` when either file exists.
 * @throws OutputFileError `OUTPUT_IS_LEDGER`, `OUTPUT_DIRECTORY_MISSING`, `OUTPUT_IS_DIRECTORY`,
 *   `READ_ONLY`, `STORAGE_FULL`, `STORAGE_FAILED` when a file cannot be written.
 * @example
 * ```ts
 * const { privateKeyFile, publicKeyFile, keyId } = writeKeyPair('keys/'); // keys/perfledger.key, keys/perfledger.pub
 * writeKeyPair('keys/finance-2024'); // keys/finance-2024.key, keys/finance-2024.pub
 * ```
 */
export function writeKeyPair(target: string, options: WriteKeyPairOptions = {}): WrittenKeyPair {
  const base = isDirectory(target)
    ? join(target, options.name ?? 'perfledger')
    : target.replace(/\.(key|pub)$/, '');
  const privateKeyFile = `${base}.key`;
  const publicKeyFile = `${base}.pub`;
  const ledgerFiles = options.ledgerFiles ?? [];
  for (const file of [privateKeyFile, publicKeyFile]) {
    refusingToOverwrite(file, () => checkOutputFile(file, { ledgerFiles }));
  }
  const keyPair = options.keyPair ?? generateSigningKey();
  writeNew(privateKeyFile, keyPair.privateKeyPem, 0o600, ledgerFiles);
  try {
    writeNew(publicKeyFile, keyPair.publicKeyPem, 0o644, ledgerFiles);
  } catch (error) {
    rmSync(privateKeyFile, { force: true });
    throw error;
  }
  return Object.freeze({ privateKeyFile, publicKeyFile, keyId: keyPair.keyId });
}

/**
 * Reads an Ed25519 private key (PKCS #8 PEM, as {@link writeKeyPair} writes it).
 *
 * @throws IntegrityError `KEY_INVALID` naming the file when it cannot be read or is not an Ed25519 private key.
 * @example
 * ```ts
 * const checkpoint = await createCheckpoint(ledger, loadPrivateKey('keys/perfledger.key'));
 * ```
 */
export function loadPrivateKey(file: string): KeyObject {
  const pem = readKeyFile(file);
  if (!pem.includes('PRIVATE KEY')) {
    throw new IntegrityError('KEY_INVALID', `Key file '${file}' holds no private key.`, file);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    throw new IntegrityError('KEY_INVALID', `Key file '${file}' is not a readable PEM private key.`, file, {
      cause: error,
    });
  }
  return requireEd25519(key, file);
}

/**
 * Reads an Ed25519 public key (SPKI PEM, as {@link writeKeyPair} writes it). A private key is
 * refused: auditors should only ever be handed the `.pub` file.
 *
 * @throws IntegrityError `KEY_INVALID` naming the file when it cannot be read or is not an Ed25519 public key.
 * @example
 * ```ts
 * const result = await verifyLedger(ledger, { checkpoints, publicKey: loadPublicKey('perfledger.pub') });
 * ```
 */
export function loadPublicKey(file: string): KeyObject {
  const pem = readKeyFile(file);
  if (pem.includes('PRIVATE KEY')) {
    throw new IntegrityError(
      'KEY_INVALID',
      `Key file '${file}' holds a private key; give the public key (.pub) instead, and keep the private key secret.`,
      file,
    );
  }
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (error) {
    throw new IntegrityError('KEY_INVALID', `Key file '${file}' is not a readable PEM public key.`, file, {
      cause: error,
    });
  }
  return requireEd25519(key, file);
}

/** A private key from a KeyObject or PEM text, checked to be Ed25519. */
export function toPrivateKey(key: KeyInput): KeyObject {
  let object: KeyObject;
  try {
    object = typeof key === 'string' ? createPrivateKey(key) : key;
  } catch (error) {
    throw new IntegrityError('KEY_INVALID', 'The signing key is not a readable PEM private key.', null, {
      cause: error,
    });
  }
  if (object.type !== 'private') {
    throw new IntegrityError('KEY_INVALID', 'Signing needs the private key, not the public one.');
  }
  return requireEd25519(object, null);
}

/** A public key from a KeyObject or PEM text of either half, checked to be Ed25519. */
export function toPublicKey(key: KeyInput): KeyObject {
  let object: KeyObject;
  try {
    object =
      typeof key === 'string' ? createPublicKey(key) : key.type === 'private' ? createPublicKey(key) : key;
  } catch (error) {
    throw new IntegrityError('KEY_INVALID', 'The key is not a readable PEM key.', null, { cause: error });
  }
  return requireEd25519(object, null);
}

function requireEd25519(key: KeyObject, file: string | null): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') {
    const what = file === null ? 'The key' : `Key file '${file}'`;
    throw new IntegrityError(
      'KEY_INVALID',
      `${what} is a ${key.asymmetricKeyType ?? key.type} key; perfledger signs checkpoints with Ed25519 (perfledger keygen).`,
      file,
    );
  }
  return key;
}

function readKeyFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
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
}

function writeNew(file: string, text: string, mode: number, ledgerFiles: readonly string[]): void {
  refusingToOverwrite(file, () => writeOutputFile(file, text, { mode, ledgerFiles }));
}

/** Runs `work`, turning its `FILE_EXISTS` into the `IntegrityError` key writing has always thrown. */
function refusingToOverwrite(file: string, work: () => unknown): void {
  try {
    work();
  } catch (error) {
    if (error instanceof OutputFileError && error.code === 'FILE_EXISTS') {
      throw new IntegrityError('FILE_EXISTS', `'${file}' already exists; it was not overwritten.`, file, {
        cause: error,
      });
    }
    throw error;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A short reason from a Node file-system error. */
export function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return error instanceof Error ? error.message : String(error);
}
