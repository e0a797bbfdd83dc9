import type { EventEnvelope } from '../events/index.js';
import type { EventFact, StoreSession } from '../store/event-store.js';

/** Facts kept in memory across batches before the least recently used streams are dropped. */
const KEPT_FACTS = 200_000;

/**
 * The earlier events of each stream, for projections that declare `history: true`, kept in
 * memory while a batch is applied so that a projection never queries back. Streams not in memory
 * are read from the store once (up to just before their first event in the batch); the least
 * recently used are dropped past a bound, so memory stays flat however long the log.
 */
export class StreamHistories {
  readonly #source: Pick<StoreSession, 'readStreamFacts'>;
  readonly #streams = new Map<string, EventFact[]>();
  #kept = 0;

  constructor(source: Pick<StoreSession, 'readStreamFacts'>) {
    this.#source = source;
  }

  /** Makes every stream of `batch` (in position order) known up to the batch's end. */
  async load(batch: readonly EventEnvelope[]): Promise<void> {
    const inBatch = new Set<string>();
    for (const event of batch) {
      let facts = this.#streams.get(event.stream);
      if (facts === undefined) {
        facts = await this.#source.readStreamFacts(event.stream, event.position - 1);
        this.#kept += facts.length;
      } else {
        this.#streams.delete(event.stream); // most recently used goes last
      }
      this.#streams.set(event.stream, facts);
      inBatch.add(event.stream);
      const lastKnown = facts[facts.length - 1];
      if (lastKnown === undefined || lastKnown.position < event.position) {
        facts.push(event);
        this.#kept += 1;
      }
    }
    for (const [stream, facts] of this.#streams) {
      if (this.#kept <= KEPT_FACTS) break;
      if (inBatch.has(stream)) continue;
      this.#streams.delete(stream);
      this.#kept -= facts.length;
    }
  }

  /** The events of `event`'s stream before it, in stream order; its batch must have been loaded. */
  before(event: EventEnvelope): readonly EventFact[] {
    const facts = this.#streams.get(event.stream);
    if (facts === undefined) throw new Error(`History of '${event.stream}' was not loaded.`);
    let end = facts.length;
    while (end > 0 && facts[end - 1]!.position >= event.position) end -= 1;
    return end === facts.length ? facts : facts.slice(0, end);
  }
}
