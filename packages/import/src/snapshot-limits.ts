import { ValidationError } from '@perfledger/core';

/**
 * How big a snapshot may be. A council's quarterly snapshot has tens to a few thousand rows and
 * a few hundred kilobytes, so the defaults leave ample room while keeping an import's memory
 * bounded: a larger file is refused with an {@link InputTooLargeError}, before it is read when
 * its size says so, and as soon as the limit is passed while it is read otherwise.
 *
 * @example
 * ```ts
 * const limits: SnapshotLimits = { maxBytes: 256 * 1024 * 1024, maxRows: 1_000_000 };
 * ```
 */
export interface SnapshotLimits {
  /** The largest snapshot accepted, in bytes (of the file, or of in-memory content as UTF-8). */
  readonly maxBytes: number;
  /** The most data rows accepted (blank rows and the CSV header are not counted). */
  readonly maxRows: number;
}

/**
 * The default {@link SnapshotLimits}: 64 MiB and 100 000 rows.
 *
 * @example
 * ```ts
 * DEFAULT_SNAPSHOT_LIMITS.maxBytes; // 67108864
 * ```
 */
export const DEFAULT_SNAPSHOT_LIMITS: SnapshotLimits = Object.freeze({
  maxBytes: 64 * 1024 * 1024,
  maxRows: 100_000,
});

function checkLimit(name: 'maxBytes' | 'maxRows', value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    const message = 'must be a whole number of at least 1';
    throw new ValidationError(`Option ${name} ${message}; nothing was written.`, [{ path: [name], message }]);
  }
  return value;
}

/**
 * The limits an options object asks for, with the defaults for those it leaves out.
 *
 * @throws ValidationError when `maxBytes` or `maxRows` is not a whole number of at least 1.
 * @example
 * ```ts
 * snapshotLimitsOf({ maxRows: 500 }); // { maxBytes: 67108864, maxRows: 500 }
 * ```
 */
export function snapshotLimitsOf(options: {
  readonly maxBytes?: unknown;
  readonly maxRows?: unknown;
}): SnapshotLimits {
  return {
    maxBytes: checkLimit('maxBytes', options.maxBytes, DEFAULT_SNAPSHOT_LIMITS.maxBytes),
    maxRows: checkLimit('maxRows', options.maxRows, DEFAULT_SNAPSHOT_LIMITS.maxRows),
  };
}
