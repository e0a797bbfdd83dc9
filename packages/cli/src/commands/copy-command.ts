import { existsSync, rmSync } from 'node:fs';
import { type CopyResult, copyLedger, type EventStore, StorageError } from '@perfledger/core';
import { sqliteStore } from '@perfledger/sqlite';
import { type Command, Option } from 'commander';
import { DEFAULT_LEDGER, type LedgerTarget, ledgerTarget } from '../engines/ledger-target.js';
import { postgresEngine } from '../engines/postgres-engine.js';
import type { CliIo } from '../io.js';
import { progressFor } from '../output/progress.js';
import { renderJson } from '../output/render-rows.js';
import { UsageError } from '../usage-error.js';
import { openWritable, using } from './common.js';

interface CopyOptions {
  from: string;
  to: string;
  fromLedger: string;
  toLedger: string;
  format: 'text' | 'json';
  projections: boolean;
}

/**
 * `perfledger copy --from A --to B`: copies a ledger between engines (a SQLite file, a ledger of a
 * PostgreSQL database) with core's `copyLedger`: every stored row as it is, so the copy has the
 * same origin and head hash; verified on arrival. The target is created when missing, or is an
 * earlier copy (then only what is new is copied); a target with other history is refused and
 * nothing is written.
 */
export function registerCopyCommand(program: Command, io: CliIo): void {
  program
    .command('copy')
    .description(
      'copy a ledger between SQLite and PostgreSQL (or file to file, database to database): every event exactly as stored, verified on arrival',
    )
    .requiredOption(
      '--from <file-or-url>',
      'the ledger to copy: a SQLite file or a postgres:// URL (opened read-only)',
    )
    .requiredOption(
      '--to <file-or-url>',
      'where to copy it: a SQLite file or a postgres:// URL; created when missing, or an earlier copy to bring up to date',
    )
    .option(
      '--from-ledger <name>',
      'the ledger in the --from PostgreSQL database; ignored for a file',
      DEFAULT_LEDGER,
    )
    .option(
      '--to-ledger <name>',
      'the ledger in the --to PostgreSQL database; ignored for a file',
      DEFAULT_LEDGER,
    )
    .option('--no-projections', 'do not build the standard projections in the target after the copy')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText(
      'after',
      '\nThe copy keeps every position, recorded time, event id and hash, so it verifies with the same head hash' +
        '\nand origin as the source. Copying again after more appends copies only the new events. A target that' +
        '\nholds another ledger (or has gone its own way) is refused: nothing is written. Projections are not' +
        '\ncopied: the target builds its own from the copied events, at once (unless --no-projections) or when' +
        '\na writing command (import, rebuild) first opens it.',
    )
    .action(async (options: CopyOptions) => {
      const from = ledgerTarget(options.from, options.fromLedger, io.cwd, '--from', '--from-ledger');
      const to = ledgerTarget(options.to, options.toLedger, io.cwd, '--to', '--to-ledger');
      if (sameLedger(from, to)) {
        throw new UsageError(`--from and --to name the same ledger (${from.label}); copy it somewhere else.`);
      }
      const result = await copyBetween(from, to, io);
      // The copy is verified; its read models are built from its own events, as on any ledger.
      if (options.projections) await using(openWritable(to, io), () => undefined);
      if (options.format === 'json') {
        io.stdout(renderJson({ from: from.label, to: to.label, ...result, verified: true }));
        return;
      }
      io.stdout(
        `${
          result.copied === 0
            ? `Nothing to copy: ${to.label} already holds all ${result.events} events of ${from.label}.`
            : `Copied ${result.copied} events from ${from.label} to ${to.label}.`
        }\nThe copy holds ${result.events} events and verifies: head hash ${result.headHash}, origin ${result.origin}.\n`,
      );
    });
}

/** Opens both ends, copies, closes both; a SQLite target this run created is removed if the copy fails. */
async function copyBetween(from: LedgerTarget, to: LedgerTarget, io: CliIo): Promise<CopyResult> {
  if (from.engine === 'sqlite' && !existsSync(from.file)) {
    throw new StorageError('STORAGE_FAILED', from.file, `There is no ledger at '${from.file}' to copy.`);
  }
  const created = to.engine === 'sqlite' && !existsSync(to.file);
  const source = await openStore(from, true);
  let target: EventStore | undefined;
  const progress = progressFor(io, 'Copying');
  try {
    target = await openStore(to, false);
    return await copyLedger(source, target, {
      onProgress: ({ copied, total }) => progress.update(copied, total),
    });
  } catch (error) {
    if (created && to.engine === 'sqlite') {
      await target?.close();
      target = undefined;
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${to.file}${suffix}`, { force: true });
    }
    throw error;
  } finally {
    progress.stop();
    await target?.close();
    await source.close();
  }
}

function openStore(target: LedgerTarget, readonly: boolean): Promise<EventStore> {
  if (target.engine === 'sqlite') return sqliteStore({ file: target.file, readonly });
  return postgresEngine(target.label).then((postgres) =>
    postgres.postgresStore({ connectionString: target.connectionString, ledger: target.ledger, readonly }),
  );
}

/** True when both name the same file, or the same ledger of the same database. */
function sameLedger(a: LedgerTarget, b: LedgerTarget): boolean {
  if (a.engine === 'sqlite' || b.engine === 'sqlite') {
    return a.engine === 'sqlite' && b.engine === 'sqlite' && a.file === b.file;
  }
  return a.ledger === b.ledger && databaseOf(a.connectionString) === databaseOf(b.connectionString);
}

/** A URL's host, port and database, without user or password. */
function databaseOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
}
