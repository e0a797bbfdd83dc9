import { LedgerError } from '@perfledger/core';

/** Which limit a snapshot passed. */
export type SnapshotLimitName = 'maxBytes' | 'maxRows';

const FLAG: Readonly<Record<SnapshotLimitName, string>> = { maxBytes: '--max-bytes', maxRows: '--max-rows' };

function bytes(n: number): string {
  if (n >= 1024 * 1024) return `${Number((n / (1024 * 1024)).toFixed(1))} MiB (${n} bytes)`;
  if (n >= 1024) return `${Number((n / 1024).toFixed(1))} KiB (${n} bytes)`;
  return `${n} bytes`;
}

/**
 * A snapshot is larger than a limit of its import ({@link SnapshotLimits}): too many bytes, or
 * too many rows. Nothing from it was written. `found` is the size the file reported or what
 * had been read when the limit was passed (reading stops there, so it is a lower bound).
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof InputTooLargeError) console.error(`${e.file}: over ${e.limit} = ${e.max}`); }
 * ```
 */
export class InputTooLargeError extends LedgerError {
  constructor(
    /** The file path, or the name given with in-memory content. */
    readonly file: string,
    /** The limit passed: the import option of that name. */
    readonly limit: SnapshotLimitName,
    /** The limit's value. */
    readonly max: number,
    /** The size found: bytes or rows, at least `max + 1`. */
    readonly found: number,
    /** True when the size was known before reading (from the file's size); false when found while reading. */
    readonly upFront: boolean,
  ) {
    const what =
      limit === 'maxBytes'
        ? upFront
          ? `is ${bytes(found)}, over the limit of ${bytes(max)}`
          : `grew past the limit of ${bytes(max)} while it was read`
        : `has more than ${max} data row${max === 1 ? '' : 's'}, the limit`;
    super(
      'INPUT_TOO_LARGE',
      `Snapshot '${file}' ${what}; nothing from it was written. A quarterly snapshot is usually far smaller: ` +
        `check it is the right file, or raise the limit with ${FLAG[limit]} (option ${limit}).`,
    );
  }
}
