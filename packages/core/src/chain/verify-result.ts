/**
 * How the chain broke:
 * - `gap`: a position is missing (a deleted row);
 * - `broken-link`: a row's `prev_hash` is not the previous row's hash (rows swapped or spliced);
 * - `hash-mismatch`: a row's content no longer produces its stored hash (an edited byte);
 * - `stream-gap`: a stream's versions skip or repeat;
 * - `head-mismatch`: the log ends before (or after) the head the ledger recorded (a truncated tail).
 */
export type ChainBreakKind = 'gap' | 'broken-link' | 'hash-mismatch' | 'stream-gap' | 'head-mismatch';

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
