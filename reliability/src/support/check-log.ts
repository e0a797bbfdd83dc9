import type { EventEnvelope, Ledger } from '@perfledger/core';
import type { AckLine } from './ack-log.js';

type Ack = Extract<AckLine, { k: 'ack' }>;
type Intent = Extract<AckLine, { k: 'intent' }>;

/** What the log was checked against. */
export interface Expectations {
  /** Every acknowledged append (including replayed ones). */
  readonly acks: readonly Ack[];
  /** The batch each killed worker may have had in flight: present whole, or absent. */
  readonly inFlight: readonly Intent[];
  /** Batch ids written by the scenario's own setup, allowed without an ack. */
  readonly setupPrefix: string;
}

/** What the check found: counts, and a list of every broken guarantee (empty when all hold). */
export interface LogCheck {
  readonly problems: readonly string[];
  readonly events: number;
  readonly streams: number;
  readonly ackedBatches: number;
  readonly inFlightPresent: number;
  readonly inFlightAbsent: number;
}

const NOTE = /^(.+)#(\d+)\/(\d+)$/;

function noteOf(event: EventEnvelope): string | undefined {
  const data = event.data as { note?: unknown };
  return typeof data.note === 'string' ? data.note : undefined;
}

/**
 * Checks a ledger against the union of its writers' acks:
 * - the chain verifies, positions run 1..N and each stream's versions 1..n with no gaps;
 * - every acknowledged batch is present exactly once, with the acknowledged event ids at the
 *   acknowledged positions, whole and contiguous, in the order it was sent;
 * - every other batch is the setup's or one killed worker's batch in flight, and that one is whole;
 * - a replayed ack points at the positions of the batch's first append.
 *
 * @example
 * ```ts
 * const check = await checkLog(ledger, { acks, inFlight, setupPrefix: 'setup' });
 * expect(check.problems).toEqual([]);
 * ```
 */
export async function checkLog(ledger: Ledger, expectations: Expectations): Promise<LogCheck> {
  const problems: string[] = [];
  const problem = (message: string) => {
    if (problems.length < 50) problems.push(message);
  };
  const verified = await ledger.verify();
  if (!verified.ok) problem(`the chain does not verify: ${JSON.stringify(verified)}`);

  const byBatch = new Map<string, EventEnvelope[]>();
  const versions = new Map<string, number>();
  let expectedPosition = 1;
  for await (const event of ledger.readAll()) {
    if (event.position !== expectedPosition)
      problem(`position ${expectedPosition} is missing (next is ${event.position})`);
    expectedPosition = event.position + 1;
    const last = versions.get(event.stream) ?? 0;
    if (event.streamVersion !== last + 1) {
      problem(
        `${event.stream} jumps from version ${last} to ${event.streamVersion} at position ${event.position}`,
      );
    }
    versions.set(event.stream, event.streamVersion);
    const batch = event.correlationId ?? '(none)';
    const list = byBatch.get(batch) ?? [];
    list.push(event);
    byBatch.set(batch, list);
  }
  const count = expectedPosition - 1;
  const head = await ledger.head();
  if (head.position !== count) problem(`the head says ${head.position} events, the log has ${count}`);

  const firstAcks = new Map<string, Ack>();
  for (const ack of expectations.acks) {
    if (ack.replayed) continue;
    if (firstAcks.has(ack.b)) problem(`batch ${ack.b} was acknowledged as written twice`);
    firstAcks.set(ack.b, ack);
  }
  for (const ack of expectations.acks) {
    if (!ack.replayed) continue;
    const first = firstAcks.get(ack.b);
    const events = byBatch.get(ack.b) ?? [];
    const at = first ?? { first: events[0]?.position, last: events.at(-1)?.position };
    if (at.first !== ack.first || at.last !== ack.last) {
      problem(
        `replayed batch ${ack.b} reported ${ack.first}..${ack.last}, but it is at ${at.first}..${at.last}`,
      );
    }
  }

  // executeAll groups a batch's events by stream, so within a batch only each stream's own
  // order is kept; the batch must still be every one of its events, once, at contiguous positions.
  const whole = (batch: string, events: readonly EventEnvelope[]): void => {
    const seen = new Set<number>();
    const lastIndexOf = new Map<string, number>();
    events.forEach((event, position) => {
      const match = NOTE.exec(noteOf(event) ?? '');
      const index = Number(match?.[2]);
      if (match === null || match[1] !== batch || Number(match[3]) !== events.length || seen.has(index)) {
        problem(
          `batch ${batch} is not whole: event ${position} of ${events.length} carries '${noteOf(event)}'`,
        );
      }
      seen.add(index);
      if ((lastIndexOf.get(event.stream) ?? -1) > index)
        problem(`batch ${batch} is out of order in ${event.stream}`);
      lastIndexOf.set(event.stream, index);
      if (position > 0 && event.position !== events[position - 1]!.position + 1) {
        problem(`batch ${batch} is not contiguous at position ${event.position}`);
      }
    });
  };

  for (const [batch, ack] of firstAcks) {
    const events = byBatch.get(batch);
    if (events === undefined) {
      problem(`acknowledged batch ${batch} (positions ${ack.first}..${ack.last}) is missing`);
      continue;
    }
    const ids = events.map((event) => event.eventId);
    if (ids.length !== ack.ids.length || ids.some((id, i) => id !== ack.ids[i])) {
      problem(
        `batch ${batch}: acknowledged ${ack.ids.length} events, the log holds ${ids.length} (or other ids)`,
      );
    }
    if (events[0]?.position !== ack.first || events.at(-1)?.position !== ack.last) {
      problem(
        `batch ${batch}: acknowledged at ${ack.first}..${ack.last}, found at ${events[0]?.position}..${events.at(-1)?.position}`,
      );
    }
    whole(batch, events);
  }

  const inFlight = new Map(expectations.inFlight.map((intent) => [intent.b, intent]));
  let inFlightPresent = 0;
  for (const [batch, events] of byBatch) {
    if (firstAcks.has(batch)) continue;
    if (batch.startsWith(expectations.setupPrefix)) continue;
    const intent = inFlight.get(batch);
    if (intent === undefined) {
      problem(`batch ${batch} (${events.length} events at ${events[0]?.position}) was never acknowledged`);
      continue;
    }
    inFlightPresent += 1;
    if (events.length !== intent.n)
      problem(`in-flight batch ${batch} is partial: ${events.length} of ${intent.n} events`);
    whole(batch, events);
  }
  return {
    problems,
    events: count,
    streams: versions.size,
    ackedBatches: firstAcks.size,
    inFlightPresent,
    inFlightAbsent: inFlight.size - inFlightPresent,
  };
}
