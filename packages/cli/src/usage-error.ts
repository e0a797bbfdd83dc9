/**
 * A command line that cannot be run as written: exit code 2, with the message and a hint.
 *
 * Deliberately not a `LedgerError`: it never leaves the CLI (`main` turns it into exit code 2 and
 * a "run with --help" hint), and it speaks of flags, not of the ledger or a library's input, so
 * no code of `LedgerErrorCode` means it (`VALIDATION_FAILED` is a `ValidationError` with issues).
 * Errors of the libraries keep their own codes and exit code 1.
 *
 * @example
 * ```ts
 * throw new UsageError(`--quarter must be 1, 2, 3 or 4, not '5'.`);
 * ```
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
