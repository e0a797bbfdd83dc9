import type { VerifyResult } from '../chain/verify-result.js';
import { StorageError, ValidationError, type VerificationFailedError } from '../errors/index.js';
import { ProjectionNotReadyError } from '../errors/projection-not-ready-error.js';
import type { EventEnvelope, EventType } from '../events/index.js';
import {
  chainRefusal,
  checkChainEnds,
  VerifyingPass,
  verifyChainIncrementally,
} from '../integrity/verified-chain.js';
import type { Ledger } from '../ledger/ledger.js';
import { assertOptions, optionalCount } from '../ledger/validate-arguments.js';
import type { InTransactionHook, LogHead, ProjectionStorage, StoreSession } from '../store/event-store.js';
import type { Checkpoint } from './checkpoint.js';
import type { ProgressCallback } from './progress.js';
import type { Projection, ProjectionRow, ProjectionTable } from './projection.js';
import { StreamHistories } from './stream-histories.js';
import { validateProjections } from './validate-projections.js';

/** Options for one catch-up or rebuild run. */
export interface RunOptions {
  /**
   * Events per transaction; 1 000 for catch-up and 100 000 for a rebuild by default. They are
   * read up to 5 000 at a time, so memory holds one such batch whatever the transaction's size.
   */
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

const RUN_KEYS = ['batchSize', 'onProgress'];
const CATCH_UP_BATCH = 1_000;
const REBUILD_BATCH = 100_000;
/** Events read at a time within a transaction. */
const READ_BATCH = 5_000;

/**
 * The projections a ledger owns (`ledger.projections`): it creates their tables, keeps them up
 * to date inline in every append's transaction (or by catch-up), rebuilds them when their
 * version changes, and tells reads whether they are ready. Every batch's rows and its checkpoint
 * commit together, so a crash leaves each projection exactly at its checkpoint; a rebuild is
 * marked `rebuilding` until its last row and index are in, and reads refuse it until then.
 *
 * @example
 * ```ts
 * for (const s of await ledger.projections.status()) console.log(s.name, s.state, s.position, '/', s.head);
 * await ledger.projections.rebuild(['slippage']);
 * ```
 */
export class LedgerProjections {
  readonly #ledger: Ledger;
  readonly #projections: readonly Projection[];
  readonly #mode: 'inline' | 'catch-up';
  /** Each projection's handled event types as a set (absent: all), built once. */
  readonly #wanted = new Map<string, ReadonlySet<string>>();
  readonly #tables = new Map<string, ProjectionTable>();
  readonly #needsHistory: boolean;

  /** Made by the ledger; use `ledger.projections`. */
  constructor(ledger: Ledger, projections: readonly Projection[], mode: unknown = 'inline') {
    if (mode !== 'inline' && mode !== 'catch-up') {
      throw new ValidationError("projectionMode must be 'inline' or 'catch-up'.", [
        { path: ['projectionMode'], message: "must be 'inline' or 'catch-up'" },
      ]);
    }
    validateProjections(projections);
    this.#ledger = ledger;
    this.#projections = Object.freeze([...projections]);
    this.#mode = mode;
    for (const projection of projections) {
      if (projection.eventTypes !== undefined)
        this.#wanted.set(projection.name, new Set(projection.eventTypes));
      for (const table of projection.tables) this.#tables.set(table.name, table);
    }
    this.#needsHistory = projections.some((projection) => projection.history === true);
  }

  /** The projections this ledger owns. */
  get list(): readonly Projection[] {
    return this.#projections;
  }

  /** `'inline'` or `'catch-up'`. */
  get mode(): 'inline' | 'catch-up' {
    return this.#mode;
  }

  /**
   * Brings every projection up to date: creates missing ones, rebuilds those whose version
   * changed, resumes interrupted rebuilds, catches up the rest. The ledger calls it when opened
   * (read-write, inline mode); a read-only ledger leaves the tables as they are.
   */
  async start(options: RunOptions = {}): Promise<void> {
    if (this.#projections.length === 0 || this.#ledger.readonly || this.#mode !== 'inline') return;
    await this.catchUp(options);
  }

  /**
   * Each projection's version, checkpoint and state against the log's head.
   *
   * @example
   * ```ts
   * const behind = (await ledger.projections.status()).filter((s) => s.position < s.head);
   * ```
   */
  async status(): Promise<ProjectionStatus[]> {
    const head = (await this.#ledger.head()).position;
    const storage = this.#storage();
    const statuses: ProjectionStatus[] = [];
    for (const projection of this.#projections) {
      const checkpoint = await storage.checkpoint(projection.name);
      statuses.push({
        name: projection.name,
        version: projection.version,
        storedVersion: checkpoint?.version ?? null,
        position: checkpoint?.position ?? 0,
        head,
        state:
          checkpoint === undefined
            ? 'missing'
            : checkpoint.version !== projection.version
              ? 'outdated'
              : checkpoint.state,
      });
    }
    return statuses;
  }

  /**
   * Checks that projection `name` can answer a read pinned at position `upTo`; throws
   * {@link ProjectionNotReadyError} otherwise. On a writable ledger a projection that is merely
   * behind (another process appended) is caught up first.
   *
   * @example
   * ```ts
   * const { upTo } = await ledger.resolveAsOf(options);
   * await ledger.projections.require('quarter_end', upTo);
   * ```
   */
  async require(name: string, upTo: number): Promise<void> {
    const projection = this.#projections.find((p) => p.name === name);
    if (projection === undefined) {
      throw new ProjectionNotReadyError(
        name,
        0,
        upTo,
        'it is not one of the projections this ledger was opened with',
      );
    }
    let checkpoint = await this.#storage().checkpoint(name);
    if (
      checkpoint !== undefined &&
      checkpoint.version === projection.version &&
      checkpoint.state === 'ready' &&
      checkpoint.position < upTo &&
      !this.#ledger.readonly
    ) {
      await this.catchUp();
      checkpoint = await this.#storage().checkpoint(name);
    }
    const position = checkpoint?.position ?? 0;
    if (checkpoint === undefined)
      throw new ProjectionNotReadyError(name, 0, upTo, 'it has never been built in this ledger');
    if (checkpoint.version !== projection.version) {
      throw new ProjectionNotReadyError(
        name,
        position,
        upTo,
        `its tables are of version ${checkpoint.version}, this build reads version ${projection.version}`,
      );
    }
    if (checkpoint.state !== 'ready') {
      throw new ProjectionNotReadyError(name, position, upTo, 'a rebuild of it has not finished');
    }
    if (position < upTo) throw new ProjectionNotReadyError(name, position, upTo, 'it is behind the log');
  }

  /**
   * Applies every event after each projection's checkpoint, in batches; each batch and its
   * checkpoint commit together. Returns the number of events read.
   *
   * Read models are only built from a verified log. From position 0 (a rebuild, a new
   * projection), or resuming an interrupted rebuild, the chain is verified from the start in the
   * same pass, each batch before it is applied; otherwise it is verified first, incrementally
   * from the ledger's verified mark. At a break it throws `VerificationFailedError`: a break
   * found before reading leaves the projections as they were; one found during a rebuild rolls
   * back the batch in hand and leaves them marked `rebuilding`, which reads refuse.
   *
   * @example
   * ```ts
   * await ledger.projections.catchUp({ onProgress: ({ done, total }) => bar.update(done, total) });
   * ```
   */
  async catchUp(options: RunOptions = {}): Promise<number> {
    checkRunOptions(options);
    if (this.#projections.length === 0) return 0;
    if (this.#ledger.readonly) return this.#refuseReadOnlyCatchUp();
    const storage = this.#storage();
    const checkpoints = new Map<string, Checkpoint>();
    const outdated: Projection[] = [];
    for (const projection of this.#projections) {
      const checkpoint = await storage.checkpoint(projection.name);
      if (checkpoint === undefined || checkpoint.version !== projection.version) outdated.push(projection);
      else checkpoints.set(projection.name, checkpoint);
    }
    if (outdated.length > 0) {
      // Never built here, or of another version: only a rebuild can bring them in. The two ends
      // of the log are checked first, so a broken chain is refused before any table is dropped.
      await this.#refuseBrokenEnds('build the projections');
      await this.#reset(outdated);
      for (const { name, version } of outdated) {
        checkpoints.set(name, { name, version, position: 0, state: 'rebuilding' });
      }
    }
    if (checkpoints.size === 0) return 0;
    const logHead = await this.#ledger.head();
    const head = logHead.position;
    const from = Math.min(...[...checkpoints.values()].map((c) => c.position));
    const rebuilding = [...checkpoints.values()].some((c) => c.state === 'rebuilding');
    if (from >= head && !rebuilding) {
      await this.#markReady(checkpoints, head);
      return 0;
    }
    const run = () => this.#run(checkpoints, from, logHead, rebuilding, options);
    return rebuilding ? this.#ledger.store.bulk(run) : run();
  }

  /**
   * Drops and recreates the named projections' tables (all when none are named) and replays the
   * log into them, verifying the hash chain in the same pass (see {@link LedgerProjections.catchUp}).
   * A rebuild writes in large transactions with relaxed durability and builds secondary indexes
   * after the rows: it is derived data, and until it finishes it is marked `rebuilding`, so a
   * crash restarts it and never leaves a half-built table in use.
   *
   * @throws VerificationFailedError at the first break in the chain.
   *
   * @example
   * ```ts
   * await ledger.projections.rebuild(['slippage'], { onProgress: ({ done, total, rate }) => log(done, total, rate) });
   * ```
   */
  async rebuild(names?: readonly string[], options: RunOptions = {}): Promise<number> {
    checkRunOptions(options);
    if (names !== undefined && !Array.isArray(names)) {
      throw new ValidationError('rebuild takes a list of projection names.', [
        { path: ['names'], message: 'must be a list of projection names' },
      ]);
    }
    const chosen =
      names === undefined || names.length === 0
        ? this.#projections
        : names.map((name) => {
            const found = this.#projections.find((projection) => projection.name === name);
            if (found === undefined) {
              throw new ValidationError(
                `No projection named '${name}'. Known: ${this.#projections.map((p) => p.name).join(', ') || 'none'}.`,
                [{ path: ['projections', name], message: 'unknown projection' }],
              );
            }
            return found;
          });
    // The two ends of the log first (cheap): a cut tail or a history rewritten up to the
    // verified mark is refused before any table is dropped.
    await this.#refuseBrokenEnds('rebuild the projections');
    await this.#reset(chosen);
    return this.catchUp(options);
  }

  /**
   * The hook the ledger runs inside every append's transaction (inline mode): each projection
   * whose checkpoint is exactly at the append's start gets its rows; one that is behind (another
   * process appended, a rebuild is resuming) is left to catch-up.
   */
  inlineHook(): InTransactionHook | undefined {
    if (this.#mode !== 'inline' || this.#projections.length === 0) return undefined;
    return (events, session) => this.#applyInline(events, session);
  }

  async #run(
    checkpoints: Map<string, Checkpoint>,
    from: number,
    logHead: LogHead,
    rebuilding: boolean,
    options: RunOptions,
  ): Promise<number> {
    const store = this.#ledger.store;
    const head = logHead.position;
    const batchSize = options.batchSize ?? (rebuilding ? REBUILD_BATCH : CATCH_UP_BATCH);
    // A pass from the start reads every event anyway: verify the chain as it goes, after the
    // cheap checks of its two ends. Otherwise verify what was appended since the last verified
    // position before applying any of it. A resuming rebuild verifies from the start too: the
    // events it has yet to read may lie before the verified mark.
    const pass = from === 0 || rebuilding ? new VerifyingPass(this.#ledger, logHead) : undefined;
    const before =
      pass === undefined
        ? (await verifyChainIncrementally(this.#ledger)).result
        : ((await checkChainEnds(this.#ledger, logHead)) ?? (await pass.through(from)));
    if (before !== undefined && !before.ok) {
      throw await chainRefusal(
        this.#ledger,
        'bring the projections up to date',
        before,
        rebuilding ? 'the projections are left marked for rebuild' : 'the projections were left as they were',
      );
    }
    const histories = this.#needsHistory ? new StreamHistories(store) : undefined;
    const types = histories === undefined ? this.#unionOfTypes() : undefined;
    const total = head - from;
    const started = performance.now();
    let done = 0;
    let after = from;
    // Large transactions (few commits), read in small batches (the envelopes and rows of one
    // batch die young, and memory holds one batch); each transaction re-reads the checkpoints
    // under the write lock and stores them with its rows.
    const batches = store
      .readAllBatches({
        after: from,
        upTo: head,
        batchSize: Math.min(batchSize, READ_BATCH),
        ...(types === undefined ? {} : { types }),
      })
      [Symbol.asyncIterator]();
    try {
      let pending = await batches.next();
      while (pending.done !== true) {
        after = await store.transaction(async (session) => {
          const applying: Applying[] = [];
          const stored = new Map<string, Checkpoint>();
          for (const projection of this.#projections) {
            if (!checkpoints.has(projection.name)) continue;
            // Re-read under the write lock: another process may have caught this projection up
            // (its events must not be applied twice) or reset it (then this transaction would
            // skip the events before `after`).
            const checkpoint = await session.projections.checkpoint(projection.name);
            if (
              checkpoint === undefined ||
              checkpoint.version !== projection.version ||
              checkpoint.position < after
            ) {
              checkpoints.delete(projection.name);
              continue;
            }
            applying.push(this.#applying(projection, checkpoint.position));
            stored.set(projection.name, checkpoint);
          }
          let applied = 0;
          let last = after;
          while (pending.done !== true && applied < batchSize) {
            const batch = pending.value;
            const broken = await pass?.check(batch);
            if (broken !== undefined && !broken.ok) throw await this.#rebuildRefusal(broken);
            await histories?.prepare(batch);
            await this.#insert(session.projections, rowsOf(batch, applying, histories));
            last = batch[batch.length - 1]!.position;
            applied += batch.length;
            pending = await batches.next();
          }
          for (const { projection, after: position } of applying) {
            const checkpoint = stored.get(projection.name)!;
            const next: Checkpoint = { ...checkpoint, position: Math.max(position, last) };
            if (position < last) await session.projections.putCheckpoint(next);
            checkpoints.set(projection.name, next);
          }
          return last;
        });
        done = after - from;
        options.onProgress?.({ done, total, rate: rateOf(done, started) });
      }
    } finally {
      await batches.return?.();
    }
    if (pass !== undefined) {
      const result = await pass.finish();
      if (!result.ok) throw await this.#rebuildRefusal(result);
    }
    // Filtered reads may end before the head; the events in between concern no projection.
    await this.#markReady(checkpoints, head);
    if (done < total) options.onProgress?.({ done: total, total, rate: rateOf(total, started) });
    return total;
  }

  async #applyInline(events: readonly EventEnvelope[], session: StoreSession): Promise<void> {
    const first = events[0];
    if (first === undefined) return;
    const last = events[events.length - 1]!.position;
    const histories = this.#needsHistory ? new StreamHistories(session) : undefined;
    await histories?.prepare(events);
    const applying: Applying[] = [];
    for (const projection of this.#projections) {
      const checkpoint = await session.projections.checkpoint(projection.name);
      if (checkpoint === undefined || checkpoint.version !== projection.version) continue;
      if (checkpoint.state !== 'ready' || checkpoint.position !== first.position - 1) continue;
      applying.push(this.#applying(projection, checkpoint.position));
      await session.projections.putCheckpoint({ ...checkpoint, position: last });
    }
    const rows = rowsOf(events, applying, histories);
    await this.#insert(session.projections, rows);
  }

  async #insert(storage: ProjectionStorage, rows: Map<string, ProjectionRow[]>): Promise<void> {
    for (const [name, list] of rows) {
      const table = this.#tables.get(name);
      if (table === undefined) {
        throw new ValidationError(
          `A projection returned a row for table '${name}', which no projection declares.`,
          [{ path: ['rows', name], message: 'undeclared table' }],
        );
      }
      if (list.length > 0) await storage.insertRows(table, list);
    }
  }

  async #rebuildRefusal(result: VerifyResult): Promise<VerificationFailedError> {
    return chainRefusal(
      this.#ledger,
      'rebuild the projections',
      result,
      'the batch in hand was rolled back and the projections are left marked for rebuild, so no reader uses them half-built',
    );
  }

  /**
   * `catchUp` on a read-only ledger: nothing to do when every projection is ready at the head;
   * otherwise a `READ_ONLY` refusal naming the projections that need writing (a silent no-op
   * would let the caller think they were brought up to date).
   */
  async #refuseReadOnlyCatchUp(): Promise<number> {
    const needing = (await this.status()).filter((s) => s.state !== 'ready' || s.position < s.head);
    if (needing.length === 0) return 0;
    const listed = needing.map((s) => `${s.name} (${s.state}, at ${s.position} of ${s.head})`).join(', ');
    throw new StorageError(
      'READ_ONLY',
      this.#ledger.location,
      `The ledger '${this.#ledger.location}' is open read-only, so its projections cannot be brought up to date: ${listed}; nothing was written. Open it read-write to catch them up.`,
    );
  }

  async #refuseBrokenEnds(action: string): Promise<void> {
    const broken = await checkChainEnds(this.#ledger, await this.#ledger.head());
    if (broken !== undefined && !broken.ok) {
      throw await chainRefusal(this.#ledger, action, broken, 'the projections were left as they were');
    }
  }

  async #reset(projections: readonly Projection[]): Promise<void> {
    await this.#ledger.store.transaction(async (session) => {
      for (const projection of projections) {
        await session.projections.resetTables(projection.tables, { deferIndexes: true });
        await session.projections.putCheckpoint({
          name: projection.name,
          version: projection.version,
          position: 0,
          state: 'rebuilding',
        });
      }
    });
  }

  async #markReady(checkpoints: Map<string, Checkpoint>, head: number): Promise<void> {
    const changed = [...checkpoints.values()].filter((c) => c.position < head || c.state !== 'ready');
    if (changed.length === 0 || this.#ledger.readonly) return;
    await this.#ledger.store.transaction(async (session) => {
      for (const checkpoint of changed) {
        // Re-read under the lock: an inline append may have moved it on meanwhile, and another
        // process may have reset it (then its position went back, and it is not ready).
        const current = (await session.projections.checkpoint(checkpoint.name)) ?? checkpoint;
        if (current.version !== checkpoint.version || current.position < checkpoint.position) continue;
        if (current.state === 'rebuilding') {
          // The rows are all in: build the indexes a rebuild deferred, then let reads in.
          const projection = this.#projections.find((p) => p.name === checkpoint.name);
          if (projection !== undefined) await session.projections.createIndexes(projection.tables);
        }
        await session.projections.putCheckpoint({
          ...current,
          position: Math.max(current.position, head),
          state: 'ready',
        });
      }
    });
  }

  #applying(projection: Projection, after: number): Applying {
    return {
      projection,
      after,
      wanted: this.#wanted.get(projection.name),
      history: projection.history === true,
    };
  }

  #unionOfTypes(): EventType[] | undefined {
    const types = new Set<EventType>();
    for (const projection of this.#projections) {
      if (projection.eventTypes === undefined) return undefined;
      for (const type of projection.eventTypes) types.add(type);
    }
    return [...types];
  }

  #storage(): ProjectionStorage {
    return this.#ledger.store.projections;
  }
}

const NO_HISTORY: readonly never[] = Object.freeze([]);

/** A projection a batch is applied to: events after `after` of the types it wants. */
interface Applying {
  readonly projection: Projection;
  readonly after: number;
  readonly wanted: ReadonlySet<string> | undefined;
  readonly history: boolean;
}

/**
 * The rows of a batch's events (in position order) for each projection, by table, each table's
 * rows in event order. Event by event: every projection gets the event, with the stream's
 * earlier events when it asks for them, then the event joins its stream's history.
 */
function rowsOf(
  events: readonly EventEnvelope[],
  applying: readonly Applying[],
  histories: StreamHistories | undefined,
): Map<string, ProjectionRow[]> {
  const rows = new Map<string, ProjectionRow[]>();
  if (applying.length === 0) return rows;
  const anyHistory = histories !== undefined && applying.some((a) => a.history);
  for (const event of events) {
    const history = anyHistory ? histories.before(event) : NO_HISTORY;
    for (const { projection, after, wanted, history: wantsHistory } of applying) {
      if (event.position <= after) continue;
      if (wanted !== undefined && !wanted.has(event.type)) continue;
      collect(rows, projection.rows(event, wantsHistory ? history : NO_HISTORY));
    }
    histories?.add(event);
  }
  return rows;
}

function collect(rows: Map<string, ProjectionRow[]>, produced: Iterable<ProjectionRow>): void {
  for (const row of produced) {
    let list = rows.get(row.table);
    if (list === undefined) {
      list = [];
      rows.set(row.table, list);
    }
    list.push(row);
  }
}

function checkRunOptions(options: RunOptions): void {
  assertOptions(options, RUN_KEYS, 'The run options');
  optionalCount(options.batchSize, 'options.batchSize', 1);
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw new ValidationError('onProgress must be a function.', [
      { path: ['options', 'onProgress'], message: 'must be a function' },
    ]);
  }
}

function rateOf(done: number, started: number): number {
  const seconds = (performance.now() - started) / 1000;
  return seconds > 0 ? Math.round(done / seconds) : done;
}
