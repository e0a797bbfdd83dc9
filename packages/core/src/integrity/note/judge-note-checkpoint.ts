import type { Ledger } from '../../ledger/ledger.js';
import { verifyConsistency } from '../../merkle/index.js';
import { IntegrityError } from '../integrity-error.js';
import { consistencyPathOf, treeRootAt } from '../tree/ledger-tree.js';
import type {
  CheckpointVerdict,
  IntegrityProblem,
  LogFacts,
  Mutable,
  VerifyLedgerOptions,
} from '../verify-with-checkpoints.js';
import { checkNoteCheckpoint, checkpointOriginOf, type NoteCheckpoint } from './note-checkpoint.js';

/**
 * Judges a note checkpoint against the ledger for `verifyLedger`: its signature (and witness
 * quorum) when a key is given, its origin, and, instead of re-reading the prefix, a consistency
 * proof from the checkpoint's tree to the tree at the log's end.
 *
 * @example
 * ```ts
 * const verdict = await judgeNoteCheckpoint(ledger, { label: 'Checkpoint cp.txt', checkpoint }, facts, options);
 * ```
 */
export async function judgeNoteCheckpoint(
  ledger: Ledger,
  { label, checkpoint }: { label: string; checkpoint: NoteCheckpoint },
  facts: LogFacts,
  options: VerifyLedgerOptions,
): Promise<Mutable<Omit<CheckpointVerdict, 'label'>>> {
  const problems: IntegrityProblem[] = [];
  const described = `${label} (size ${checkpoint.size}, root ${checkpoint.rootHash.slice(0, 12)}…)`;
  let signature: CheckpointVerdict['signature'] = 'unchecked';
  if (facts.publicKey !== undefined) {
    const trust = checkNoteCheckpoint(checkpoint, {
      ledgerKey: facts.publicKey,
      ...(options.witnessKeys === undefined ? {} : { witnessKeys: options.witnessKeys }),
      ...(options.quorum === undefined ? {} : { quorum: options.quorum }),
    });
    signature = trust.signature === 'valid' ? 'valid' : 'invalid';
    problems.push(...trust.problems.map((p) => ({ code: p.code, message: `${label}: ${p.message}` })));
  }
  const expectedOrigin = checkpointOriginOf(facts.origin);
  const originMatches = checkpoint.origin === expectedOrigin;
  let prefix: CheckpointVerdict['prefix'];
  if (!originMatches) {
    prefix = 'not-checked';
    problems.push({
      code: 'ORIGIN_MISMATCH',
      message: `${label} is of another log (origin ${checkpoint.origin}); this ledger's origin line is ${expectedOrigin}.`,
    });
  } else if (checkpoint.size > facts.lastPosition) {
    prefix = 'truncated';
    problems.push({
      code: 'LOG_TRUNCATED',
      message: `The log now ends at position ${facts.lastPosition}, but ${label} recorded ${checkpoint.size} events: the tail was truncated.`,
    });
  } else {
    const headSize = facts.lastPosition;
    let tree: { proof: string[]; root: string } | IntegrityError;
    try {
      tree = {
        proof: await consistencyPathOf(ledger, checkpoint.size, headSize),
        root: await treeRootAt(ledger, headSize),
      };
    } catch (error) {
      if (!(error instanceof IntegrityError)) throw error;
      tree = error;
    }
    if (tree instanceof IntegrityError) {
      // The stored tree cannot answer (it disagrees with the chain, or misses nodes).
      prefix = 'unproven';
      problems.push({
        code: 'HISTORY_ALTERED',
        message: `${described} cannot be confirmed: the ledger's Merkle tree cannot give a consistency proof to the head (${tree.message}).`,
      });
    } else {
      try {
        verifyConsistency(checkpoint.size, headSize, checkpoint.rootHash, tree.root, tree.proof);
        prefix = !facts.chain.ok && facts.chain.break.position <= checkpoint.size ? 'unproven' : 'confirmed';
        if (prefix === 'unproven' && !facts.chain.ok) {
          problems.push({
            code: 'HISTORY_ALTERED',
            message: `${described} cannot be confirmed: the log was altered within the history it covers (${facts.chain.break.message}).`,
          });
        }
      } catch (error) {
        if (!(error instanceof IntegrityError)) throw error;
        prefix = 'rewritten';
        problems.push({
          code: 'CHECKPOINT_MISMATCH',
          message: `${described} is not a prefix of this log: the consistency proof from size ${checkpoint.size} to ${headSize} does not verify (${error.message}); history up to that point was rewritten.`,
        });
      }
    }
  }
  return {
    checkpoint,
    ok: problems.length === 0,
    signature,
    originMatches,
    prefix,
    problems: Object.freeze(problems),
  };
}
