import { SingleBar } from 'cli-progress';
import type { CliIo } from '../io.js';

/** Reports progress of a long operation: done out of total. */
export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

/**
 * A progress bar on stderr when a person is watching a terminal; silent when output is piped or
 * in CI, so logs and redirected output stay clean.
 *
 * @example
 * ```ts
 * const progress = progressFor(io, 'Rebuilding');
 * await ledger.projections.rebuild(undefined, { onProgress: ({ done, total }) => progress.update(done, total) });
 * progress.stop();
 * ```
 */
export function progressFor(io: CliIo, label: string): Progress {
  if (!io.interactive) return { update: () => {}, stop: () => {} };
  let bar: SingleBar | undefined;
  return {
    update(done, total) {
      if (bar === undefined) {
        bar = new SingleBar({
          format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`,
          stream: process.stderr,
          hideCursor: true,
          clearOnComplete: true,
        });
        bar.start(total, done);
      } else {
        bar.setTotal(total);
        bar.update(done);
      }
    },
    stop() {
      bar?.stop();
    },
  };
}
