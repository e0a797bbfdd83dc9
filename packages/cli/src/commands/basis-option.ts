import { Option } from 'commander';
import { UsageError } from '../usage-error.js';

/** `--known-at ISO-TIME`: what the ledger knew at that time, instead of everything known now. */
export function knownAtOption(): Option {
  return new Option(
    '--known-at <time>',
    'as known at this ISO time (e.g. 2024-01-15T17:00:00Z); default: as now known',
  );
}

/** Checks a `--known-at` value: an ISO-8601 instant, or a date meaning the end of that day (UTC). */
export function parseKnownAt(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (/^\d{4}-\d\d-\d\d$/.test(value) && !Number.isNaN(Date.parse(`${value}T23:59:59.999Z`))) {
    return `${value}T23:59:59.999999Z`;
  }
  if (
    !/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(value) ||
    Number.isNaN(Date.parse(value))
  ) {
    throw new UsageError(
      `--known-at must be an ISO time such as 2024-01-15T17:00:00Z (or a date), not '${value}'.`,
    );
  }
  return value;
}
