export { extendTree, frontierNeeded, type MerkleNode, type TreeExtension } from './extend-tree.js';
export { type ConsistencyProof, type InclusionProof, LedgerTree, type TreeHead } from './ledger-tree.js';
export {
  EMPTY_TREE_ROOT,
  eventLeafHash,
  isMerkleHash,
  type MerkleHash,
  merkleLeafHash,
  merkleNodeHash,
} from './merkle-hash.js';
export { consistencyProofFrom, inclusionProofFrom, treeRootFrom } from './proofs.js';
export { memoryNodeSource, merkleRootOf } from './reference-tree.js';
export { foldSubtrees, type MerkleNodeRef, type MerkleNodeSource, perfectSubtrees } from './subtrees.js';
export { TreeBuilder } from './tree-builder.js';
export { rootFromInclusionProof, verifyConsistency, verifyInclusion } from './verify-proofs.js';
