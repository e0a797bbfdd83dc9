import { LedgerError } from '@perfledger/core';

/**
 * A snapshot path (after following symbolic links) names something other than a regular file:
 * a directory, a FIFO, a device such as `/dev/zero`, a socket. Such a thing can be endless or
 * block forever, so it is refused before anything is read. Nothing was written.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof NotARegularFileError) console.error(`${e.file} is ${e.kind}`); }
 * ```
 */
export class NotARegularFileError extends LedgerError {
  constructor(
    /** The path as given. */
    readonly file: string,
    /** What the path names, in words: 'a directory', 'a FIFO (named pipe)', 'a character device', …. */
    readonly kind: string,
  ) {
    super(
      'NOT_A_REGULAR_FILE',
      `Snapshot '${file}' is ${kind}, not a regular file; nothing was read or written. Export the snapshot to a .csv or .json file and import that.`,
    );
  }
}
