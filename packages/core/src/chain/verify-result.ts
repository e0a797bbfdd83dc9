/**
 * How the chain broke:
 * - `gap`: a position is missing (a deleted row);
 * - `broken-link`: a row's `prev_hash` is not the previous row's hash (rows swapped or spliced);
 * - `hash-mismatch`: a row's content no longer produces its stored hash (an edited byte);
 * - `stream-gap`: a stream's versions skip or repeat;
 * - `recorded-time`: a row's recorded time is not later than the previous row's (a back-dated
 *   row, even one whose hashes were all recomputed), or is not an instant at all;
 * - `head-mismatch`: the log ends before (or after) the head the ledger recorded (a truncated tail);
 * - `mark-mismatch`: only from an incremental check: the row at the ledger's verified mark no
 *   longer has the hash it had when it was verified, or the log now ends before the mark (history
 *   rewritten with recomputed hashes, or cut off together with the recorded head);
 * - `tree-mismatch`: only from a full {@link Ledger.verify}: a node of the stored Merkle tree is
 *   missing or differs from the node computed from the chain's hashes (`position` is the event
 *   that completes it).
 */
export type ChainBreakKind =
  | 'gap'
  | 'broken-link'
  | 'hash-mismatch'
  | 'stream-gap'
  | 'recorded-time'
  | 'head-mismatch'
  | 'mark-mismatch'
  | 'tree-mismatch';

/** The first place the chain broke. */
export interface ChainBreak {
  readonly kind: ChainBreakKind;
  /** The position of the first row that fails (for `head-mismatch`, the recorded head's position). */
  readonly position: number;
  readonly message: string;
}

/**
 * The outcome of {@link Ledger.verify}: every row checked and the head, or the first break.
 *
 * @example
 * ```ts
 * const result = ledger.verify();
 * if (!result.ok) console.error(`${result.break.kind} at ${result.break.position}: ${result.break.message}`);
 * ```
 */
export type VerifyResult =
  | { readonly ok: true; readonly count: number; readonly headPosition: number; readonly headHash: string }
  | { readonly ok: false; readonly count: number; readonly break: ChainBreak };
