import { ProjectionRunner } from '@perfledger/core';
import { Argument, type Command } from 'commander';
import type { CliIo } from '../io.js';
import { progressFor } from '../output/progress.js';
import { standardProjections } from '../projections.js';
import { openForWriting, using } from './common.js';

/** `perfledger rebuild [PROJECTION...]`: drops and replays projections from the log. */
export function registerRebuildCommand(program: Command, io: CliIo): void {
  program
    .command('rebuild')
    .description(
      'drop and rebuild projections from the log (all when none are named); resumable if interrupted',
    )
    .addArgument(
      new Argument('[projection...]', 'projections to rebuild').choices(
        standardProjections.map((p) => p.name),
      ),
    )
    .option('--batch-size <n>', 'events per transaction', '5000')
    .action(async (names: string[], options: { batchSize: string }, command: Command) => {
      await using(openForWriting(command, io), (ledger) => {
        const runner = new ProjectionRunner(ledger, standardProjections, { mode: 'catch-up' });
        const progress = progressFor(io, 'Rebuilding');
        const started = performance.now();
        let events: number;
        try {
          events = runner.rebuild(names, {
            batchSize: Math.max(1, Number(options.batchSize) || 5000),
            onProgress: ({ done, total }) => progress.update(done, total),
          });
        } finally {
          progress.stop();
        }
        const seconds = (performance.now() - started) / 1000;
        const rebuilt = names.length > 0 ? names : standardProjections.map((p) => p.name);
        io.stdout(`Rebuilt ${rebuilt.join(', ')} from ${events} events in ${seconds.toFixed(2)} s.\n`);
      });
    });
}
