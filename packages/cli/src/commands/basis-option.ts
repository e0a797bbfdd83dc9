import { knownAtMeaning, ValidationError } from '@perfledger/core';
import { Option } from 'commander';
import { UsageError } from '../usage-error.js';

/** `--known-at ISO-TIME`: what the ledger knew at that time, instead of everything known now. */
export function knownAtOption(): Option {
  return new Option(
    '--known-at <time>',
    'as known at this ISO time (e.g. 2024-01-15T17:00:00Z); default: as now known',
  );
}

/**
 * Checks a `--known-at` value with core's own reader of `knownAt` (so the CLI and a library
 * caller accept the same forms): an ISO-8601 instant with `Z` or an offset, or a date meaning
 * the end of that day (UTC). Returns the instant.
 *
 * @throws UsageError naming the value and the forms accepted.
 */
export function parseKnownAt(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    const meaning = knownAtMeaning(value);
    // A string never means a position; the instant is what the reads are given.
    return 'instant' in meaning ? meaning.instant : value;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new UsageError(
      `--known-at must be an ISO time such as 2024-01-15T17:00:00Z (or a date such as 2024-01-15), not '${value}'.`,
    );
  }
}
