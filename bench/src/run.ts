/**
 * perfledger's benchmark: `npm run bench` (or `npm run bench -- --quick`) at the repository root.
 * Each case runs against a baseline measured in the same run, prints a table and writes
 * `bench-results.json`. Not a test: nothing here fails on timing.
 *
 * Options: `--quick` (reduced sizes), `--only=name,name` (run only these cases:
 * append-batch, append-single, read-stream, verify, rebuild, quarter-report, import, trust, proof-verify, emmett,
 * pg-append, pg-parallel, pg-rebuild, merkle-append, merkle-proof). The PostgreSQL cases run on `PERFLEDGER_POSTGRES_URL` (else
 * postgres://root@127.0.0.1:5432/test) and are skipped with one line when no server answers.
 */
import { rmSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { appendBatch } from './append-batch.js';
import { appendSingle } from './append-single.js';
import { ensureDataset } from './dataset.js';
import { emmett } from './emmett.js';
import { loadEmmett } from './emmett-install.js';
import { importCase } from './import-snapshot.js';
import { merkleAppend, merkleProof } from './merkle.js';
import { RESULTS_FILE, SCRATCH_DIR } from './paths.js';
import { findServer, postgresAppends, postgresParallel, postgresRebuild } from './postgres.js';
import { proofVerify } from './proof-verify.js';
import { quarterReport } from './quarter-report.js';
import { readStream } from './read-stream.js';
import { rebuild } from './rebuild.js';
import { type BenchRow, formatMarkdown, formatTable, writeResults } from './report.js';
import { FULL, QUICK } from './sizes.js';
import { trust } from './trust.js';
import { verify } from './verify.js';

const CASES = [
  'append-batch',
  'append-single',
  'read-stream',
  'verify',
  'rebuild',
  'quarter-report',
  'import',
  'trust',
  'proof-verify',
  'emmett',
  'pg-append',
  'pg-parallel',
  'pg-rebuild',
  'merkle-append',
  'merkle-proof',
];

const args = process.argv.slice(2);
const sizes = args.includes('--quick') ? QUICK : FULL;
const onlyArg = args.find((arg) => arg.startsWith('--only='));
const only = onlyArg === undefined ? CASES : onlyArg.slice('--only='.length).split(',');
const unknown = only.filter((name) => !CASES.includes(name));
if (unknown.length > 0) {
  console.error(`unknown case(s): ${unknown.join(', ')}; known: ${CASES.join(', ')}`);
  process.exit(2);
}

const log = (line: string) => console.log(line);
const rows: BenchRow[] = [];
const failures: string[] = [];
const started = performance.now();

log(
  `perfledger bench (${sizes.mode}): ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}, ${process.platform}`,
);
log(
  "every case at the ledger's default durability (WAL, synchronous=FULL); baselines at the same settings\n",
);

async function step(name: string, work: () => BenchRow[] | Promise<BenchRow[]>): Promise<void> {
  if (!only.includes(name)) return;
  log(`${name}...`);
  const caseStarted = performance.now();
  try {
    const produced = await work();
    rows.push(...produced);
    for (const row of produced) {
      log(
        `  ${row.name}: ${row.ratio.toFixed(2)} × ${row.against} (${row.ours.toFixed(0)} vs ${row.baseline.toFixed(0)} ${row.unit})`,
      );
    }
  } catch (error) {
    failures.push(`${name}: ${(error as Error).stack ?? String(error)}`);
    log(`  FAILED: ${(error as Error).message}`);
  }
  log(`  (${((performance.now() - caseStarted) / 1000).toFixed(1)} s)`);
}

await step('append-batch', async () => [
  await appendBatch(sizes.appendBatch, 'full'),
  await appendBatch(sizes.appendBatch, 'normal'),
]);
await step('append-single', async () => [
  await appendSingle(sizes.appendSingle, 'full'),
  await appendSingle(sizes.appendSingleNormal, 'normal'),
  await appendSingle(sizes.appendSingleNormal, 'normal', true),
]);
await step('read-stream', async () => [await readStream(await ensureDataset(sizes.readStream, log))]);
const largest = () => ensureDataset(sizes.rebuild[sizes.rebuild.length - 1]!, log);
await step('verify', async () => [await verify(await largest(), sizes.verifyRepeats)]);
await step('merkle-append', () => merkleAppend(sizes.merkleAppend));
await step('merkle-proof', async () => merkleProof(await largest(), sizes.merkleProofs));
await step('rebuild', async () => {
  const datasets = [];
  for (const shape of sizes.rebuild) datasets.push(await ensureDataset(shape, log));
  return rebuild(datasets, log);
});
await step('quarter-report', async () => quarterReport(await largest(), sizes.reportRepeats, log));
await step('import', () => importCase(sizes.import, log));
await step('trust', async () =>
  trust(await ensureDataset(sizes.rebuild[0]!, log), sizes.verifyRepeats + 1, log),
);
await step('proof-verify', async () => [await proofVerify(await ensureDataset(sizes.rebuild[0]!, log), 200)]);
await step('emmett', async () => {
  const module = await loadEmmett(log);
  if ('skipped' in module) {
    log(`  skipped: ${module.skipped}`);
    return [];
  }
  try {
    return await emmett(module, sizes.emmett, log);
  } catch (error) {
    // Emmett misbehaving (beyond the retried SQLITE_BUSY) skips the comparison; it never fails the run.
    log(`  skipped: Emmett failed during the run: ${(error as Error).message.split('\n')[0]}`);
    return [];
  }
});

let server: Awaited<ReturnType<typeof findServer>> | undefined;
/** A PostgreSQL case: run on the server, or skipped with one line saying why. */
async function onPostgres(name: string, work: (url: string) => Promise<BenchRow[]>): Promise<void> {
  await step(name, async () => {
    server ??= await findServer();
    if ('skipped' in server) {
      log(`  skipped: ${server.skipped}`);
      return [];
    }
    return work(server.url);
  });
}
await onPostgres('pg-append', (url) => postgresAppends(url, sizes.postgres));
await onPostgres('pg-parallel', (url) => postgresParallel(url, sizes.postgres.parallelAppends));
await onPostgres('pg-rebuild', async (url) => {
  const shape = sizes.mode === 'quick' ? sizes.rebuild[0]! : sizes.rebuild[sizes.rebuild.length - 1]!;
  return postgresRebuild(url, await ensureDataset(shape, log), sizes.reportRepeats, log);
});

rmSync(SCRATCH_DIR, { recursive: true, force: true });
log(`\n${formatTable(rows)}\n`);
if (args.includes('--markdown')) log(`${formatMarkdown(rows)}\n`);
writeResults(RESULTS_FILE, rows);
log(`wrote ${RESULTS_FILE} (${rows.length} rows) in ${((performance.now() - started) / 1000).toFixed(0)} s`);
if (failures.length > 0) {
  console.error(`\n${failures.length} case(s) failed:\n${failures.join('\n\n')}`);
  process.exitCode = 1;
}
