// An OS process, run on a small private tmpfs, that fills the disk and then writes every kind of
// file perfledger writes (a key pair, a checkpoint, a report through the library and through the
// CLI). It reports, as one JSON line on stdout, each step's typed error and what the directory
// held afterwards; then it frees the space and retries, which must not be blocked.
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createCheckpoint,
  generateSigningKey,
  LedgerError,
  writeCheckpoint,
  writeKeyPair,
  writeOutputFile,
} from '@perfledger/core';
import { openReadonlyLedger } from '@perfledger/sqlite';
import type { OutputWorkerConfig } from '../support/worker-configs.js';

/** One step: ok with a value, or the error's code and message. */
export type OutputStep =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly typed: boolean; readonly code: string | null; readonly message: string };

function attempt(work: () => unknown): OutputStep {
  try {
    return { ok: true, value: work() ?? null };
  } catch (error) {
    const e = error as { code?: unknown; message?: unknown };
    return {
      ok: false,
      typed: error instanceof LedgerError,
      code: typeof e.code === 'string' ? e.code : null,
      message: String(e.message),
    };
  }
}

const config = JSON.parse(process.argv[2] ?? '{}') as OutputWorkerConfig;
const { dir } = config;
const report: Record<string, unknown> = {};
const entries = () => readdirSync(dir).sort();
const cli = (out: string) => {
  const result = spawnSync(
    process.execPath,
    [config.cli, '--db', config.ledger, 'report', 'quarter', ...config.reportArgs, '--out', out],
    { encoding: 'utf8' },
  );
  return { status: result.status, stderr: result.stderr };
};

// Fill the file system: the write stops with ENOSPC, leaving the filler as large as it could be.
report.fill = attempt(() => writeFileSync(join(dir, 'filler'), Buffer.alloc(64 * 1024 * 1024, 1)));
const key = generateSigningKey();
const ledger = await openReadonlyLedger(config.ledger);
const checkpoint = await createCheckpoint(ledger, key.privateKeyPem);
await ledger.close();

report.keygen = attempt(() => writeKeyPair(dir, { keyPair: key }));
report.checkpoint = attempt(() => writeCheckpoint(join(dir, 'cp.json'), checkpoint));
report.report = attempt(() => writeOutputFile(join(dir, 'q.html'), '<p>report</p>'.repeat(10_000)));
report.cli = cli(join(dir, 'q-cli.html'));
report.whileFull = entries();

rmSync(join(dir, 'filler'));
report.keygenRetry = attempt(() => writeKeyPair(dir, { keyPair: key }).privateKeyFile);
report.keyMode = statSync(join(dir, 'perfledger.key')).mode & 0o777;
report.checkpointRetry = attempt(() => writeCheckpoint(join(dir, 'cp.json'), checkpoint));
report.cliRetry = cli(join(dir, 'q-cli.html'));
report.afterRetry = entries();
process.stdout.write(`${JSON.stringify(report)}\n`);
