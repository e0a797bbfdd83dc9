export {
  CHECKPOINT_FORMAT,
  type CreateCheckpointOptions,
  createCheckpoint,
  parseCheckpoint,
  readCheckpoint,
  type SignedCheckpoint,
  signedCheckpointSchema,
  verifyCheckpointSignature,
  type WriteCheckpointOptions,
  writeCheckpoint,
} from './checkpoint.js';
export { IntegrityError, type IntegrityErrorCode } from './integrity-error.js';
export {
  generateSigningKey,
  type KeyInput,
  keyIdOf,
  loadPrivateKey,
  loadPublicKey,
  type SigningKeyPair,
  type WriteKeyPairOptions,
  type WrittenKeyPair,
  writeKeyPair,
} from './keys.js';
export {
  contentHash,
  type LogPoint,
  listPublishedReports,
  type PublishedReport,
  type PublishedReportCheck,
  type PublishedReportFilter,
  type PublishReportInput,
  publishReport,
  type ReportFormat,
  reportStream,
  verifyPublishedReport,
} from './publish-report.js';
export {
  assertChainVerified,
  type ChainCheck,
  chainRefusal,
  checkChainEnds,
  readVerifiedMark,
  type VerifiedMark,
  VerifyingPass,
  verifyChainIncrementally,
} from './verified-chain.js';
export {
  type CheckpointInput,
  type CheckpointVerdict,
  type IntegrityProblem,
  type IntegrityProblemCode,
  type LedgerVerification,
  type VerifyLedgerOptions,
  verifyLedger,
} from './verify-with-checkpoints.js';
