import { readFileSync } from 'node:fs';

/**
 * Adds up the time spent in measured sections, so that ours and the baseline can be timed in
 * alternation: on a busy machine both then suffer the same noise, and the ratio stays fair.
 *
 * @example
 * ```ts
 * const ours = new Stopwatch();
 * ours.time(() => ledger.append(stream, [event]));
 * ours.ms;
 * ```
 */
export class Stopwatch {
  #ms = 0;

  get ms(): number {
    return this.#ms;
  }

  time<T>(work: () => T): T {
    const started = performance.now();
    try {
      return work();
    } finally {
      this.#ms += performance.now() - started;
    }
  }

  async timeAsync<T>(work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.#ms += performance.now() - started;
    }
  }
}

/** Items per second. */
export function ratePerSecond(items: number, ms: number): number {
  return ms > 0 ? (items * 1000) / ms : 0;
}

/** The fastest of several timed runs, in milliseconds: the run least disturbed by other work. */
export function fastestOf(runs: number, work: () => number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) best = Math.min(best, work());
  return best;
}

/**
 * This process's peak resident set in MB: the kernel's high-water mark (`VmHWM`) where Linux
 * gives it, else the largest `rss` sampled so far.
 */
export function peakRssMb(sampledPeakBytes = 0): number {
  let peak = Math.max(sampledPeakBytes, process.memoryUsage().rss);
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) peak = Math.max(peak, Number(match[1]) * 1024);
  } catch {
    // Not Linux: the samples stand.
  }
  return peak / (1024 * 1024);
}

/** Samples `rss` cheaply at most every few milliseconds, keeping the peak. */
export class RssSampler {
  #peak = 0;
  #last = 0;

  sample(): void {
    const now = performance.now();
    if (now - this.#last < 5) return;
    this.#last = now;
    this.#peak = Math.max(this.#peak, process.memoryUsage().rss);
  }

  get peakBytes(): number {
    return this.#peak;
  }
}
