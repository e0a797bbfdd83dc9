import { copyFileSync } from 'node:fs';
import { type Ledger, type PendingEvent, publishReport, verifyChainIncrementally } from '@perfledger/core';
import { openLedger } from '@perfledger/sqlite';
import type { Dataset } from './dataset.js';
import { scratchFile } from './paths.js';
import { allProjections } from './projections.js';
import { type BenchRow, costRow } from './report.js';

/** Events appended between two publications in the incremental rows: about a quarter's import. */
const NEW_EVENTS = 1_000;

/**
 * `trust`: what verifying before trusting costs (issue 11, item 4). On a copy of the dataset:
 * - the first publication, which walks the whole chain (no verified mark yet), against that
 *   walk alone (`ledger.verify()`);
 * - a publication after {@link NEW_EVENTS} more events, which walks only those from the mark,
 *   against the incremental walk alone (`verifyChainIncrementally`) over as many new events;
 * - a rebuild of the shipped projections, which verifies in the same pass, against the walk
 *   alone: the share of the rebuild the verification takes.
 * Each is the fastest of `repeats` runs (the rebuild runs once). Costs in ms: lower is better.
 *
 * @example
 * ```ts
 * const rows = await trust(dataset, 3, console.log);
 * ```
 */
export async function trust(
  dataset: Dataset,
  repeats: number,
  log: (line: string) => void,
): Promise<BenchRow[]> {
  const file = scratchFile('trust');
  copyFileSync(dataset.file, file);
  let clockAt = 0;
  const clock = () => {
    clockAt += 1_000;
    return new Date(clockAt);
  };
  const ledger = await openLedger({ file, clock, projections: allProjections(), projectionMode: 'catch-up' });
  try {
    clockAt = Date.parse((await ledger.head()).recordedAt ?? '2024-01-01T00:00:00Z') + 86_400_000;
    const size = dataset.events.toLocaleString('en-GB');
    const fullWalk = await fastest(repeats, async () => {
      if (!(await ledger.verify()).ok) throw new Error('trust: the dataset does not verify');
    });
    // The first publication has no mark to start from (and is measured once: it records one).
    const firstPublish = await time(() => publish(ledger, 0));
    const incrementalWalk = await fastest(
      repeats,
      async () => {
        if (!(await verifyChainIncrementally(ledger)).result.ok) throw new Error('trust: the walk failed');
      },
      () => appendNew(ledger),
    );
    const incrementalPublish = await fastest(
      repeats,
      (run) => publish(ledger, run + 1),
      () => appendNew(ledger),
    );
    const rebuildMs = await time(() => ledger.projections.rebuild());
    const rebuildWalk = await fastest(repeats, () => ledger.verify());
    log(
      `  full walk ${fullWalk.toFixed(0)} ms, first publish ${firstPublish.toFixed(0)} ms; ` +
        `walk of ${NEW_EVENTS} new ${incrementalWalk.toFixed(1)} ms, publish after them ${incrementalPublish.toFixed(1)} ms; ` +
        `rebuild ${rebuildMs.toFixed(0)} ms (walk alone ${rebuildWalk.toFixed(0)} ms)`,
    );
    return [
      costRow(
        `publish, first (whole chain) @${size}`,
        'ms',
        firstPublish,
        fullWalk,
        'ledger.verify() alone',
        'no verified mark yet: the publication walks every event',
      ),
      costRow(
        `publish after ${NEW_EVENTS} new events @${size}`,
        'ms',
        incrementalPublish,
        incrementalWalk,
        `the incremental walk alone over ${NEW_EVENTS} events`,
        'walks only the events since the verified mark',
      ),
      costRow(
        `rebuild, verified in the pass @${size}`,
        'ms',
        rebuildMs,
        rebuildWalk,
        'ledger.verify() alone',
        `the walk is ${((100 * rebuildWalk) / rebuildMs).toFixed(0)} % of the rebuild's time, an upper bound on what verifying in the pass adds`,
      ),
    ];
  } finally {
    await ledger.close();
  }
}

async function appendNew(ledger: Ledger): Promise<void> {
  const events = Array.from(
    { length: NEW_EVENTS },
    (_, i) =>
      ({
        type: 'CommentAdded',
        effectiveOn: '2024-01-15',
        data: { comment: `bench ${i}` },
      }) as unknown as PendingEvent,
  );
  await ledger.append('action:BENCH_TRUST', events);
}

async function publish(ledger: Ledger, run: number): Promise<void> {
  await publishReport(ledger, {
    fy: '2023/24',
    quarter: 4,
    content: `bench report ${run}`,
    format: 'md',
    generator: 'bench@1',
  });
}

async function time(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** The fastest of `runs` runs of `work`, each after an untimed `setup`. */
async function fastest(
  runs: number,
  work: (run: number) => Promise<unknown>,
  setup?: () => Promise<void>,
): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < runs; run++) {
    await setup?.();
    const started = performance.now();
    await work(run);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}
