import { type Upcaster, ValidationError, type ValidationIssue } from '@perfledger/core';
import { commonStoreOptionIssues, type LedgerClock, type UpcasterChain } from '@perfledger/core/internal';
import type { Durability } from './open-database.js';

/**
 * The options of `sqliteStore()`: the engine's own. Only `file` is required; an unknown key is a
 * `ValidationError` naming it.
 *
 * @example
 * ```ts
 * const options: SqliteStoreOptions = { file: 'plan.db', durability: 'full', busyTimeoutMs: 10_000 };
 * ```
 */
export interface SqliteStoreOptions {
  /** The SQLite file; created (and migrated) on first use. `':memory:'` works for experiments. */
  readonly file: string;
  /** Open read-only: every write fails with `READ_ONLY`, and the file is never modified. */
  readonly readonly?: boolean;
  /** `'full'` (default): an acknowledged append survives a power cut. `'normal'`: faster; see the README. */
  readonly durability?: Durability;
  /** How long to wait for another connection's lock before `LEDGER_BUSY`; 5 000 ms by default. */
  readonly busyTimeoutMs?: number;
  /** The source of recorded times; the system clock by default. For tests and simulations. */
  readonly clock?: LedgerClock;
  /**
   * How many days ahead of the last recorded time the clock may read before an append is refused
   * with `CLOCK_JUMP` (nothing written); 1 827 (five years) by default. A whole number, at least 1.
   */
  readonly maxClockJumpDays?: number;
  /** Upcasters for event data stored at older schema versions, applied on every read. */
  readonly upcasters?: readonly Upcaster[] | UpcasterChain;
}

/** The keys of {@link SqliteStoreOptions}. */
export const SQLITE_STORE_OPTION_KEYS: readonly string[] = Object.freeze([
  'file',
  'readonly',
  'durability',
  'busyTimeoutMs',
  'clock',
  'maxClockJumpDays',
  'upcasters',
]);

// better-sqlite3 takes the busy timeout as a 32-bit signed integer of milliseconds.
const MAX_BUSY_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * Checks the engine's options before anything is opened, so a wrong type is a `ValidationError`
 * naming the option (not a TypeError from better-sqlite3), and a misspelt `durability` is refused
 * rather than silently meaning something else. Keys are checked by the caller.
 *
 * @example
 * ```ts
 * checkStoreOptions({ file: 'plan.db', durability: 'FULL' }); // throws VALIDATION_FAILED naming durability
 * ```
 */
export function checkStoreOptions(options: Readonly<Record<string, unknown>>, upcasterChain: boolean): void {
  const { file, readonly, durability, busyTimeoutMs } = options;
  const issues: ValidationIssue[] = [];
  const issue = (path: string, message: string) => issues.push({ path: [path], message });
  if (typeof file !== 'string' || file === '') issue('file', 'must be the path of the database file');
  if (readonly !== undefined && typeof readonly !== 'boolean') issue('readonly', 'must be true or false');
  if (durability !== undefined && durability !== 'full' && durability !== 'normal') {
    issue('durability', "must be 'full' or 'normal'");
  }
  if (
    busyTimeoutMs !== undefined &&
    !(
      Number.isSafeInteger(busyTimeoutMs) &&
      (busyTimeoutMs as number) >= 0 &&
      (busyTimeoutMs as number) <= MAX_BUSY_TIMEOUT_MS
    )
  ) {
    issue('busyTimeoutMs', `must be a whole number of milliseconds from 0 to ${MAX_BUSY_TIMEOUT_MS}`);
  }
  issues.push(...commonStoreOptionIssues(options, upcasterChain));
  if (issues.length > 0) {
    const summary = issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ValidationError(`The SQLite store options are invalid; nothing was opened: ${summary}`, issues);
  }
}
