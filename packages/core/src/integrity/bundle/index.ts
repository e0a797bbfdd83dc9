export { type CreateProofBundleOptions, createProofBundle, writeProofBundle } from './create-proof-bundle.js';
export {
  PROOF_BUNDLE_FORMAT,
  type ProofBundle,
  proofBundleSchema,
  storedEventOf,
  storedEventSchema,
} from './proof-bundle.js';
export { formatTlogProof, parseTlogProof, TLOG_PROOF_HEADER, type TlogProof } from './tlog-proof.js';
export {
  type ProvenEvent,
  readProofBundle,
  type VerifyProofBundleOptions,
  verifyProofBundle,
} from './verify-proof-bundle.js';
