import { closeSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { verifyConsistency } from '../../merkle/index.js';
import { IntegrityError } from '../integrity-error.js';
import { type KeyInput, keyIdOf, toPrivateKey, toPublicKey } from '../keys.js';
import { cosignCheckpointText } from '../note/cosignature.js';
import {
  checkNoteCheckpoint,
  formatNoteCheckpoint,
  type NoteCheckpoint,
  withSignature,
} from '../note/note-checkpoint.js';
import type { NoteSignature } from '../note/signed-note.js';
import type { ConsistencyRequest } from './consistency-file.js';
import {
  readWitnessState,
  WITNESS_STATE_FORMAT,
  type WitnessState,
  writeWitnessState,
} from './witness-state.js';

/**
 * What {@link witnessCosign} needs: the checkpoint, the consistency proof from the size the
 * witness last cosigned, the witness's key and its state directory.
 *
 * @example
 * ```ts
 * const input: WitnessCosignInput = { checkpoint, witnessKey: 'w1.key', stateDir: 'w1-state' };
 * ```
 */
export interface WitnessCosignInput {
  readonly checkpoint: NoteCheckpoint;
  /** From the size the witness last cosigned; none (old size 0) for the first cosignature. */
  readonly consistency?: ConsistencyRequest;
  /** The witness's Ed25519 private key. */
  readonly witnessKey: KeyInput;
  /** The witness's key name; `witness/<key id>` by default. */
  readonly name?: string;
  /** The directory holding the witness's state (one log per directory). */
  readonly stateDir: string;
  /** The log's public key: required the first time, then it must match the one remembered. */
  readonly ledgerKey?: KeyInput;
  /** The signing time; now by default. */
  readonly now?: Date;
}

/**
 * A cosignature given: the checkpoint with the witness's line appended, that line, and the size
 * the witness had cosigned before.
 *
 * @example
 * ```ts
 * const { checkpoint, previousSize } = witnessCosign(input);
 * ```
 */
export interface WitnessCosignResult {
  readonly checkpoint: NoteCheckpoint;
  readonly cosignature: NoteSignature;
  readonly previousSize: number;
}

/**
 * The default key name of a witness key: `witness/<perfledger key id>`.
 *
 * @example
 * ```ts
 * defaultWitnessName(loadPublicKey('w1.pub')); // 'witness/3f2a…'
 * ```
 */
export function defaultWitnessName(key: KeyInput): string {
  return `witness/${keyIdOf(key)}`;
}

/**
 * A witness's cosigning step (the checks of C2SP `tlog-witness` add-checkpoint, with a state
 * directory instead of an HTTP server): it verifies the log's signature, that the old size is the
 * size it last cosigned, and the consistency proof from that tree to the new one, then records
 * the new checkpoint (atomically, under a lock file) and returns it cosigned. A checkpoint that
 * is not an extension of the last one cosigned is refused, whatever it is signed with.
 *
 * @throws IntegrityError `SIGNATURE_INVALID` (not signed by the log's key), `WITNESS_CONFLICT`
 *   (another log or key, an old size other than the one last cosigned, a different root at the
 *   same size, or another cosign running), `PROOF_INVALID` (a malformed request),
 *   `CONSISTENCY_FAILED` (the proof does not verify), `KEY_INVALID` (no or a bad key).
 * @example
 * ```ts
 * const { checkpoint } = witnessCosign({ checkpoint: readNoteCheckpoint('cp.txt'), witnessKey, stateDir: 'w1' });
 * ```
 */
export function witnessCosign(input: WitnessCosignInput): WitnessCosignResult {
  const witnessKey = toPrivateKey(input.witnessKey);
  const name = input.name ?? defaultWitnessName(witnessKey);
  mkdirSync(input.stateDir, { recursive: true });
  const lock = join(input.stateDir, 'witness-state.lock');
  let fd: number;
  try {
    fd = openSync(lock, 'wx');
  } catch (error) {
    throw new IntegrityError(
      'WITNESS_CONFLICT',
      `Another cosign holds the witness lock '${lock}'; retry when it has finished (remove the file if no witness is running).`,
      lock,
      { cause: error },
    );
  }
  try {
    const state = readWitnessState(input.stateDir);
    const checked = check(input.checkpoint, state, input);
    const time = Math.floor((input.now ?? new Date()).getTime() / 1000);
    const cosignature = cosignCheckpointText(input.checkpoint.text, name, witnessKey, time);
    const checkpoint = withSignature(input.checkpoint, cosignature);
    writeWitnessState(input.stateDir, {
      format: WITNESS_STATE_FORMAT,
      origin: checkpoint.origin,
      ledgerKey: checked.ledgerKeyPem,
      size: checkpoint.size,
      rootHash: checkpoint.rootHash,
      checkpoint: formatNoteCheckpoint(checkpoint),
      cosignedAt: new Date(time * 1000).toISOString(),
    });
    return Object.freeze({ checkpoint, cosignature, previousSize: state?.size ?? 0 });
  } finally {
    closeSync(fd);
    rmSync(lock, { force: true });
  }
}

function check(
  checkpoint: NoteCheckpoint,
  state: WitnessState | undefined,
  input: WitnessCosignInput,
): { ledgerKeyPem: string } {
  const given = input.ledgerKey === undefined ? undefined : toPublicKey(input.ledgerKey);
  if (given === undefined && state === undefined) {
    throw new IntegrityError(
      'KEY_INVALID',
      "This witness has cosigned nothing yet: give the log's public key (--ledger-key) to follow it.",
    );
  }
  const ledgerKey = given ?? toPublicKey(state?.ledgerKey as string);
  const ledgerKeyPem = ledgerKey.export({ type: 'spki', format: 'pem' }).toString();
  if (state !== undefined) {
    if (given !== undefined && keyIdOf(given) !== keyIdOf(state.ledgerKey)) {
      throw new IntegrityError(
        'WITNESS_CONFLICT',
        `This witness follows the log signed by key ${keyIdOf(state.ledgerKey)}, not ${keyIdOf(given)}.`,
      );
    }
    if (state.origin !== checkpoint.origin) {
      throw new IntegrityError(
        'WITNESS_CONFLICT',
        `This witness follows the log ${state.origin}; the checkpoint is of ${checkpoint.origin}. Use another state directory for another log.`,
      );
    }
  }
  const trust = checkNoteCheckpoint(checkpoint, { ledgerKey });
  if (!trust.ok) throw new IntegrityError('SIGNATURE_INVALID', `Not cosigned: ${trust.problems[0]?.message}`);

  const oldSize = input.consistency?.oldSize ?? 0;
  const proof = input.consistency?.proof ?? [];
  const cosignedSize = state?.size ?? 0;
  if (oldSize > checkpoint.size) {
    throw new IntegrityError(
      'PROOF_INVALID',
      `Not cosigned: the old size ${oldSize} is larger than the checkpoint's size ${checkpoint.size}.`,
    );
  }
  if (state === undefined) {
    if (oldSize !== 0 || proof.length !== 0) {
      throw new IntegrityError(
        'WITNESS_CONFLICT',
        `Not cosigned: this witness has cosigned nothing yet, so the request must start from old size 0 with no proof (it gave old size ${oldSize}).`,
      );
    }
    return { ledgerKeyPem };
  }
  if (oldSize !== cosignedSize) {
    throw new IntegrityError(
      'WITNESS_CONFLICT',
      `Not cosigned: this witness last cosigned size ${cosignedSize}; the consistency proof is from size ${oldSize}. Supply a proof from ${cosignedSize} (perfledger proof consistency --from ${cosignedSize}).`,
    );
  }
  if (oldSize === checkpoint.size) {
    if (state.rootHash !== checkpoint.rootHash) {
      throw new IntegrityError(
        'WITNESS_CONFLICT',
        `Not cosigned: this witness cosigned size ${oldSize} with root ${state.rootHash}; this checkpoint has the same size with root ${checkpoint.rootHash}. The log has two histories.`,
      );
    }
    if (proof.length !== 0) {
      throw new IntegrityError('PROOF_INVALID', 'Not cosigned: a proof between equal sizes must be empty.');
    }
    return { ledgerKeyPem };
  }
  try {
    verifyConsistency(oldSize, checkpoint.size, state.rootHash, checkpoint.rootHash, proof);
  } catch (error) {
    if (!(error instanceof IntegrityError)) throw error;
    throw new IntegrityError(
      'CONSISTENCY_FAILED',
      `Not cosigned: the checkpoint at size ${checkpoint.size} is not an extension of the one this witness cosigned at size ${oldSize} (${error.message}).`,
      null,
      { cause: error },
    );
  }
  return { ledgerKeyPem };
}
