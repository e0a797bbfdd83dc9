import { copyFileSync } from 'node:fs';
import {
  type Ledger,
  openLedger,
  type PendingEvent,
  ProjectionRunner,
  publishReport,
  verifyChainIncrementally,
} from '@perfledger/core';
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
 * const rows = trust(dataset, 3, console.log);
 * ```
 */
export function trust(dataset: Dataset, repeats: number, log: (line: string) => void): BenchRow[] {
  const file = scratchFile('trust');
  copyFileSync(dataset.file, file);
  let clockAt = 0;
  const clock = () => {
    clockAt += 1_000;
    return new Date(clockAt);
  };
  const ledger = openLedger({ file, clock });
  try {
    clockAt = Date.parse(ledger.head().recordedAt ?? '2024-01-01T00:00:00Z') + 86_400_000;
    const size = dataset.events.toLocaleString('en-GB');
    const fullWalk = fastest(repeats, () => {
      if (!ledger.verify().ok) throw new Error('trust: the dataset does not verify');
    });
    // The first publication has no mark to start from (and is measured once: it records one).
    const firstPublish = time(() => publish(ledger, 0));
    const incrementalWalk = fastest(
      repeats,
      () => {
        if (!verifyChainIncrementally(ledger).result.ok) throw new Error('trust: the walk failed');
      },
      () => appendNew(ledger),
    );
    const incrementalPublish = fastest(
      repeats,
      (run) => publish(ledger, run + 1),
      () => appendNew(ledger),
    );
    const runner = new ProjectionRunner(ledger, allProjections(), { mode: 'catch-up' });
    const rebuildMs = time(() => runner.rebuild());
    const rebuildWalk = fastest(repeats, () => void ledger.verify());
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
    ledger.close();
  }
}

function appendNew(ledger: Ledger): void {
  const events = Array.from(
    { length: NEW_EVENTS },
    (_, i) =>
      ({
        type: 'CommentAdded',
        effectiveOn: '2024-01-15',
        data: { comment: `bench ${i}` },
      }) as unknown as PendingEvent,
  );
  ledger.append('action:BENCH_TRUST', events);
}

function publish(ledger: Ledger, run: number): void {
  publishReport(ledger, {
    fy: '2023/24',
    quarter: 4,
    content: `bench report ${run}`,
    format: 'md',
    generator: 'bench@1',
  });
}

function time(work: () => void): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

/** The fastest of `runs` runs of `work`, each after an untimed `setup`. */
function fastest(runs: number, work: (run: number) => void, setup?: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < runs; run++) {
    setup?.();
    const started = performance.now();
    work(run);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}
