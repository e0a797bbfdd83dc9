import { existsSync, readFileSync } from 'node:fs';
import {
  type BusinessDate,
  ConcurrencyError,
  type EventEnvelope,
  type EventMetadata,
  LedgerBusyError,
  type LedgerError,
  type PendingEvent,
  ValidationError,
  type VerifyResult,
} from '@perfledger/core';
import { ChainVerifier, GENESIS_HASH, parseRecordedAt } from '@perfledger/core/internal';
import { steppingClock } from '@perfledger/core/testing';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SqliteStore } from './sqlite-store.js';
import { sqliteStore } from './sqlite-store-factory.js';
import { collect, type TempStore, tempStore } from './test-support/temp-store.js';

const d = (text: string) => text as BusinessDate;

function comment(effectiveOn: string, text = 'A comment'): PendingEvent {
  return { type: 'CommentAdded', effectiveOn: d(effectiveOn), data: { comment: text } };
}

function progress(effectiveOn: string, percentComplete: number): PendingEvent {
  return { type: 'ProgressUpdated', effectiveOn: d(effectiveOn), data: { percentComplete } };
}

// Buffer.equals, not toEqual: a deep comparison of 40 kB byte by byte is slow.
function fileBytes(file: string): Buffer {
  return Buffer.concat([
    readFileSync(file),
    existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`) : Buffer.alloc(0),
  ]);
}

function expectSameBytes(file: string, before: Buffer): void {
  expect(fileBytes(file).equals(before)).toBe(true);
}

/** One stream's append, as the ledger's `append(stream, events, options)` makes it. */
function append(
  store: SqliteStore,
  stream: string,
  events: readonly PendingEvent[],
  {
    expectedVersion,
    ...metadata
  }: EventMetadata & { expectedVersion?: number | 'any' | 'no-stream' | 'exists' } = {},
) {
  return store.append(
    [{ stream, events, ...(expectedVersion === undefined ? {} : { expectedVersion }) }],
    metadata,
  );
}

/** The whole chain walked with core's verifier, as the ledger's verify does. */
async function verify(store: SqliteStore): Promise<VerifyResult> {
  const verifier = new ChainVerifier();
  return store.transaction(async () => {
    const head = await store.head();
    for await (const rows of store.chainRows(0, head.position)) {
      for (const row of rows) if (!verifier.push(row)) return verifier.finish(head);
    }
    return verifier.finish(head);
  });
}

function raw(file: string): Database.Database {
  return new Database(file);
}

let temp: TempStore;
beforeEach(async () => {
  temp = await tempStore({ clock: steppingClock('2024-01-15T09:00:00Z', 1_000) });
});
afterEach(() => temp.cleanup());

describe('append and read', () => {
  it('round-trips every field of the envelope', async () => {
    const { store } = temp;
    const result = await append(
      store,
      'action:A1',
      [comment('2023-06-30', 'First'), progress('2023-06-30', 40)],
      {
        expectedVersion: 'no-stream',
        actor: 'j.smith',
        source: 'portal',
        correlationId: 'q1-2023',
        causationId: 'cmd-1',
        idempotencyKey: 'k-1',
      },
    );
    const read = await store.readStream('action:A1');
    expect(read).toEqual(result.events);
    expect(result).toMatchObject({ firstPosition: 1, lastPosition: 2, streamVersions: { 'action:A1': 2 } });
    const [first, second] = read as [EventEnvelope, EventEnvelope];
    expect(first).toMatchObject({
      type: 'CommentAdded',
      data: { comment: 'First' },
      stream: 'action:A1',
      streamVersion: 1,
      position: 1,
      schemaVersion: 1,
      effectiveOn: '2023-06-30',
      actor: 'j.smith',
      source: 'portal',
      correlationId: 'q1-2023',
      causationId: 'cmd-1',
      idempotencyKey: 'k-1',
      prevHash: GENESIS_HASH,
    });
    expect(first.recordedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(first.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(second).toMatchObject({
      streamVersion: 2,
      position: 2,
      prevHash: first.hash,
      data: { percentComplete: 40 },
    });
    expect(await store.head()).toEqual({ position: 2, hash: second.hash, recordedAt: second.recordedAt });
  });

  it('stores data as canonical JSON (sorted keys), and metadata as null when absent', async () => {
    const { store } = temp;
    await append(store, 'action:A1', [
      {
        type: 'DueDateRevised',
        effectiveOn: d('2023-06-30'),
        data: { to: d('2024-01-31'), reason: '  Late  ', from: d('2023-12-31') },
      },
    ]);
    const db = raw(temp.file);
    const row = db.prepare('SELECT data, actor FROM events').get() as { data: string; actor: null };
    db.close();
    // The store stores canonical JSON (sorted keys); trimming and schemas are the ledger's (createLedger).
    expect(row).toEqual({ data: '{"from":"2023-12-31","reason":"  Late  ","to":"2024-01-31"}', actor: null });
  });

  it('an empty log has head 0 with the genesis hash', async () => {
    expect(await temp.store.head()).toEqual({ position: 0, hash: GENESIS_HASH, recordedAt: null });
    expect(await temp.store.streamVersion('action:A1')).toBe(0);
    expect(await verify(temp.store)).toEqual({ ok: true, count: 0, headPosition: 0, headHash: GENESIS_HASH });
  });

  // Whether data fits its event's schema (percentComplete 101) is the ledger's check, not the store's.
  it('refuses events it cannot store (unknown type, not a calendar date, bad stream), naming each problem', async () => {
    const error = await captured(() =>
      temp.store.append([
        { stream: 'action:A1', events: [progress('2023-06-31', 40)] },
        {
          stream: '',
          events: [{ type: 'Nope', effectiveOn: d('2023-06-30'), data: {} } as unknown as PendingEvent],
        },
      ]),
    );
    expect(error).toBeInstanceOf(ValidationError);
    const paths = (error as ValidationError).issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual([
      'requests.0.events.0.effectiveOn',
      'requests.1.stream',
      'requests.1.events.0.type',
    ]);
    expect((await temp.store.head()).position).toBe(0);
  });

  it('reads a stream by version range and as known at a position', async () => {
    const { store } = temp;
    await append(store, 'action:A1', [comment('2023-04-01'), comment('2023-05-01')]);
    await append(store, 'action:B2', [comment('2023-04-01')]);
    await append(store, 'action:A1', [comment('2023-06-01'), comment('2023-07-01')]);
    const versions = (events: EventEnvelope[]) => events.map((e) => e.streamVersion);
    expect(versions(await store.readStream('action:A1', { fromVersion: 2, toVersion: 3 }))).toEqual([2, 3]);
    expect(versions(await store.readStream('action:A1', { upTo: 3 }))).toEqual([1, 2]);
    expect(await store.readStream('action:nothing')).toEqual([]);
  });
});

describe('atomic batches', () => {
  async function seed(): Promise<void> {
    await append(temp.store, 'action:A1', [comment('2023-04-01')]);
  }

  it('an invalid event in the third request writes nothing from the first two', async () => {
    await seed();
    const before = fileBytes(temp.file);
    await expect(
      temp.store.append([
        { stream: 'action:A1', events: [comment('2023-05-01')], expectedVersion: 1 },
        { stream: 'action:B2', events: [comment('2023-05-01')], expectedVersion: 'no-stream' },
        {
          stream: 'action:C3',
          events: [comment('2023-05-01'), progress('2023-05-31', 1), progress('2023-02-30', 1)],
        },
      ]),
    ).rejects.toThrow(ValidationError);
    expectSameBytes(temp.file, before);
    expect((await temp.store.head()).position).toBe(1);
  });

  it('a failed version check in the third request rolls back the first two', async () => {
    await seed();
    const before = fileBytes(temp.file);
    await expect(
      temp.store.append([
        { stream: 'action:A1', events: [comment('2023-05-01')], expectedVersion: 1 },
        { stream: 'action:B2', events: [comment('2023-05-01')], expectedVersion: 'no-stream' },
        { stream: 'action:C3', events: [comment('2023-05-01')], expectedVersion: 4 },
      ]),
    ).rejects.toThrow(ConcurrencyError);
    expectSameBytes(temp.file, before);
    expect((await collect(temp.store.readAllBatches())).map((e) => e.position)).toEqual([1]);
    expect((await verify(temp.store)).ok).toBe(true);
  });

  it('a throwing in-transaction hook rolls the append back; a later append without it runs', async () => {
    const failing = async () => {
      throw new Error('projection failed');
    };
    await expect(
      temp.store.append([{ stream: 'action:A1', events: [comment('2023-04-01')] }], {}, failing),
    ).rejects.toThrow('projection failed');
    expect((await temp.store.head()).position).toBe(0);
    const seen: number[] = [];
    await temp.store.append(
      [{ stream: 'action:A1', events: [comment('2023-04-01'), comment('2023-04-02')] }],
      {},
      (events) => {
        seen.push(...events.map((e) => e.position));
      },
    );
    expect(seen).toEqual([1, 2]);
  });

  it('sees earlier requests of the same batch when checking versions of the same stream', async () => {
    const result = await temp.store.append([
      { stream: 'action:A1', events: [comment('2023-04-01')], expectedVersion: 'no-stream' },
      { stream: 'action:A1', events: [comment('2023-04-02')], expectedVersion: 1 },
    ]);
    expect(result.streamVersions).toEqual({ 'action:A1': 2 });
  });
});

describe('expected versions', () => {
  beforeEach(async () => {
    await append(temp.store, 'action:A1', [comment('2023-04-01'), comment('2023-04-02')]);
  });

  it('an exact version passes when it matches and fails with expected and actual otherwise', async () => {
    expect(
      (await append(temp.store, 'action:A1', [comment('2023-04-03')], { expectedVersion: 2 })).lastPosition,
    ).toBe(3);
    const error = await captured(() =>
      append(temp.store, 'action:A1', [comment('2023-04-04')], { expectedVersion: 2 }),
    );
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({
      code: 'CONCURRENCY_CONFLICT',
      stream: 'action:A1',
      expected: 2,
      actual: 3,
    });
  });

  it("'no-stream' requires a new stream", async () => {
    expect(
      (await append(temp.store, 'action:B2', [comment('2023-04-01')], { expectedVersion: 'no-stream' }))
        .lastPosition,
    ).toBe(3);
    expect(
      await captured(() =>
        append(temp.store, 'action:A1', [comment('2023-04-01')], { expectedVersion: 'no-stream' }),
      ),
    ).toMatchObject({
      expected: 'no-stream',
      actual: 2,
    });
  });

  it("'exists' requires an existing stream", async () => {
    expect(
      (await append(temp.store, 'action:A1', [comment('2023-04-03')], { expectedVersion: 'exists' }))
        .lastPosition,
    ).toBe(3);
    const error = await captured(() =>
      append(temp.store, 'action:B2', [comment('2023-04-01')], { expectedVersion: 'exists' }),
    );
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({ expected: 'exists', actual: 0 });
  });

  it("'any' (the default) always passes", async () => {
    await append(temp.store, 'action:A1', [comment('2023-04-03')], { expectedVersion: 'any' });
    await append(temp.store, 'action:B2', [comment('2023-04-03')]);
    expect((await temp.store.head()).position).toBe(4);
  });

  it.each([-1, 1.5, 'latest'])('refuses the malformed expected version %j', async (expectedVersion) => {
    await expect(
      append(temp.store, 'action:A1', [comment('2023-04-03')], {
        expectedVersion: expectedVersion as number,
      }),
    ).rejects.toThrow(ValidationError);
  });

  it('a failed check leaves no gap in positions', async () => {
    await expect(
      append(temp.store, 'action:A1', [comment('2023-04-03')], { expectedVersion: 7 }),
    ).rejects.toThrow(ConcurrencyError);
    await append(temp.store, 'action:A1', [comment('2023-04-03')]);
    expect((await collect(temp.store.readAllBatches())).map((e) => e.position)).toEqual([1, 2, 3]);
  });
});

describe('idempotency keys', () => {
  it('a repeated key returns the first result and writes nothing', async () => {
    const first = await append(temp.store, 'action:A1', [comment('2023-04-01'), comment('2023-04-02')], {
      idempotencyKey: 'import:q1.csv',
    });
    const before = fileBytes(temp.file);
    const again = await append(temp.store, 'action:B2', [comment('2023-05-01')], {
      idempotencyKey: 'import:q1.csv',
    });
    expect(again).toEqual({ ...first, replayed: true });
    expectSameBytes(temp.file, before);
    expect(await temp.store.replayed('import:q1.csv')).toEqual(again);
    expect(await temp.store.replayed('never-used')).toBeUndefined();
  });

  it('a repeated key is replayed even when the append would now be refused', async () => {
    const first = await append(temp.store, 'action:A1', [comment('2023-04-01')], {
      expectedVersion: 'no-stream',
      idempotencyKey: 'k',
    });
    const again = await append(temp.store, 'action:A1', [comment('2023-04-01')], {
      expectedVersion: 'no-stream',
      idempotencyKey: 'k',
    });
    expect(again.replayed).toBe(true);
    expect(again.events).toEqual(first.events);
    expect((await temp.store.head()).position).toBe(1);
  });
});

describe('immutability in the database', () => {
  beforeEach(async () => {
    await append(temp.store, 'action:A1', [comment('2023-04-01')]);
  });

  it('UPDATE and DELETE on events abort, through the store connection or any other', async () => {
    const { connectionOf } = await import('./connection-of.js');
    const write = connectionOf(temp.store)!;
    await expect(write((db) => db.prepare("UPDATE events SET actor = 'mallory'").run())).rejects.toThrow(
      /immutable; UPDATE/,
    );
    await expect(write((db) => db.prepare('DELETE FROM events').run())).rejects.toThrow(/immutable; DELETE/);
    const raw = new Database(temp.file);
    try {
      expect(() => raw.prepare("UPDATE events SET data = '{}'").run()).toThrow(/immutable/);
      expect(() => raw.prepare('DELETE FROM events WHERE position = 1').run()).toThrow(/immutable/);
    } finally {
      raw.close();
    }
    expect((await verify(temp.store)).ok).toBe(true);
  });
});

describe('recorded time', () => {
  it('is strictly increasing even when the clock runs backwards or stands still', async () => {
    for (const step of [-3_600_000, 0]) {
      const backwards = await tempStore({ clock: steppingClock('2024-01-15T09:00:00Z', step) });
      try {
        for (let i = 0; i < 5; i++)
          await append(backwards.store, `action:A${i % 2}`, [comment('2023-04-01'), comment('2023-04-02')]);
        const micros = (await collect(backwards.store.readAllBatches())).map((e) =>
          parseRecordedAt(e.recordedAt),
        );
        for (let i = 1; i < micros.length; i++) expect(micros[i]!).toBeGreaterThan(micros[i - 1]!);
        expect((await verify(backwards.store)).ok).toBe(true);
      } finally {
        await backwards.cleanup();
      }
    }
  });

  it('is strictly increasing across connections whose clocks disagree', async () => {
    await append(temp.store, 'action:A1', [comment('2023-04-01')]);
    const late = await sqliteStore({ file: temp.file, clock: steppingClock('2020-01-01T00:00:00Z', 1_000) });
    try {
      await append(late, 'action:A1', [comment('2023-04-02')]);
      const [a, b] = (await temp.store.readStream('action:A1')) as [EventEnvelope, EventEnvelope];
      expect(b.recordedAt > a.recordedAt).toBe(true);
      expect(parseRecordedAt(b.recordedAt) - parseRecordedAt(a.recordedAt)).toBe(1);
    } finally {
      await late.close();
    }
  });

  it('positionAt finds the last position recorded at or before an instant', async () => {
    const clock = steppingClock('2024-01-15T09:00:00Z', 1_000);
    const timed = await tempStore({ clock });
    try {
      await append(timed.store, 'action:A1', [comment('2023-04-01')]); // 09:00:00
      clock.jumpTo('2024-02-01T09:00:00Z');
      await append(timed.store, 'action:A1', [comment('2023-04-02')]); // 1 Feb
      expect(await timed.store.positionAt('2024-01-14T00:00:00Z')).toBe(0);
      expect(await timed.store.positionAt('2024-01-15T09:00:00Z')).toBe(1);
      expect(await timed.store.positionAt('2024-01-31T23:59:59.999999Z')).toBe(1);
      expect(await timed.store.positionAt('2024-02-01T09:00:00.000000Z')).toBe(2);
    } finally {
      await timed.cleanup();
    }
  });
});

describe('readAll', () => {
  beforeEach(async () => {
    const { store } = temp;
    await append(store, 'action:A1', [comment('2023-04-01'), progress('2023-04-02', 10)]);
    await append(store, 'action:B2', [progress('2023-04-01', 20), comment('2023-04-03')]);
    await append(store, 'action:A1', [comment('2023-04-04')]);
  });

  const positions = (events: Iterable<EventEnvelope>) => [...events].map((e) => e.position);

  it('reads the whole log in position order, in batches', async () => {
    expect(positions(await collect(temp.store.readAllBatches()))).toEqual([1, 2, 3, 4, 5]);
    const sizes: number[] = [];
    for await (const batch of temp.store.readAllBatches({ batchSize: 2 })) sizes.push(batch.length);
    expect(sizes).toEqual([2, 2, 1]);
    const whole: number[] = [];
    for await (const batch of temp.store.readAllBatches({ batchSize: 5 })) whole.push(batch.length);
    expect(whole).toEqual([5]);
    expect(positions(await collect(temp.store.readAllBatches({ batchSize: 1 })))).toEqual([1, 2, 3, 4, 5]);
  });

  it('filters by type, across batches', async () => {
    expect(
      positions(await collect(temp.store.readAllBatches({ types: ['ProgressUpdated'], batchSize: 1 }))),
    ).toEqual([2, 3]);
    expect(
      positions(await collect(temp.store.readAllBatches({ types: ['ProgressUpdated', 'CommentAdded'] }))),
    ).toEqual([1, 2, 3, 4, 5]);
    expect(positions(await collect(temp.store.readAllBatches({ types: ['ActionClosed'] })))).toEqual([]);
  });

  it('reads after a position (exclusive) and up to one (inclusive)', async () => {
    expect(positions(await collect(temp.store.readAllBatches({ after: 2 })))).toEqual([3, 4, 5]);
    expect(positions(await collect(temp.store.readAllBatches({ upTo: 3 })))).toEqual([1, 2, 3]);
    expect(positions(await collect(temp.store.readAllBatches({ after: 1, upTo: 4, batchSize: 2 })))).toEqual([
      2, 3, 4,
    ]);
    expect(positions(await collect(temp.store.readAllBatches({ after: 5 })))).toEqual([]);
  });

  it('reads one stream at a time, in stream order, as known at a position', async () => {
    const streams: unknown[] = [];
    for await (const events of temp.store.readStreams({ upTo: 4 }))
      streams.push([events[0]?.stream, events.map((e) => e.streamVersion)]);
    expect(streams).toEqual([
      ['action:A1', [1, 2]],
      ['action:B2', [1, 2]],
    ]);
  });
});

describe('readByEffectiveDate', () => {
  beforeEach(async () => {
    const { store } = temp;
    await append(store, 'action:A1', [comment('2023-06-30'), comment('2023-04-01')]);
    await append(store, 'action:B2', [comment('2023-06-30'), comment('2023-09-30')]);
    await append(store, 'action:C3', [comment('2023-04-01'), comment('2023-06-30')]);
  });

  const keys = (events: Iterable<EventEnvelope>) => [...events].map((e) => `${e.effectiveOn}#${e.position}`);

  it('orders by effective date, then position, whatever the batch size', async () => {
    const expected = [
      '2023-04-01#2',
      '2023-04-01#5',
      '2023-06-30#1',
      '2023-06-30#3',
      '2023-06-30#6',
      '2023-09-30#4',
    ];
    for (const batchSize of [1, 2, 3, 1_000]) {
      expect(keys(await collect(temp.store.readByEffectiveDate({ batchSize })))).toEqual(expected);
    }
  });

  it('reads an inclusive range, and as known at a position', async () => {
    expect(
      keys(
        await collect(
          temp.store.readByEffectiveDate({ from: d('2023-06-30'), to: d('2023-06-30'), batchSize: 2 }),
        ),
      ),
    ).toEqual(['2023-06-30#1', '2023-06-30#3', '2023-06-30#6']);
    expect(keys(await collect(temp.store.readByEffectiveDate({ from: d('2023-05-01'), upTo: 4 })))).toEqual([
      '2023-06-30#1',
      '2023-06-30#3',
      '2023-09-30#4',
    ]);
    expect(keys(await collect(temp.store.readByEffectiveDate({ to: d('2023-03-31') })))).toEqual([]);
  });
});

describe('locking', () => {
  it('a writer blocked for longer than the busy timeout gets LedgerBusyError and writes nothing', async () => {
    const other = await sqliteStore({ file: temp.file, busyTimeoutMs: 50 });
    try {
      const error = await temp.store.transaction(() =>
        captured(() => append(other, 'action:B2', [comment('2023-04-01')])),
      );
      expect(error).toBeInstanceOf(LedgerBusyError);
      expect(error).toMatchObject({ code: 'LEDGER_BUSY', timeoutMs: 50, file: temp.file });
      expect((await temp.store.head()).position).toBe(0);
    } finally {
      await other.close();
    }
  });
});

describe('sqliteStore', () => {
  it('can be used on its own, without a Ledger, and closing twice is harmless', async () => {
    const store = await sqliteStore({ file: `${temp.file}-store.db`, durability: 'normal' });
    try {
      await store.append([{ stream: 'x', events: [comment('2023-04-01')], expectedVersion: 'no-stream' }], {
        actor: 'me',
      });
      expect(await store.readStream('x')).toHaveLength(1);
      expect((await verify(store)).ok).toBe(true);
      expect(store.engine).toBe('sqlite');
    } finally {
      await store.close();
      await store.close();
    }
  });

  it('refuses unknown and malformed options, naming them, and opens nothing', async () => {
    await expect(sqliteStore({ file: temp.file, durabilty: 'full' } as never)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ path: ['durabilty'] }],
    });
    await expect(sqliteStore({ file: temp.file, durability: 'FULL' } as never)).rejects.toMatchObject({
      issues: [{ path: ['durability'] }],
    });
  });

  it('finds a stream ignoring case, the first created winning', async () => {
    await append(temp.store, 'action:dc02', [comment('2023-04-01')]);
    await append(temp.store, 'action:DC02', [comment('2023-04-01')]);
    expect(await temp.store.streamIgnoringCase('ACTION:Dc02')).toBe('action:dc02');
    expect(await temp.store.streamIgnoringCase('action:none')).toBeUndefined();
  });
});

async function captured(run: () => unknown): Promise<LedgerError | Error> {
  try {
    await run();
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error('expected an error');
}
