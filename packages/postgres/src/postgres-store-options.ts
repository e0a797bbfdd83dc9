import { type Upcaster, ValidationError, type ValidationIssue } from '@perfledger/core';
import { commonStoreOptionIssues, type LedgerClock, type UpcasterChain } from '@perfledger/core/internal';
import type pg from 'pg';

/**
 * The options of `postgresStore()`: exactly one of `connectionString` and `pool`, and the
 * ledger's name. An unknown key is a `ValidationError` naming it.
 *
 * @example
 * ```ts
 * const options: PostgresStoreOptions = { connectionString: 'postgres://app@db/plans', ledger: 'broxtowe' };
 * ```
 */
export interface PostgresStoreOptions {
  /** A `postgres://` URL; the store creates a pool of its own and ends it on `close()`. */
  readonly connectionString?: string;
  /** A `pg.Pool` of the application's; the store borrows it and leaves it open on `close()`. */
  readonly pool?: pg.Pool;
  /** Which ledger of the database: `perfledger_<ledger>` is its schema. `'default'` by default. */
  readonly ledger?: string;
  /** Open read-only: every write fails with `READ_ONLY`, in the library and in the database. */
  readonly readonly?: boolean;
  /** How long an append waits for the ledger's head row (`lock_timeout`) before `LEDGER_BUSY`; 5 000 ms by default, 0 waits for ever. */
  readonly lockTimeoutMs?: number;
  /** The source of recorded times; the system clock by default. For tests and simulations. */
  readonly clock?: LedgerClock;
  /** How many days ahead of the last recorded time the clock may read before `CLOCK_JUMP`; 1 827 by default. */
  readonly maxClockJumpDays?: number;
  /** Upcasters for event data stored at older schema versions, applied on every read. */
  readonly upcasters?: readonly Upcaster[] | UpcasterChain;
}

/**
 * The keys of {@link PostgresStoreOptions}.
 *
 * @example
 * ```ts
 * POSTGRES_STORE_OPTION_KEYS.includes('ledger'); // true
 * ```
 */
export const POSTGRES_STORE_OPTION_KEYS: readonly string[] = Object.freeze([
  'connectionString',
  'pool',
  'ledger',
  'readonly',
  'lockTimeoutMs',
  'clock',
  'maxClockJumpDays',
  'upcasters',
]);

const MAX_LOCK_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * Checks the engine's options before anything is opened (keys are checked by the caller):
 * exactly one of `connectionString` (a `postgres://` or `postgresql://` URL) and `pool`, and
 * values of the right types.
 *
 * @example
 * ```ts
 * checkStoreOptions({ connectionString: 'x', pool }, false); // throws: exactly one of them
 * ```
 */
export function checkStoreOptions(
  options: Readonly<Record<string, unknown>>,
  upcasterChain: boolean,
  { needsConnection = true }: { readonly needsConnection?: boolean } = {},
): void {
  const { connectionString, pool, ledger, readonly, lockTimeoutMs } = options;
  const issues: ValidationIssue[] = [];
  const issue = (path: string, message: string) => issues.push({ path: [path], message });
  if (needsConnection && (connectionString === undefined) === (pool === undefined)) {
    issue(
      connectionString === undefined ? 'connectionString' : 'pool',
      'give exactly one of connectionString and pool',
    );
  }
  if (
    connectionString !== undefined &&
    (typeof connectionString !== 'string' || !/^postgres(ql)?:\/\//.test(connectionString))
  ) {
    issue('connectionString', 'must be a postgres:// or postgresql:// URL');
  }
  if (
    pool !== undefined &&
    (typeof pool !== 'object' ||
      pool === null ||
      typeof (pool as { connect?: unknown }).connect !== 'function')
  ) {
    issue('pool', 'must be a pg.Pool');
  }
  if (ledger !== undefined && (typeof ledger !== 'string' || !/^[a-z][a-z0-9_]{0,39}$/.test(ledger))) {
    issue('ledger', 'must be a lowercase letter then up to 39 lowercase letters, digits and underscores');
  }
  if (readonly !== undefined && typeof readonly !== 'boolean') issue('readonly', 'must be true or false');
  if (
    lockTimeoutMs !== undefined &&
    !(
      Number.isSafeInteger(lockTimeoutMs) &&
      (lockTimeoutMs as number) >= 0 &&
      (lockTimeoutMs as number) <= MAX_LOCK_TIMEOUT_MS
    )
  ) {
    issue('lockTimeoutMs', `must be a whole number of milliseconds from 0 to ${MAX_LOCK_TIMEOUT_MS}`);
  }
  issues.push(...commonStoreOptionIssues(options, upcasterChain));
  if (issues.length > 0) {
    const summary = issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ValidationError(
      `The PostgreSQL store options are invalid; nothing was opened: ${summary}`,
      issues,
    );
  }
}
