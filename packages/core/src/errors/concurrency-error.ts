import type { ExpectedVersion } from './expected-version.js';
import { LedgerError } from './ledger-error.js';

/**
 * The stream was not at the version the caller expected: someone else appended first.
 * Nothing was written; re-read the stream, decide again and retry.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof ConcurrencyError) console.log(e.stream, e.expected, e.actual); }
 * ```
 */
export class ConcurrencyError extends LedgerError {
  constructor(
    readonly stream: string,
    readonly expected: ExpectedVersion,
    /** The stream's version when the append was attempted; 0 when it does not exist. */
    readonly actual: number,
  ) {
    super(
      'CONCURRENCY_CONFLICT',
      `Stream '${stream}' is at version ${actual}, but the append expected ${describeExpected(expected)}.`,
    );
  }
}

function describeExpected(expected: ExpectedVersion): string {
  return typeof expected === 'number' ? `version ${expected}` : `'${expected}'`;
}
