import { LedgerError } from '../errors/ledger-error.js';

/**
 * Why an integrity operation was refused:
 * - `KEY_INVALID`: a key file is missing, unreadable, not PEM, not Ed25519, or the wrong half;
 * - `FILE_EXISTS`: writing a key or checkpoint would overwrite an existing file;
 * - `CHECKPOINT_INVALID`: a checkpoint file is unreadable or not a perfledger checkpoint;
 * - `SIGNATURE_INVALID`: a checkpoint's signature does not verify with the given public key;
 * - `CHECKPOINT_MISMATCH`: a checkpoint does not describe this ledger's log;
 * - `CHAIN_BROKEN`: the hash chain is broken, so the ledger's head cannot be vouched for;
 * - `REPORT_BASIS_INVALID`: a report claims to be based on a log state this ledger never had;
 * - `PROOF_INVALID`: a Merkle inclusion or consistency proof is malformed or does not verify;
 * - `TREE_RANGE_INVALID`: a tree size, leaf index or position lies outside the tree or the log;
 * - `TREE_MISMATCH`: the stored Merkle tree disagrees with the hash chain, or a node is missing;
 * - `REPORT_MISMATCH`: a report file does not hash to the content hash its proof bundle records;
 * - `CONSISTENCY_FAILED`: a consistency proof does not show one tree head extends another;
 * - `INCLUSION_FAILED`: an inclusion proof does not lead from the event to the checkpoint's root;
 * - `WITNESS_CONFLICT`: a witness refuses a checkpoint that is not an extension of the last one it cosigned;
 * - `QUORUM_NOT_MET`: fewer trusted witnesses cosigned a checkpoint than the quorum asked for;
 * - `BUNDLE_INVALID`: a proof bundle is unreadable or not in the perfledger proof format;
 * - `EVENT_HASH_MISMATCH`: an event's envelope does not hash to the hash it claims;
 * - `PERSONAL_DATA_INVALID`: the personal data kept beside the log does not match the salted
 *   digests in the chain (a text edited or deleted outside perfledger).
 *
 * @example
 * ```ts
 * const retryable = (code: IntegrityErrorCode) => code === 'FILE_EXISTS';
 * ```
 */
export type IntegrityErrorCode =
  | 'KEY_INVALID'
  | 'FILE_EXISTS'
  | 'CHECKPOINT_INVALID'
  | 'SIGNATURE_INVALID'
  | 'CHECKPOINT_MISMATCH'
  | 'CHAIN_BROKEN'
  | 'REPORT_BASIS_INVALID'
  | 'PROOF_INVALID'
  | 'TREE_RANGE_INVALID'
  | 'TREE_MISMATCH'
  | 'PERSONAL_DATA_INVALID'
  | 'REPORT_MISMATCH'
  | 'CONSISTENCY_FAILED'
  | 'INCLUSION_FAILED'
  | 'WITNESS_CONFLICT'
  | 'QUORUM_NOT_MET'
  | 'BUNDLE_INVALID'
  | 'EVENT_HASH_MISMATCH';

/**
 * A key, checkpoint or report-publishing operation was refused. `file` names the file concerned,
 * when there is one, so the CLI can point at it.
 *
 * @example
 * ```ts
 * try {
 *   readCheckpoint('cp-2024-01-15.json');
 * } catch (error) {
 *   if (error instanceof IntegrityError && error.code === 'CHECKPOINT_INVALID') console.error(error.message);
 * }
 * ```
 */
export class IntegrityError extends LedgerError {
  declare readonly code: IntegrityErrorCode;
  /** The key or checkpoint file concerned; null when none is. */
  readonly file: string | null;

  constructor(
    code: IntegrityErrorCode,
    message: string,
    file: string | null = null,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.file = file;
  }
}
