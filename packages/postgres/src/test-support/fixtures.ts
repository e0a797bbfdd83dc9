import type { BusinessDate, EventStore, PendingEvent } from '@perfledger/core';
import type { ChainRow } from '@perfledger/core/internal';

/** A `CommentAdded` event: valid on every engine, no domain rule attached. */
export function comment(text: string, effectiveOn = '2023-06-30'): PendingEvent {
  return { type: 'CommentAdded', effectiveOn: effectiveOn as BusinessDate, data: { comment: text } };
}

/** Every stored chain row of a store, in position order. */
export async function allChainRows(store: EventStore): Promise<ChainRow[]> {
  const rows: ChainRow[] = [];
  for await (const batch of store.chainRows(0, (await store.head()).position)) rows.push(...batch);
  return rows;
}

/** The same small history on any store: three streams, a batch, metadata. */
export async function appendHistory(store: EventStore): Promise<void> {
  await store.append([{ stream: 'action:H1', events: [comment('one'), comment('two, "quoted" \\ ü €')] }], {
    actor: 'j.smith',
    source: 'test',
  });
  await store.append(
    [
      { stream: 'action:H2', events: [comment('three', '2023-07-01')] },
      { stream: 'action:H1', events: [comment('four')], expectedVersion: 2 },
    ],
    { idempotencyKey: 'history-key', correlationId: 'c-1', causationId: 'k-1' },
  );
  await store.append([{ stream: 'action:H3', events: [comment('five 🦄')] }]);
}
