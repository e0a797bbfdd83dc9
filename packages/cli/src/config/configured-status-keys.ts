import type { StatusKey } from '@perfledger/core';
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { loadConfigFile } from './config-file.js';
import { statusKeyOf } from './status-keys-config.js';

/**
 * The council's own status keys from the config file (the global `--config FILE`, else
 * `perfledger.config.json` in the working directory), as core's status keys: every command opens
 * its ledger with them, so import, report, slippage, trail, explain and return all know the same
 * keys. None when there is no config file or it has no `statusKeys` section.
 *
 * @throws UsageError when `--config` names a file that cannot be read, or the file is not JSON.
 * @throws ValidationError naming each wrong field when the file does not match its schema.
 * @example
 * ```ts
 * const ledger = await openLedger({ file: 'plan.db', statusKeys: configuredStatusKeys(command, io) });
 * ```
 */
export function configuredStatusKeys(command: Command, io: CliIo): readonly StatusKey[] {
  const { config } = command.optsWithGlobals<{ config?: string }>();
  return (loadConfigFile(config, io.cwd).statusKeys ?? []).map(statusKeyOf);
}
