import type { VerifyResult } from '../chain/verify-result.js';
import { ValidationError, type VerificationFailedError } from '../errors/index.js';
import type { EventEnvelope, EventType } from '../events/index.js';
import {
  chainRefusal,
  checkChainEnds,
  VerifyingPass,
  verifyChainIncrementally,
} from '../integrity/verified-chain.js';
import type { Ledger } from '../ledger/ledger.js';
import { type Checkpoint, CheckpointStore } from './checkpoint-store.js';
import type { ProgressCallback } from './progress.js';
import type { Projection, ProjectionHandler } from './projection.js';

/** How the runner keeps projections up to date. */
export interface ProjectionRunnerOptions {
  /**
   * `'inline'` (default): projections are updated inside every append's transaction, so no reader
   * ever sees the log ahead of them. `'catch-up'`: only when {@link ProjectionRunner.catchUp} runs.
   */
  readonly mode?: 'inline' | 'catch-up';
  /** Events per transaction during catch-up and rebuild; 1 000 by default. */
  readonly batchSize?: number;
}

/** Options for one catch-up or rebuild run. */
export interface RunOptions {
  readonly batchSize?: number;
  readonly onProgress?: ProgressCallback;
}

/** Where one projection stands against the log. */
export interface ProjectionStatus {
  readonly name: string;
  readonly version: number;
  readonly storedVersion: number | null;
  readonly position: number;
  readonly head: number;
  readonly state: 'ready' | 'rebuilding' | 'missing' | 'outdated';
}

const NAME = /^[a-z][a-z0-9_]*$/;

/**
 * Runs projections over a ledger: creates their tables, keeps them up to date inline or by
 * catch-up from a stored checkpoint, and rebuilds them (automatically when a version changes).
 * Every batch's effects and its checkpoint are written in one transaction, so a crash at any
 * moment leaves each projection exactly at its checkpoint, and the next run resumes from there.
 *
 * @example
 * ```ts
 * const runner = new ProjectionRunner(ledger, [quarterEndProjection, slippageProjection]);
 * runner.start(); // create, rebuild or catch up as needed, then follow appends inline
 * ```
 */
export class ProjectionRunner {
  readonly #ledger: Ledger;
  readonly #projections: readonly Projection[];
  readonly #mode: 'inline' | 'catch-up';
  readonly #batchSize: number;
  /** Each projection's handled event types as a set (absent: all), built once, not per batch or append. */
  readonly #wanted = new Map<string, ReadonlySet<string>>();
  #checkpoints: CheckpointStore | undefined;
  #handlers = new Map<string, ProjectionHandler>();
  #detach: (() => void) | undefined;

  constructor(ledger: Ledger, projections: readonly Projection[], options: ProjectionRunnerOptions = {}) {
    const names = new Set<string>();
    for (const projection of projections) {
      if (!NAME.test(projection.name) || names.has(projection.name)) {
        throw new ValidationError(`Projection name '${projection.name}' is invalid or used twice.`, [
          {
            path: ['projections', projection.name],
            message: 'must be unique, lowercase letters, digits and _',
          },
        ]);
      }
      if (!Number.isSafeInteger(projection.version) || projection.version < 1) {
        throw new ValidationError(`Projection '${projection.name}' needs a positive integer version.`);
      }
      names.add(projection.name);
    }
    this.#ledger = ledger;
    this.#projections = projections;
    this.#mode = options.mode ?? 'inline';
    this.#batchSize = options.batchSize ?? 1_000;
    for (const projection of projections) {
      if (projection.eventTypes !== undefined)
        this.#wanted.set(projection.name, new Set(projection.eventTypes));
    }
  }

  /** The projections this runner manages. */
  get projections(): readonly Projection[] {
    return this.#projections;
  }

  /**
   * Brings every projection up to date: creates missing ones, rebuilds those whose version
   * changed, resumes interrupted rebuilds, catches up the rest; then, in inline mode, follows
   * every append. Call once after opening the ledger.
   *
   * @example
   * ```ts
   * runner.start({ onProgress: ({ done, total }) => bar.update(done, { total }) });
   * ```
   */
  start(options: RunOptions = {}): void {
    const outdated = this.#projections.filter((projection) => {
      const checkpoint = this.#store().get(projection.name);
      return checkpoint === undefined || checkpoint.version !== projection.version;
    });
    if (outdated.length > 0) this.#reset(outdated);
    this.catchUp(options);
    if (this.#mode === 'inline' && this.#detach === undefined) {
      this.#detach = this.#ledger.onAppend((events) => this.#applyInline(events));
    }
  }

  /** Stops following appends (inline mode). Tables and checkpoints stay as they are. */
  stop(): void {
    this.#detach?.();
    this.#detach = undefined;
  }

  /**
   * Applies every event after each projection's checkpoint, in batches; each batch and its
   * checkpoint commit together. Returns the number of events read.
   *
   * Read models are only built from a verified log. From position 0 (a rebuild, a new
   * projection), or resuming an interrupted rebuild, the chain is verified from the start, in the
   * same pass, batch by batch before each batch is applied; otherwise it is verified first,
   * incrementally from the ledger's verified mark. At a
   * break it throws {@link VerificationFailedError}: a break found before reading leaves the
   * projections as they were; one found during a rebuild rolls back the batch in hand and leaves
   * the projections marked `rebuilding`, which readers refuse, never half-built in use.
   *
   * @example
   * ```ts
   * runner.catchUp({ batchSize: 5_000 });
   * ```
   */
  catchUp(options: RunOptions = {}): number {
    const store = this.#store();
    const batchSize = options.batchSize ?? this.#batchSize;
    const checkpoints = new Map<string, Checkpoint>();
    for (const projection of this.#projections) {
      const checkpoint = store.get(projection.name);
      if (checkpoint === undefined || checkpoint.version !== projection.version) {
        throw new ValidationError(
          `Projection '${projection.name}' is not set up; call start() or rebuild() first.`,
        );
      }
      checkpoints.set(projection.name, checkpoint);
    }
    if (checkpoints.size === 0) return 0;
    const from = Math.min(...[...checkpoints.values()].map((c) => c.position));
    const logHead = this.#ledger.head();
    const head = logHead.position;
    if (from >= head) {
      this.#markReady(checkpoints, head);
      return 0;
    }
    // A pass from the start reads every event anyway: verify the chain as it goes, after the
    // cheap checks of its two ends. Otherwise verify what was appended since the last verified
    // position before applying any of it.
    // A rebuild that is resuming verifies from the start too: what it applied before stopping was
    // verified in its pass, but the events it has yet to read may lie before the verified mark.
    const resuming = [...checkpoints.values()].some((checkpoint) => checkpoint.state === 'rebuilding');
    const pass = from === 0 || resuming ? new VerifyingPass(this.#ledger, logHead) : undefined;
    const before =
      pass === undefined
        ? verifyChainIncrementally(this.#ledger).result
        : (checkChainEnds(this.#ledger, logHead) ?? pass.through(from));
    if (before !== undefined && !before.ok) {
      throw chainRefusal(
        this.#ledger,
        'bring the projections up to date',
        before,
        resuming ? 'the projections are left marked for rebuild' : 'the projections were left as they were',
      );
    }
    const total = head - from;
    const started = performance.now();
    let done = 0;
    let after = from;
    const types = this.#unionOfTypes();
    for (const batch of this.#ledger.store.readAllBatches({
      after: from,
      upTo: head,
      batchSize,
      ...(types === undefined ? {} : { types }),
    })) {
      const last = batch[batch.length - 1]!.position;
      this.#ledger.store.transaction(() => {
        const broken = pass?.through(last);
        if (broken !== undefined) throw this.#rebuildRefusal(broken);
        for (const projection of this.#projections) {
          if (!checkpoints.has(projection.name)) continue;
          // Re-read under the write lock: another process may have caught this projection up
          // (its events must not be applied twice) or reset it (then it is no longer ours to
          // continue: this batch would skip the events before `after`).
          const checkpoint = store.get(projection.name);
          if (
            checkpoint === undefined ||
            checkpoint.version !== projection.version ||
            checkpoint.position < after
          ) {
            checkpoints.delete(projection.name);
            continue;
          }
          const handler = this.#handler(projection);
          const wanted = this.#wanted.get(projection.name);
          for (const event of batch) {
            if (event.position <= checkpoint.position) continue;
            if (wanted === undefined || wanted.has(event.type)) handler(event);
          }
          const next: Checkpoint = { ...checkpoint, position: Math.max(checkpoint.position, last) };
          if (checkpoint.position < last) store.put(next);
          checkpoints.set(projection.name, next);
        }
      });
      after = last;
      done = last - from;
      options.onProgress?.({ done, total, rate: rateOf(done, started) });
    }
    if (pass !== undefined) {
      const result = pass.finish();
      if (!result.ok) throw this.#rebuildRefusal(result);
    }
    // Filtered reads may end before the head; the events in between concern no projection.
    this.#markReady(checkpoints, head);
    if (done < total) options.onProgress?.({ done: total, total, rate: rateOf(total, started) });
    return total;
  }

  /**
   * Drops and recreates the named projections' tables (all when none are named) and replays the
   * log into them in batches, verifying the hash chain in the same pass (see
   * {@link ProjectionRunner.catchUp}). Interrupted, it resumes from its last committed batch on
   * the next {@link ProjectionRunner.start}.
   *
   * @throws VerificationFailedError at the first break in the chain; the projections are left
   *   marked `rebuilding`.
   *
   * @example
   * ```ts
   * runner.rebuild(['slippage'], { onProgress: ({ done, total, rate }) => log(done, total, rate) });
   * ```
   */
  rebuild(names?: readonly string[], options: RunOptions = {}): number {
    const chosen =
      names === undefined || names.length === 0
        ? this.#projections
        : names.map((name) => {
            const found = this.#projections.find((projection) => projection.name === name);
            if (found === undefined) {
              throw new ValidationError(
                `No projection named '${name}'. Known: ${this.#projections.map((p) => p.name).join(', ')}.`,
                [{ path: ['projections', name], message: 'unknown projection' }],
              );
            }
            return found;
          });
    // The two ends of the log first (cheap): a cut tail or a history rewritten up to the verified
    // mark is refused before any table is dropped.
    const broken = checkChainEnds(this.#ledger, this.#ledger.head());
    if (broken !== undefined) {
      throw chainRefusal(
        this.#ledger,
        'rebuild the projections',
        broken,
        'the projections were left as they were',
      );
    }
    this.#reset(chosen);
    return this.catchUp(options);
  }

  /**
   * Each projection's version, checkpoint and state against the log's head.
   *
   * @example
   * ```ts
   * for (const s of runner.status()) console.log(s.name, s.position, '/', s.head);
   * ```
   */
  status(): ProjectionStatus[] {
    const head = this.#ledger.head().position;
    return this.#projections.map((projection) => {
      const checkpoint = this.#store().get(projection.name);
      const state =
        checkpoint === undefined
          ? 'missing'
          : checkpoint.version !== projection.version
            ? 'outdated'
            : checkpoint.state;
      return {
        name: projection.name,
        version: projection.version,
        storedVersion: checkpoint?.version ?? null,
        position: checkpoint?.position ?? 0,
        head,
        state,
      };
    });
  }

  #rebuildRefusal(result: VerifyResult): VerificationFailedError {
    return chainRefusal(
      this.#ledger,
      'rebuild the projections',
      result,
      'the batch in hand was rolled back and the projections are left marked for rebuild, so no reader uses them half-built',
    );
  }

  #reset(projections: readonly Projection[]): void {
    const store = this.#store();
    this.#ledger.store.transaction((db) => {
      for (const projection of projections) {
        for (const table of projection.tables) db.exec(`DROP TABLE IF EXISTS "${table.name}"`);
        for (const table of projection.tables) db.exec(table.sql);
        store.put({ name: projection.name, version: projection.version, position: 0, state: 'rebuilding' });
        this.#handlers.delete(projection.name);
      }
    });
  }

  #markReady(checkpoints: Map<string, Checkpoint>, head: number): void {
    const store = this.#store();
    const changed = [...checkpoints.values()].filter((c) => c.position < head || c.state !== 'ready');
    if (changed.length === 0 || this.#ledger.readonly) return;
    this.#ledger.store.transaction(() => {
      for (const checkpoint of changed) {
        // Re-read under the lock: an inline append may have moved it on meanwhile, and another
        // process may have reset it (then its position went back, and it is not ready).
        const current = store.get(checkpoint.name) ?? checkpoint;
        if (current.version !== checkpoint.version || current.position < checkpoint.position) continue;
        store.put({ ...current, position: Math.max(current.position, head), state: 'ready' });
      }
    });
  }

  #applyInline(events: readonly EventEnvelope[]): void {
    const first = events[0];
    if (first === undefined) return;
    const store = this.#store();
    const last = events[events.length - 1]!.position;
    for (const projection of this.#projections) {
      const checkpoint = store.get(projection.name);
      // Behind (another process appended, or a rebuild is resuming): leave it to catch-up.
      if (checkpoint === undefined || checkpoint.version !== projection.version) continue;
      if (checkpoint.state !== 'ready' || checkpoint.position !== first.position - 1) continue;
      const handler = this.#handler(projection);
      const wanted = this.#wanted.get(projection.name);
      for (const event of events) if (wanted === undefined || wanted.has(event.type)) handler(event);
      store.put({ ...checkpoint, position: last });
    }
  }

  #handler(projection: Projection): ProjectionHandler {
    let handler = this.#handlers.get(projection.name);
    if (handler === undefined) {
      handler = projection.handler(this.#ledger.store.database);
      this.#handlers.set(projection.name, handler);
    }
    return handler;
  }

  #unionOfTypes(): EventType[] | undefined {
    const types = new Set<EventType>();
    for (const projection of this.#projections) {
      if (projection.eventTypes === undefined) return undefined;
      for (const type of projection.eventTypes) types.add(type);
    }
    return [...types];
  }

  #store(): CheckpointStore {
    this.#checkpoints ??= new CheckpointStore(this.#ledger.store.database);
    return this.#checkpoints;
  }
}

function rateOf(done: number, started: number): number {
  const seconds = (performance.now() - started) / 1000;
  return seconds > 0 ? Math.round(done / seconds) : done;
}
