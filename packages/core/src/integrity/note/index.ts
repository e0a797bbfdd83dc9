export { type CheckpointBody, formatCheckpointBody, parseCheckpointBody } from './checkpoint-body.js';
export { checkCosignature, cosignCheckpointText, cosignedMessage } from './cosignature.js';
export {
  assertNoteCheckpointTrusted,
  type CheckpointTrust,
  type CheckpointTrustOptions,
  type Cosigner,
  checkNoteCheckpoint,
  checkpointOriginOf,
  formatNoteCheckpoint,
  NOTE_ORIGIN_PREFIX,
  type NoteCheckpoint,
  parseNoteCheckpoint,
  signCheckpointBody,
  withSignature,
} from './note-checkpoint.js';
export {
  type AnyCheckpoint,
  type CreateNoteCheckpointOptions,
  createNoteCheckpoint,
  parseAnyCheckpoint,
  readAnyCheckpoint,
  readNoteCheckpoint,
  type WriteNoteCheckpointOptions,
  writeNoteCheckpoint,
} from './note-checkpoint-file.js';
export {
  ed25519Verify,
  isSignatureBy,
  loadAnyPublicKey,
  NOTE_SIGNATURE_TYPE,
  noteKeyId,
  parseVerifierKey,
  rawEd25519PublicKey,
  signNoteText,
  type VerifierKey,
  verifierKey,
  verifyNoteSignature,
} from './note-keys.js';
export {
  assertKeyName,
  formatNoteSignature,
  formatSignedNote,
  MAX_NOTE_SIGNATURES,
  type NoteSignature,
  parseNoteSignatureLine,
  parseSignedNote,
  type SignedNote,
} from './signed-note.js';
