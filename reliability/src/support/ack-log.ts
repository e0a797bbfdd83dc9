import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { CommandInput } from '@perfledger/core';

/** How a worker appended a batch. */
export type BatchOp = 'exec' | 'raw' | 'multi';

/**
 * One line of a worker's ack log. A worker writes `intent` before an append and `ack` only
 * after the append has returned, so the log on disk is a lower bound of what was acknowledged:
 * a batch with an `ack` line was acknowledged, and at most the last `intent` is in flight.
 */
export type AckLine =
  | { readonly k: 'ready'; readonly pid: number }
  | {
      readonly k: 'intent';
      readonly b: string;
      readonly op: BatchOp;
      /** The number of events the batch must write: every command of a batch writes exactly one. */
      readonly n: number;
      /** For `exec` batches: the commands, so the batch can be retried with its idempotency key. */
      readonly cmds?: readonly CommandInput[];
    }
  | {
      readonly k: 'ack';
      readonly b: string;
      readonly op: BatchOp;
      readonly first: number;
      readonly last: number;
      readonly ids: readonly string[];
      readonly replayed: boolean;
    }
  | { readonly k: 'conflict'; readonly b: string; readonly stream: string }
  | {
      readonly k: 'error';
      readonly b: string | null;
      readonly name: string;
      readonly code: string | null;
      readonly message: string;
    }
  | { readonly k: 'anomaly'; readonly b: string; readonly message: string }
  | { readonly k: 'progress'; readonly done: number; readonly total: number }
  | {
      readonly k: 'done';
      readonly batches: number;
      readonly conflicts: number;
      readonly replays: number;
      /** The longest any single append call took, waiting for the lock included (ms). */
      readonly slowestMs?: number;
    };

/**
 * Appends ack lines to a file with one `write(2)` each, so a line is on disk (in the page
 * cache, which survives the death of the process) before the worker goes on. `fsync` is
 * optional: it matters for power loss, which these scenarios do not simulate.
 */
export class AckWriter {
  readonly #fd: number;
  readonly #sync: boolean;

  constructor(file: string, options: { readonly fsync?: boolean } = {}) {
    this.#fd = openSync(file, 'a');
    this.#sync = options.fsync ?? false;
  }

  write(line: AckLine): void {
    writeSync(this.#fd, `${JSON.stringify(line)}\n`);
    if (this.#sync) fsyncSync(this.#fd);
  }

  close(): void {
    closeSync(this.#fd);
  }
}

/** Reads an ack log, ignoring a torn last line (a process killed in the middle of writing it). */
export function readAckLog(file: string): AckLine[] {
  if (!existsSync(file)) return [];
  const lines: AckLine[] = [];
  for (const text of readFileSync(file, 'utf8').split('\n')) {
    if (text === '') continue;
    try {
      lines.push(JSON.parse(text) as AckLine);
    } catch {
      // Only the last line can be torn; anything it said is treated as not acknowledged.
    }
  }
  return lines;
}

/** What one worker's log says: its acknowledged batches, the batch in flight when it stopped, and problems. */
export interface WorkerOutcome {
  readonly acks: readonly Extract<AckLine, { k: 'ack' }>[];
  readonly inFlight: Extract<AckLine, { k: 'intent' }> | undefined;
  readonly conflicts: number;
  readonly errors: readonly Extract<AckLine, { k: 'error' }>[];
  readonly anomalies: readonly Extract<AckLine, { k: 'anomaly' }>[];
  readonly finished: boolean;
}

/** Summarises an ack log: the last intent not followed by an ack, conflict or error is in flight. */
export function outcomeOf(lines: readonly AckLine[]): WorkerOutcome {
  const acks: Extract<AckLine, { k: 'ack' }>[] = [];
  const errors: Extract<AckLine, { k: 'error' }>[] = [];
  const anomalies: Extract<AckLine, { k: 'anomaly' }>[] = [];
  let inFlight: Extract<AckLine, { k: 'intent' }> | undefined;
  let conflicts = 0;
  let finished = false;
  for (const line of lines) {
    switch (line.k) {
      case 'intent':
        inFlight = line;
        break;
      case 'ack':
        acks.push(line);
        inFlight = undefined;
        break;
      case 'conflict':
        conflicts += 1;
        inFlight = undefined;
        break;
      case 'error':
        errors.push(line);
        inFlight = undefined;
        break;
      case 'anomaly':
        anomalies.push(line);
        break;
      case 'done':
        finished = true;
        break;
      default:
        break;
    }
  }
  return { acks, inFlight, conflicts, errors, anomalies, finished };
}
