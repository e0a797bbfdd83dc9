// `npm run stress`: the reliability scenarios with larger counts than CI runs, and a summary
// table. Exits with 1 if any guarantee was broken. `--scale=0.25` shrinks every count.
import fc from 'fast-check';
import { runConcurrentWriters, runCreationRace } from './scenarios/concurrent-writers.js';
import { runCrashDuringAppends } from './scenarios/crash-appends.js';
import { runCrashDuringProjections } from './scenarios/crash-projections.js';
import { runHiddenCharacters } from './scenarios/hidden-characters.js';
import { hostileInputProperties, openHostileLedger } from './scenarios/hostile-input.js';
import { runImportLimits } from './scenarios/import-limits.js';
import { runOutputPathAttack } from './scenarios/output-paths.js';
import { runPoisonDates } from './scenarios/poison-dates.js';
import { runClockChaos, runTamperRounds, TAMPERINGS } from './scenarios/tamper-and-clock.js';
import { runUnchainedTableAttacks } from './scenarios/unchained-tables.js';

const scaleArgument = process.argv.find((arg) => arg.startsWith('--scale='));
const scale = scaleArgument === undefined ? 1 : Number(scaleArgument.slice('--scale='.length));
if (!(scale > 0)) throw new Error(`--scale must be a positive number, not ${scaleArgument}`);
const n = (count: number) => Math.max(1, Math.round(count * scale));

interface Row {
  readonly scenario: string;
  readonly result: string;
  readonly seconds: number;
  readonly problems: readonly string[];
}

const rows: Row[] = [];

async function measure(
  scenario: string,
  work: () => Promise<{ result: string; problems: readonly string[] }>,
) {
  process.stdout.write(`${scenario} ...\n`);
  const started = performance.now();
  let outcome: { result: string; problems: readonly string[] };
  try {
    outcome = await work();
  } catch (error) {
    outcome = {
      result: 'crashed',
      problems: [error instanceof Error ? (error.stack ?? error.message) : String(error)],
    };
  }
  rows.push({ scenario, ...outcome, seconds: (performance.now() - started) / 1000 });
}

const seed = Number(process.env.STRESS_SEED ?? Date.now() % 1_000_000);
process.stdout.write(`perfledger stress run, seed ${seed}, scale ${scale}\n\n`);

await measure(`concurrent writers: ${n(8)} processes × ${n(2000)} appends`, async () => {
  const r = await runConcurrentWriters({
    writers: n(8),
    batchesPerWriter: n(2000),
    maxBatch: 5,
    seed,
    raceWindowMs: 1,
  });
  return {
    result: `${r.batches} batches, ${r.events} events, ${r.conflicts} conflicts retried, ${r.replays} idempotent replays, ${Math.round(r.batches / (r.durationMs / 1000))} appends/s, slowest append ${r.slowestAppendMs} ms${r.slowestAppendMs > 5000 ? ' (longer than the default busyTimeoutMs of 5 000 ms)' : ''}`,
    problems: [...r.problems, ...r.errors.map((e) => `unexpected error in a writer: ${e}`)],
  };
});

await measure(`creating one file: ${n(8)} processes at once`, async () => {
  const r = await runCreationRace({ processes: n(8), batches: 20, seed });
  return { result: `${r.events} events`, problems: [...r.problems, ...r.errors] };
});

await measure(`SIGKILL during batch appends: ${n(10)} rounds × 2 writers`, async () => {
  const r = await runCrashDuringAppends({
    rounds: n(10),
    writersPerRound: 2,
    batchesPerWriter: 60,
    maxBatch: 40,
    seed,
  });
  return {
    result: `${r.kills} kills (${r.finishedBeforeKill} too late); in flight: ${r.inFlightPresent} committed whole, ${r.inFlightAbsent} absent; retried: ${r.retriedReplayed} replayed, ${r.retriedWritten} written once; ${r.events} events, ${r.projectionRows} projection rows = rebuild`,
    problems: [...r.problems, ...r.errors.map((e) => `unexpected error in a writer: ${e}`)],
  };
});

for (const mode of ['rebuild', 'catch-up'] as const) {
  await measure(`SIGKILL during ${mode}: ${n(6)} rounds over ${n(12_000)} events`, async () => {
    const r = await runCrashDuringProjections({
      mode,
      rounds: n(6),
      events: n(12_000),
      batchSize: 250,
      concurrentWriter: mode === 'catch-up',
      seed,
    });
    return {
      result: `${r.kills} kills (${r.interrupted} mid-run, ${r.finishedBeforeKill} too late); resumed = rebuild over ${r.projectionRows} rows`,
      problems: r.problems,
    };
  });
}

await measure('hostile input: every entry point', async () => {
  const runs = n(1000);
  const target = await openHostileLedger();
  try {
    const problems: string[] = [];
    let total = 0;
    for (const { name, property } of hostileInputProperties(target)) {
      // The importer's megabyte CSV cases are slow; give it a fifth of the runs.
      const numRuns = name.startsWith('importSnapshot(') ? Math.ceil(runs / 5) : runs;
      const details = await fc.check(property, { numRuns, seed });
      total += details.numRuns;
      if (details.failed) {
        problems.push(
          `${name}: counterexample ${fc.stringify(details.counterexample)}: ${String(details.errorInstance)}`,
        );
      }
    }
    return {
      result: `${total} malformed inputs, each refused with a typed error, bytes unchanged`,
      problems,
    };
  } finally {
    await target.close();
  }
});

await measure(`output paths: ${n(5000)} writes over the ledger's own files`, async () => {
  const r = await runOutputPathAttack({ attempts: n(5000), seed });
  return {
    result: `${r.refused} of ${r.attempts} refused with OUTPUT_IS_LEDGER (every spelling, symlinks, hard links, with force), ledger bytes unchanged`,
    problems:
      r.refused === r.attempts
        ? r.problems
        : [...r.problems, `${r.attempts - r.refused} attempts were not refused`],
  };
});

await measure(`import limits: a ${n(1_000_000)}-row CSV, /dev/zero, ${n(20_000)} rows within`, async () => {
  const r = runImportLimits({ hugeRows: n(1_000_000), rows: n(20_000) });
  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  return {
    result:
      `${mb(r.hugeBytes)} refused up front in ${r.refused.ms.toFixed(0)} ms at ${r.refused.peakRssMb.toFixed(0)} MB peak RSS; ` +
      `row limit stopped it in ${r.stoppedAtRowLimit.ms.toFixed(0)} ms at ${r.stoppedAtRowLimit.peakRssMb.toFixed(0)} MB; ` +
      `${r.imported.rows} rows imported in ${(r.imported.ms / 1000).toFixed(1)} s at ${r.imported.peakRssMb.toFixed(0)} MB`,
    problems: r.problems,
  };
});

await measure(`tables outside the chain: ${n(100)} projection edits, ${n(50)} planted keys`, async () => {
  const r = await runUnchainedTableAttacks({ edits: n(100), forgedKeys: n(50), events: n(2000), seed });
  return {
    result: `${r.found} of ${r.edits} single-row edits found by verifyProjections (${r.rows} rows compared each time, file unchanged); ${r.forgedKeysIgnored} appends with a planted key written`,
    problems: r.problems,
  };
});

await measure('poison business dates: refused on write, readable when legacy, repaired', async () => {
  const { rounds, problems } = await runPoisonDates(n(200), seed);
  return {
    result: `${rounds} rounds: every poison date refused with bytes unchanged; every read model total over legacy dates; every re-import repaired`,
    problems,
  };
});

await measure(`tampered logs: ${n(40)} rounds of ${TAMPERINGS.length} kinds`, async () => {
  const r = await runTamperRounds({ rounds: n(40), seed });
  return {
    result: `${r.refused} of ${3 * r.rounds} publish/reproduce/rebuild attempts refused (VERIFICATION_FAILED), no event written; the chain walk alone found ${r.foundByFullVerify} of ${r.rounds}, the verified mark the rest`,
    problems: r.problems,
  };
});

await measure(`leaping clock: ${n(2000)} appends`, async () => {
  const r = await runClockChaos({ appends: n(2000), seed });
  return {
    result: `${r.refused} leaps refused (CLOCK_JUMP), nothing written; ${r.events} events, recorded times strictly increasing within the bound`,
    problems: r.problems,
  };
});

await measure(`hidden characters (Trojan Source): ${n(1000)} commands, ${n(40)} legacy ledgers`, async () => {
  const r = await runHiddenCharacters({ runs: n(1000), ledgers: n(40), seed });
  return {
    result: `${r.refused} commands with a bidi control or hidden character refused, naming it; ${r.outputs} outputs of ${r.ledgers} legacy ledgers with none raw`,
    problems: r.problems,
  };
});

const width = Math.max(...rows.map((row) => row.scenario.length));
process.stdout.write(`\n${'scenario'.padEnd(width)}  ${'ok'.padEnd(4)}  ${'time'.padStart(7)}  result\n`);
for (const row of rows) {
  const ok = row.problems.length === 0 ? 'ok' : 'FAIL';
  process.stdout.write(
    `${row.scenario.padEnd(width)}  ${ok.padEnd(4)}  ${`${row.seconds.toFixed(1)}s`.padStart(7)}  ${row.result}\n`,
  );
}
const failed = rows.filter((row) => row.problems.length > 0);
for (const row of failed) {
  process.stdout.write(
    `\n${row.scenario}:\n${row.problems
      .slice(0, 20)
      .map((p) => `  - ${p}`)
      .join('\n')}\n`,
  );
}
process.stdout.write(
  failed.length === 0 ? '\nEvery guarantee held.\n' : `\n${failed.length} scenario(s) broke a guarantee.\n`,
);
process.exitCode = failed.length === 0 ? 0 : 1;
