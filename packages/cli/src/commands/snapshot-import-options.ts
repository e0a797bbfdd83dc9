import { type BusinessDate, builtInStatusKeys } from '@perfledger/core';
import { DEFAULT_SNAPSHOT_LIMITS, parseUkDate } from '@perfledger/import';
import { type Command, Option } from 'commander';
import { configuredStatusKeys } from '../config/configured-status-keys.js';
import type { CliIo } from '../io.js';
import { UsageError } from '../usage-error.js';
import { parseWholeNumber } from './common.js';

/** The options `perfledger import` and `perfledger indicators import` share, as commander gives them. */
export interface SnapshotImportOptions {
  asOf: string;
  actor?: string;
  statusKey?: string;
  plan?: string;
  busyTimeout: string;
  maxBytes: string;
  maxRows: string;
  format: 'table' | 'json';
}

/** The shared options, checked: what both importers and the ledger opening need. */
export interface CheckedSnapshotImportOptions {
  readonly asOf: BusinessDate;
  readonly busyTimeoutMs: number;
  readonly maxBytes: number;
  readonly maxRows: number;
}

/**
 * Checks the options both snapshot imports share, before the file is read or the ledger opened:
 * `--as-of` in any form a snapshot's date cell takes, `--busy-timeout`, `--max-bytes`,
 * `--max-rows`, and `--status-key`, which must name a built-in key or one of the config file's
 * (a usage error listing them otherwise).
 */
export function checkSnapshotImportOptions(
  options: SnapshotImportOptions,
  command: Command,
  io: CliIo,
): CheckedSnapshotImportOptions {
  // The same reader as the file's dates, so --as-of takes every form a snapshot cell does.
  const asOf = parseUkDate(options.asOf, 'the as-of date');
  if (!asOf.ok) throw new UsageError(`--as-of ${asOf.message}.`);
  const busyTimeoutMs = Number(options.busyTimeout);
  if (!Number.isSafeInteger(busyTimeoutMs) || busyTimeoutMs < 0) {
    throw new UsageError(
      `--busy-timeout must be a whole number of milliseconds, not '${options.busyTimeout}'.`,
    );
  }
  if (options.statusKey !== undefined) {
    const known = [...builtInStatusKeys, ...configuredStatusKeys(command, io)].map((key) => key.id);
    if (!known.includes(options.statusKey)) {
      throw new UsageError(
        `--status-key '${options.statusKey}' is not a status key; known keys: ${known.join(', ')} (a council's own keys go in the config file's statusKeys section).`,
      );
    }
  }
  return {
    asOf: asOf.value,
    busyTimeoutMs,
    maxBytes: parseWholeNumber('--max-bytes', options.maxBytes),
    maxRows: parseWholeNumber('--max-rows', options.maxRows),
  };
}

/**
 * Adds the options both snapshot imports take after their own: `--busy-timeout`, `--max-bytes`,
 * `--max-rows` and `--format table|json`, worded and defaulted once.
 */
export function addSnapshotLimitOptions(command: Command): Command {
  return command
    .option('--busy-timeout <ms>', 'how long to wait for another writer before giving up', '30000')
    .option(
      '--max-bytes <n>',
      'refuse a file larger than this many bytes (checked before reading)',
      String(DEFAULT_SNAPSHOT_LIMITS.maxBytes),
    )
    .option(
      '--max-rows <n>',
      'refuse a file with more data rows than this',
      String(DEFAULT_SNAPSHOT_LIMITS.maxRows),
    )
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'));
}
