import { IntegrityError } from '../integrity-error.js';
import { type KeyInput, keyIdOf, toPublicKey } from '../keys.js';
import { type CheckpointBody, formatCheckpointBody, parseCheckpointBody } from './checkpoint-body.js';
import { checkCosignature } from './cosignature.js';
import { isSignatureBy, NOTE_SIGNATURE_TYPE, signNoteText, verifyNoteSignature } from './note-keys.js';
import { formatSignedNote, type NoteSignature, parseSignedNote } from './signed-note.js';

/**
 * A checkpoint in the C2SP `tlog-checkpoint` format: the body (origin, size, Merkle root), its
 * exact signed text, and every signature line it carries (the ledger's, then witnesses').
 *
 * @example
 * ```ts
 * const checkpoint: NoteCheckpoint = readNoteCheckpoint('checkpoint-42.txt');
 * console.log(checkpoint.origin, checkpoint.size, checkpoint.rootHash);
 * ```
 */
export interface NoteCheckpoint extends CheckpointBody {
  /** The note text every signature covers. */
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

/**
 * The prefix of a perfledger checkpoint's origin line; the ledger's origin UUID follows it.
 *
 * @example
 * ```ts
 * const ledgerOrigin = checkpoint.origin.slice(NOTE_ORIGIN_PREFIX.length);
 * ```
 */
export const NOTE_ORIGIN_PREFIX = 'perfledger/';

/**
 * The origin line of a ledger's note checkpoints: `perfledger/<origin UUID>`.
 *
 * @example
 * ```ts
 * checkpointOriginOf(await ledger.origin()); // 'perfledger/0f8e3c4e-2b7a-4d6f-9a51-3c2d1e0b9a87'
 * ```
 */
export function checkpointOriginOf(ledgerOrigin: string): string {
  return `${NOTE_ORIGIN_PREFIX}${ledgerOrigin}`;
}

/**
 * Parses a note checkpoint strictly (signed-note, then tlog-checkpoint rules).
 *
 * @throws IntegrityError `CHECKPOINT_INVALID` naming `label` and the problem.
 * @example
 * ```ts
 * const checkpoint = parseNoteCheckpoint(readFileSync('cp.txt'), "Checkpoint 'cp.txt'");
 * ```
 */
export function parseNoteCheckpoint(input: string | Uint8Array, label = 'The checkpoint'): NoteCheckpoint {
  const note = parseSignedNote(input, label);
  const body = parseCheckpointBody(note.text, label);
  return Object.freeze({ ...body, text: note.text, signatures: note.signatures });
}

/**
 * The checkpoint as text: its body, a blank line and its signature lines.
 *
 * @example
 * ```ts
 * writeOutputFile('cp.txt', formatNoteCheckpoint(checkpoint));
 * ```
 */
export function formatNoteCheckpoint(checkpoint: NoteCheckpoint): string {
  return formatSignedNote(checkpoint);
}

/**
 * Signs a checkpoint body with the ledger's Ed25519 key; the key name is the origin line, as the
 * tlog-checkpoint specification recommends.
 *
 * @throws IntegrityError `KEY_INVALID` for a key that is not an Ed25519 private key.
 * @example
 * ```ts
 * const checkpoint = signCheckpointBody({ origin, size, rootHash, extensions: [] }, privateKey);
 * ```
 */
export function signCheckpointBody(body: CheckpointBody, privateKey: KeyInput): NoteCheckpoint {
  const text = formatCheckpointBody(body);
  const signature = signNoteText(text, body.origin, privateKey);
  return parseNoteCheckpoint(formatSignedNote({ text, signatures: [signature] }));
}

/**
 * The checkpoint with one more signature line. An earlier line with the same name and key id is
 * replaced, so cosigning twice does not pile up lines.
 *
 * @example
 * ```ts
 * const cosigned = withSignature(checkpoint, cosignCheckpointText(checkpoint.text, name, key, now));
 * ```
 */
export function withSignature(checkpoint: NoteCheckpoint, signature: NoteSignature): NoteCheckpoint {
  const others = checkpoint.signatures.filter(
    (line) => line.name !== signature.name || line.keyId !== signature.keyId,
  );
  return Object.freeze({ ...checkpoint, signatures: Object.freeze([...others, signature]) });
}

/**
 * What {@link checkNoteCheckpoint} checks a checkpoint against.
 *
 * @example
 * ```ts
 * const trust: CheckpointTrustOptions = { ledgerKey: 'perfledger.pub', witnessKeys: [w1, w2], quorum: 2 };
 * ```
 */
export interface CheckpointTrustOptions {
  /** The ledger's public key. */
  readonly ledgerKey: KeyInput;
  /** Witness public keys whose cosignatures count. */
  readonly witnessKeys?: readonly KeyInput[];
  /** How many distinct witness keys must have cosigned; all of `witnessKeys` by default. */
  readonly quorum?: number;
}

/**
 * One witness's valid cosignature.
 *
 * @example
 * ```ts
 * for (const c of trust.cosigners) console.log(c.name, c.keyId, new Date(c.timestamp * 1000));
 * ```
 */
export interface Cosigner {
  readonly name: string;
  /** perfledger's key id of the witness key (as `perfledger keygen` prints it). */
  readonly keyId: string;
  /** When the witness cosigned, in POSIX seconds. */
  readonly timestamp: number;
}

/**
 * The verdict on a note checkpoint's signatures.
 *
 * @example
 * ```ts
 * const trust: CheckpointTrust = checkNoteCheckpoint(checkpoint, { ledgerKey });
 * if (!trust.ok) console.error(trust.problems.join('\n'));
 * ```
 */
export interface CheckpointTrust {
  readonly ok: boolean;
  /** `'missing'`: no line is by the ledger key; `'invalid'`: one is but does not verify. */
  readonly signature: 'valid' | 'invalid' | 'missing';
  readonly cosigners: readonly Cosigner[];
  readonly quorum: number;
  readonly problems: readonly {
    readonly code: 'SIGNATURE_INVALID' | 'QUORUM_NOT_MET';
    readonly message: string;
  }[];
}

/**
 * Checks a checkpoint's signature by the ledger key, and its witnesses' cosignatures against a
 * quorum. Lines by unknown keys are ignored; a line by a known key that does not verify is a
 * problem (the note was altered, or forged).
 *
 * @throws IntegrityError `KEY_INVALID` for a key that is not Ed25519; `PROOF_INVALID` for a quorum
 *   that is not a whole number between 0 and the number of witness keys.
 * @example
 * ```ts
 * const trust = checkNoteCheckpoint(checkpoint, { ledgerKey, witnessKeys: [w1, w2], quorum: 1 });
 * ```
 */
export function checkNoteCheckpoint(
  checkpoint: NoteCheckpoint,
  options: CheckpointTrustOptions,
): CheckpointTrust {
  const ledgerKey = toPublicKey(options.ledgerKey);
  const witnessKeys = (options.witnessKeys ?? []).map((key) => toPublicKey(key));
  const quorum = options.quorum ?? witnessKeys.length;
  if (!Number.isSafeInteger(quorum) || quorum < 0 || quorum > witnessKeys.length) {
    throw new IntegrityError(
      'PROOF_INVALID',
      `A quorum of ${String(quorum)} cannot be met by ${witnessKeys.length} witness key(s): give a whole number from 0 to ${witnessKeys.length}.`,
    );
  }
  const problems: { code: 'SIGNATURE_INVALID' | 'QUORUM_NOT_MET'; message: string }[] = [];
  const own = checkpoint.signatures.filter((line) =>
    isSignatureBy(line, ledgerKey, NOTE_SIGNATURE_TYPE.ed25519),
  );
  let signature: CheckpointTrust['signature'] = 'missing';
  if (own.length > 0) {
    signature = own.every((line) => verifyNoteSignature(checkpoint.text, line, ledgerKey))
      ? 'valid'
      : 'invalid';
  }
  if (signature === 'missing') {
    problems.push({
      code: 'SIGNATURE_INVALID',
      message: `The checkpoint of ${checkpoint.origin} at size ${checkpoint.size} carries no signature by the ledger key given (${keyIdOf(ledgerKey)}): it was signed with another key, or the wrong key was given.`,
    });
  } else if (signature === 'invalid') {
    problems.push({
      code: 'SIGNATURE_INVALID',
      message: `The checkpoint of ${checkpoint.origin} at size ${checkpoint.size} has an invalid signature by the ledger key ${keyIdOf(ledgerKey)}: it was altered after signing, or forged.`,
    });
  }
  const cosigners: Cosigner[] = [];
  for (const key of witnessKeys) {
    const keyId = keyIdOf(key);
    if (cosigners.some((c) => c.keyId === keyId)) continue;
    let valid: Cosigner | undefined;
    for (const line of checkpoint.signatures) {
      const verdict = checkCosignature(checkpoint.text, line, key);
      if (verdict === 'other') continue;
      if (verdict === 'invalid') {
        problems.push({
          code: 'SIGNATURE_INVALID',
          message: `The cosignature of witness ${line.name} (key ${keyId}) does not verify: the checkpoint was altered after it was cosigned, or the line was forged.`,
        });
      } else valid ??= { name: line.name, keyId, timestamp: verdict };
    }
    if (valid !== undefined) cosigners.push(Object.freeze(valid));
  }
  if (cosigners.length < quorum) {
    problems.push({
      code: 'QUORUM_NOT_MET',
      message: `The checkpoint of ${checkpoint.origin} at size ${checkpoint.size} is cosigned by ${cosigners.length} of the ${witnessKeys.length} trusted witness(es); ${quorum} are required.`,
    });
  }
  return Object.freeze({
    ok: problems.length === 0,
    signature,
    cosigners: Object.freeze(cosigners),
    quorum,
    problems: Object.freeze(problems.map((p) => Object.freeze(p))),
  });
}

/**
 * {@link checkNoteCheckpoint}, throwing the first problem.
 *
 * @throws IntegrityError `SIGNATURE_INVALID` or `QUORUM_NOT_MET`.
 * @example
 * ```ts
 * const trust = assertNoteCheckpointTrusted(checkpoint, { ledgerKey, witnessKeys, quorum: 2 });
 * ```
 */
export function assertNoteCheckpointTrusted(
  checkpoint: NoteCheckpoint,
  options: CheckpointTrustOptions,
  file: string | null = null,
): CheckpointTrust {
  const trust = checkNoteCheckpoint(checkpoint, options);
  const first = trust.problems.find((p) => p.code === 'SIGNATURE_INVALID') ?? trust.problems[0];
  if (first !== undefined) throw new IntegrityError(first.code, first.message, file);
  return trust;
}
