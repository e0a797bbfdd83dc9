import { Argument, type Command } from 'commander';
import type { CliIo } from '../io.js';
import { progressFor } from '../output/progress.js';
import { standardProjections } from '../projections.js';
import { openForWriting, parseWholeNumber, using } from './common.js';

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
    .option('--batch-size <n>', "events per transaction (default: the ledger's, 50000 for a rebuild)")
    .action(async (names: string[], options: { batchSize?: string }, command: Command) => {
      const batchSize =
        options.batchSize === undefined ? undefined : parseWholeNumber('--batch-size', options.batchSize);
      // Catch-up mode: opening does not touch the projections, the rebuild does it all (verifying
      // the chain in the same pass).
      await using(openForWriting(command, io, { projectionMode: 'catch-up' }), async (ledger) => {
        const progress = progressFor(io, 'Rebuilding');
        const started = performance.now();
        let events: number;
        try {
          events = await ledger.projections.rebuild(names.length > 0 ? names : undefined, {
            ...(batchSize === undefined ? {} : { batchSize }),
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
