import { sign, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import canonicalize from 'canonicalize';
import { z } from 'zod';
import { OutputFileError } from '../files/output-file-error.js';
import { writeOutputFile } from '../files/write-output-file.js';
import type { Ledger } from '../ledger/ledger.js';
import { GENESIS_HASH } from '../store/schema.js';
import { IntegrityError } from './integrity-error.js';
import { describeFsError, type KeyInput, keyIdOf, toPrivateKey, toPublicKey } from './keys.js';

/**
 * The `format` of every checkpoint this version writes. A later, incompatible format gets a new
 * number; readers refuse formats they do not know.
 *
 * @example
 * ```ts
 * if (json.format !== CHECKPOINT_FORMAT) throw new Error('not a perfledger checkpoint');
 * ```
 */
export const CHECKPOINT_FORMAT = 'perfledger-checkpoint/1';

const HEX_64 = /^[0-9a-f]{64}$/;
const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?Z$/;

/**
 * The checkpoint document, as written to disk and read back (see docs/auditors-guide.md). The
 * signature is Ed25519 over the UTF-8 bytes of the RFC 8785 canonical JSON of every other field.
 * Unknown fields are refused: they would not be covered by the signature.
 *
 * @example
 * ```ts
 * const checkpoint = signedCheckpointSchema.parse(JSON.parse(text));
 * ```
 */
export const signedCheckpointSchema = z
  .strictObject({
    format: z.literal(CHECKPOINT_FORMAT),
    /** The ledger's origin UUID (`ledger.origin()`). */
    origin: z
      .string()
      .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a UUID'),
    /** The head's position: the number of events the checkpoint covers. */
    size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    /** The hash of the event at `size` (64 zeros when `size` is 0). */
    headHash: z.string().regex(HEX_64, 'must be 64 lowercase hex characters'),
    /** When the head event was recorded; null for an empty log. */
    recordedAt: z.string().regex(INSTANT, 'must be a UTC instant').nullable(),
    /** When the checkpoint was signed. */
    issuedAt: z.string().regex(INSTANT, 'must be a UTC instant'),
    keyId: z.string().regex(/^[0-9a-f]{16}$/, 'must be 16 lowercase hex characters'),
    signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'must be a base64 Ed25519 signature'),
  })
  .refine(
    (c) => c.size > 0 || (c.headHash === GENESIS_HASH && c.recordedAt === null),
    'an empty log (size 0) has the genesis head hash and no recorded time',
  );

/**
 * A signed statement of a ledger's head: which ledger, how many events, the head's hash, and when.
 * Because every event's hash commits to all earlier ones, a checkpoint pins the whole history up
 * to `size`: any later copy of the log must still hash to `headHash` at that position.
 *
 * @example
 * ```ts
 * const checkpoint: SignedCheckpoint = readCheckpoint('cp-2024-01-15.json');
 * console.log(checkpoint.size, checkpoint.headHash);
 * ```
 */
export type SignedCheckpoint = Readonly<z.output<typeof signedCheckpointSchema>>;

/**
 * Options for {@link createCheckpoint}.
 *
 * @example
 * ```ts
 * const options: CreateCheckpointOptions = { issuedAt: new Date('2024-01-15T18:00:00Z') };
 * ```
 */
export interface CreateCheckpointOptions {
  /** The signing time; now by default. */
  readonly issuedAt?: Date;
  /**
   * Walk the hash chain first and refuse to sign a broken log (true by default). Turn it off
   * only when the chain was verified just before.
   */
  readonly verifyChain?: boolean;
}

/**
 * Signs a checkpoint of the ledger's current head with an Ed25519 private key. The chain is
 * verified first: a checkpoint vouches for the history, so a broken one is never signed. Works on
 * a read-only ledger.
 *
 * @throws IntegrityError `CHAIN_BROKEN` when the chain does not verify; `KEY_INVALID` for a bad key.
 * @example
 * ```ts
 * const checkpoint = await createCheckpoint(ledger, loadPrivateKey('keys/perfledger.key'));
 * writeCheckpoint(`cp-${checkpoint.issuedAt.slice(0, 10)}.json`, checkpoint);
 * ```
 */
export async function createCheckpoint(
  ledger: Ledger,
  privateKey: KeyInput,
  options: CreateCheckpointOptions = {},
): Promise<SignedCheckpoint> {
  const key = toPrivateKey(privateKey);
  // The head first: the chain walk that follows covers at least this far, even if others append.
  const head = await ledger.head();
  if (options.verifyChain ?? true) {
    const chain = await ledger.verify();
    if (!chain.ok) {
      throw new IntegrityError(
        'CHAIN_BROKEN',
        `Refusing to sign a checkpoint of '${ledger.location}': its hash chain is broken (${chain.break.message}).`,
      );
    }
    if ((await ledger.store.hashAt(head.position)) !== head.hash) {
      throw new IntegrityError(
        'CHAIN_BROKEN',
        `Refusing to sign a checkpoint of '${ledger.location}': its recorded head does not match the event at position ${head.position}.`,
      );
    }
  }
  const unsigned = {
    format: CHECKPOINT_FORMAT,
    origin: await ledger.origin(),
    size: head.position,
    headHash: head.hash,
    recordedAt: head.position === 0 ? null : head.recordedAt,
    issuedAt: (options.issuedAt ?? new Date()).toISOString(),
    keyId: keyIdOf(key),
  } as const;
  const signature = sign(null, signedBytes(unsigned), key).toString('base64');
  return Object.freeze({ ...unsigned, signature });
}

/**
 * Verifies a checkpoint's signature with a public key: true only when the checkpoint names this
 * key's id and the signature covers exactly its fields. It says nothing about any ledger; see
 * {@link verifyLedger} for that.
 *
 * @throws IntegrityError `KEY_INVALID` when the key is not an Ed25519 key.
 * @example
 * ```ts
 * if (!verifyCheckpointSignature(checkpoint, loadPublicKey('perfledger.pub'))) console.error('forged or altered');
 * ```
 */
export function verifyCheckpointSignature(checkpoint: SignedCheckpoint, publicKey: KeyInput): boolean {
  const key = toPublicKey(publicKey);
  if (checkpoint.keyId !== keyIdOf(key)) return false;
  const { signature, ...unsigned } = checkpoint;
  try {
    return verify(null, signedBytes(unsigned), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/**
 * Validates a checkpoint already parsed from JSON (from a file, a database, an email).
 *
 * @throws IntegrityError `CHECKPOINT_INVALID` naming `label` and every problem.
 * @example
 * ```ts
 * const checkpoint = parseCheckpoint(JSON.parse(body), 'checkpoint from the auditor');
 * ```
 */
export function parseCheckpoint(value: unknown, label = 'The checkpoint'): SignedCheckpoint {
  const parsed = signedCheckpointSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ` : '') + issue.message,
    );
    throw new IntegrityError(
      'CHECKPOINT_INVALID',
      `${label} is not a valid perfledger checkpoint: ${problems.join('; ')}.`,
    );
  }
  return Object.freeze(parsed.data);
}

/**
 * Reads and validates a checkpoint file. The signature is not checked here; pass the checkpoint
 * to {@link verifyLedger} with a public key, or to {@link verifyCheckpointSignature}.
 *
 * @throws IntegrityError `CHECKPOINT_INVALID` naming the file when it cannot be read, is not JSON, or is not a checkpoint.
 * @example
 * ```ts
 * const checkpoint = readCheckpoint('cp-2024-01-15.json');
 * ```
 */
export function readCheckpoint(file: string): SignedCheckpoint {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new IntegrityError(
      'CHECKPOINT_INVALID',
      `Cannot read checkpoint '${file}': ${describeFsError(error)}.`,
      file,
      { cause: error },
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new IntegrityError('CHECKPOINT_INVALID', `Checkpoint '${file}' is not JSON.`, file, {
      cause: error,
    });
  }
  try {
    return parseCheckpoint(value, `Checkpoint '${file}'`);
  } catch (error) {
    if (error instanceof IntegrityError) throw new IntegrityError(error.code, error.message, file);
    throw error;
  }
}

/**
 * Options for {@link writeCheckpoint}.
 *
 * @example
 * ```ts
 * writeCheckpoint('cp-latest.json', checkpoint, { overwrite: true } satisfies WriteCheckpointOptions);
 * ```
 */
export interface WriteCheckpointOptions {
  /** Replace an existing file; false by default, so an earlier anchor is never lost by accident. */
  readonly overwrite?: boolean;
  /**
   * Ledger databases whose files (the database, `-wal`, `-shm`, `-journal`) must never be
   * written, even with `overwrite`; a perfledger database is recognised by its content even when
   * not listed.
   */
  readonly ledgerFiles?: readonly string[];
}

/**
 * Writes a checkpoint as pretty-printed JSON, fields in their documented order, through
 * {@link writeOutputFile}: whole or not at all, never over a ledger's own files, never through a
 * symbolic link.
 *
 * @throws IntegrityError `FILE_EXISTS` when the file exists and `overwrite` is not set.
 * @throws OutputFileError `OUTPUT_IS_LEDGER`, `OUTPUT_DIRECTORY_MISSING`, `OUTPUT_IS_DIRECTORY`,
 *   `READ_ONLY`, `STORAGE_FULL`, `STORAGE_FAILED` when the file cannot be written.
 * @example
 * ```ts
 * writeCheckpoint('cp-2024-01-15.json', await createCheckpoint(ledger, privateKey));
 * ```
 */
export function writeCheckpoint(
  file: string,
  checkpoint: SignedCheckpoint,
  options: WriteCheckpointOptions = {},
): void {
  const valid = parseCheckpoint(checkpoint);
  const ordered = {
    format: valid.format,
    origin: valid.origin,
    size: valid.size,
    headHash: valid.headHash,
    recordedAt: valid.recordedAt,
    issuedAt: valid.issuedAt,
    keyId: valid.keyId,
    signature: valid.signature,
  };
  try {
    writeOutputFile(file, `${JSON.stringify(ordered, null, 2)}\n`, {
      force: options.overwrite === true,
      ledgerFiles: options.ledgerFiles ?? [],
    });
  } catch (error) {
    if (error instanceof OutputFileError && error.code === 'FILE_EXISTS') {
      throw new IntegrityError(
        'FILE_EXISTS',
        `Checkpoint '${file}' already exists; it was not overwritten.`,
        file,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}

function signedBytes(unsigned: Omit<SignedCheckpoint, 'signature'>): Buffer {
  return Buffer.from(canonicalize(unsigned) ?? '', 'utf8');
}
