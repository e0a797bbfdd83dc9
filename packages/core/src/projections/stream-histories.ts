import type { EventEnvelope } from '../events/index.js';
import type { EventFact, StoreSession } from '../store/event-store.js';

/**
 * Facts kept in memory across batches before the least recently used streams are dropped. A
 * pass over a log whose streams interleave (every action updated each round) needs every
 * stream's history in every few thousand events: below that working set each batch would read
 * its streams' histories back from the store, and the pass would slow with the square of the log.
 * So the bound is generous: a fact holds no hashes, identifiers or metadata (about 200 bytes
 * with its data), so 2 000 000 of them are a few hundred MB; past it, memory stays flat and
 * the pass pays with reads.
 */
const KEPT_FACTS = 2_000_000;

/**
 * The earlier events of each stream, for projections that declare `history: true`, kept in
 * memory while a batch is applied so that a projection never queries back. Streams not in memory
 * are read from the store once (up to just before their first event in the batch); the least
 * recently used are dropped past a bound ({@link KEPT_FACTS}), unless the batch in hand needs them.
 *
 * After {@link StreamHistories.prepare}, the events of a batch are applied in position order:
 * {@link StreamHistories.before} gives an event's history, then {@link StreamHistories.add}
 * records the event, so a history is the stream's own array (no copy per event), valid while
 * the event's rows are produced. ({@link StreamHistories.load} records the whole batch at once;
 * then each history is a copy.) Each fact
 * kept holds only what a projection's history offers ({@link EventFact}: no hashes, identifiers
 * or metadata), so memory per stream stays small.
 *
 * @example
 * ```ts
 * const histories = new StreamHistories(session);
 * await histories.prepare(batch);
 * for (const event of batch) {
 *   const rows = projection.rows(event, histories.before(event));
 *   histories.add(event);
 * }
 * ```
 */
export class StreamHistories {
  readonly #source: Pick<StoreSession, 'readStreamFacts'>;
  readonly #streams = new Map<string, EventFact[]>();
  #kept = 0;

  constructor(source: Pick<StoreSession, 'readStreamFacts'>) {
    this.#source = source;
  }

  /**
   * Makes every stream of `batch` (in position order) known up to the batch's end: then
   * {@link StreamHistories.before} copies out each event's earlier facts.
   */
  async load(batch: readonly EventEnvelope[]): Promise<void> {
    await this.prepare(batch);
    for (const event of batch) this.add(event);
  }

  /**
   * Makes every stream of `batch` (in position order) known up to just before its first event in
   * it; then apply the batch's events in order with {@link StreamHistories.before} and
   * {@link StreamHistories.add}.
   */
  async prepare(batch: readonly EventEnvelope[]): Promise<void> {
    const inBatch = new Set<string>();
    for (const event of batch) {
      const stream = event.stream;
      if (inBatch.has(stream)) continue;
      inBatch.add(stream);
      let facts = this.#streams.get(stream);
      if (facts === undefined) {
        facts = await this.#source.readStreamFacts(stream, event.position - 1);
        this.#kept += facts.length;
      } else {
        this.#streams.delete(stream); // most recently used goes last
      }
      this.#streams.set(stream, facts);
    }
    for (const [stream, facts] of this.#streams) {
      if (this.#kept <= KEPT_FACTS) break;
      if (inBatch.has(stream)) continue;
      this.#streams.delete(stream);
      this.#kept -= facts.length;
    }
  }

  /**
   * The events of `event`'s stream before it, in stream order; its batch must have been loaded.
   * Valid until the next {@link StreamHistories.add}.
   */
  before(event: EventEnvelope): readonly EventFact[] {
    const facts = this.#known(event);
    let end = facts.length;
    if (end === 0 || facts[end - 1]!.position < event.position) return facts;
    while (end > 0 && facts[end - 1]!.position >= event.position) end -= 1;
    return facts.slice(0, end);
  }

  /** Records `event` (the next of its stream) in its stream's history. */
  add(event: EventEnvelope): void {
    const facts = this.#known(event);
    const last = facts[facts.length - 1];
    if (last !== undefined && last.position >= event.position) return;
    facts.push({
      type: event.type,
      data: event.data,
      // One copy of the stream's name for all its facts.
      stream: facts[0]?.stream ?? event.stream,
      streamVersion: event.streamVersion,
      position: event.position,
      effectiveOn: event.effectiveOn,
    } as EventFact);
    this.#kept += 1;
  }

  #known(event: EventEnvelope): EventFact[] {
    const facts = this.#streams.get(event.stream);
    if (facts === undefined) throw new Error(`History of '${event.stream}' was not loaded.`);
    return facts;
  }
}
