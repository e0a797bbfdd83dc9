import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConcurrencyError, LedgerBusyError, type LedgerError, ValidationError } from '../errors/index.js';
import type { EventEnvelope, PendingEvent } from '../events/index.js';
import { openLedger } from '../ledger/ledger.js';
import { createTempLedger, steppingClock, type TempLedger } from '../testing/index.js';
import type { BusinessDate } from '../time/index.js';
import { parseRecordedAt } from './recorded-clock.js';
import { GENESIS_HASH } from './schema.js';
import { SqliteEventStore } from './sqlite-event-store.js';

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

let temp: TempLedger;
beforeEach(() => {
  temp = createTempLedger({ clock: steppingClock('2024-01-15T09:00:00Z', 1_000) });
});
afterEach(() => temp.cleanup());

describe('append and read', () => {
  it('round-trips every field of the envelope', () => {
    const { ledger } = temp;
    const result = ledger.append('action:A1', [comment('2023-06-30', 'First'), progress('2023-06-30', 40)], {
      expectedVersion: 'no-stream',
      actor: 'j.smith',
      source: 'portal',
      correlationId: 'q1-2023',
      causationId: 'cmd-1',
      idempotencyKey: 'k-1',
    });
    const read = ledger.readStream('action:A1');
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
    expect(ledger.head()).toEqual({ position: 2, hash: second.hash, recordedAt: second.recordedAt });
  });

  it('stores data validated and canonical (trimmed, sorted keys), and metadata as null when absent', () => {
    const { ledger } = temp;
    ledger.append('action:A1', [
      {
        type: 'DueDateRevised',
        effectiveOn: d('2023-06-30'),
        data: { to: d('2024-01-31'), reason: '  Late  ', from: d('2023-12-31') },
      },
    ]);
    const raw = ledger.store.database.prepare('SELECT data, actor FROM events').get() as {
      data: string;
      actor: null;
    };
    expect(raw).toEqual({ data: '{"from":"2023-12-31","reason":"Late","to":"2024-01-31"}', actor: null });
  });

  it('an empty log has head 0 with the genesis hash', () => {
    expect(temp.ledger.head()).toEqual({ position: 0, hash: GENESIS_HASH, recordedAt: null });
    expect(temp.ledger.store.streamVersion('action:A1')).toBe(0);
    expect(temp.ledger.verify()).toEqual({ ok: true, count: 0, headPosition: 0, headHash: GENESIS_HASH });
  });

  it('refuses events that are not in the catalogue or do not match their schema, naming each problem', () => {
    const error = captured(() =>
      temp.ledger.appendMany([
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
    expect(temp.ledger.head().position).toBe(0);
  });

  it('reads a stream by version range and as known at a position', () => {
    const { ledger } = temp;
    ledger.append('action:A1', [comment('2023-04-01'), comment('2023-05-01')]);
    ledger.append('action:B2', [comment('2023-04-01')]);
    ledger.append('action:A1', [comment('2023-06-01'), comment('2023-07-01')]);
    const versions = (events: EventEnvelope[]) => events.map((e) => e.streamVersion);
    expect(versions(ledger.readStream('action:A1', { fromVersion: 2, toVersion: 3 }))).toEqual([2, 3]);
    expect(versions(ledger.readStream('action:A1', { upTo: 3 }))).toEqual([1, 2]);
    expect(ledger.readStream('action:nothing')).toEqual([]);
  });
});

describe('atomic batches', () => {
  function seed(): void {
    temp.ledger.append('action:A1', [comment('2023-04-01')]);
  }

  it('a schema error in the third request writes nothing from the first two', () => {
    seed();
    const before = fileBytes(temp.file);
    expect(() =>
      temp.ledger.appendMany([
        { stream: 'action:A1', events: [comment('2023-05-01')], expectedVersion: 1 },
        { stream: 'action:B2', events: [comment('2023-05-01')], expectedVersion: 'no-stream' },
        { stream: 'action:C3', events: [comment('2023-05-01'), progress('2023-05-01', 101)] },
      ]),
    ).toThrow(ValidationError);
    expectSameBytes(temp.file, before);
    expect(temp.ledger.head().position).toBe(1);
  });

  it('a failed version check in the third request rolls back the first two', () => {
    seed();
    const before = fileBytes(temp.file);
    expect(() =>
      temp.ledger.appendMany([
        { stream: 'action:A1', events: [comment('2023-05-01')], expectedVersion: 1 },
        { stream: 'action:B2', events: [comment('2023-05-01')], expectedVersion: 'no-stream' },
        { stream: 'action:C3', events: [comment('2023-05-01')], expectedVersion: 4 },
      ]),
    ).toThrow(ConcurrencyError);
    expectSameBytes(temp.file, before);
    expect([...temp.ledger.readAll()].map((e) => e.position)).toEqual([1]);
    expect(temp.ledger.verify().ok).toBe(true);
  });

  it('a throwing in-transaction hook rolls the append back; an unsubscribed one no longer runs', () => {
    const stop = temp.ledger.onAppend(() => {
      throw new Error('projection failed');
    });
    expect(() => temp.ledger.append('action:A1', [comment('2023-04-01')])).toThrow('projection failed');
    expect(temp.ledger.head().position).toBe(0);
    stop();
    const seen: number[] = [];
    temp.ledger.onAppend((events) => seen.push(...events.map((e) => e.position)));
    temp.ledger.append('action:A1', [comment('2023-04-01'), comment('2023-04-02')]);
    expect(seen).toEqual([1, 2]);
  });

  it('sees earlier requests of the same batch when checking versions of the same stream', () => {
    const result = temp.ledger.appendMany([
      { stream: 'action:A1', events: [comment('2023-04-01')], expectedVersion: 'no-stream' },
      { stream: 'action:A1', events: [comment('2023-04-02')], expectedVersion: 1 },
    ]);
    expect(result.streamVersions).toEqual({ 'action:A1': 2 });
  });
});

describe('expected versions', () => {
  beforeEach(() => {
    temp.ledger.append('action:A1', [comment('2023-04-01'), comment('2023-04-02')]);
  });

  it('an exact version passes when it matches and fails with expected and actual otherwise', () => {
    expect(
      temp.ledger.append('action:A1', [comment('2023-04-03')], { expectedVersion: 2 }).lastPosition,
    ).toBe(3);
    const error = captured(() =>
      temp.ledger.append('action:A1', [comment('2023-04-04')], { expectedVersion: 2 }),
    );
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({
      code: 'CONCURRENCY_CONFLICT',
      stream: 'action:A1',
      expected: 2,
      actual: 3,
    });
  });

  it("'no-stream' requires a new stream", () => {
    expect(
      temp.ledger.append('action:B2', [comment('2023-04-01')], { expectedVersion: 'no-stream' }).lastPosition,
    ).toBe(3);
    expect(
      captured(() =>
        temp.ledger.append('action:A1', [comment('2023-04-01')], { expectedVersion: 'no-stream' }),
      ),
    ).toMatchObject({
      expected: 'no-stream',
      actual: 2,
    });
  });

  it("'exists' requires an existing stream", () => {
    expect(
      temp.ledger.append('action:A1', [comment('2023-04-03')], { expectedVersion: 'exists' }).lastPosition,
    ).toBe(3);
    const error = captured(() =>
      temp.ledger.append('action:B2', [comment('2023-04-01')], { expectedVersion: 'exists' }),
    );
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({ expected: 'exists', actual: 0 });
  });

  it("'any' (the default) always passes", () => {
    temp.ledger.append('action:A1', [comment('2023-04-03')], { expectedVersion: 'any' });
    temp.ledger.append('action:B2', [comment('2023-04-03')]);
    expect(temp.ledger.head().position).toBe(4);
  });

  it.each([-1, 1.5, 'latest'])('refuses the malformed expected version %j', (expectedVersion) => {
    expect(() =>
      temp.ledger.append('action:A1', [comment('2023-04-03')], {
        expectedVersion: expectedVersion as number,
      }),
    ).toThrow(ValidationError);
  });

  it('a failed check leaves no gap in positions', () => {
    expect(() => temp.ledger.append('action:A1', [comment('2023-04-03')], { expectedVersion: 7 })).toThrow(
      ConcurrencyError,
    );
    temp.ledger.append('action:A1', [comment('2023-04-03')]);
    expect([...temp.ledger.readAll()].map((e) => e.position)).toEqual([1, 2, 3]);
  });
});

describe('idempotency keys', () => {
  it('a repeated key returns the first result and writes nothing', () => {
    const first = temp.ledger.append('action:A1', [comment('2023-04-01'), comment('2023-04-02')], {
      idempotencyKey: 'import:q1.csv',
    });
    const before = fileBytes(temp.file);
    const again = temp.ledger.append('action:B2', [comment('2023-05-01')], {
      idempotencyKey: 'import:q1.csv',
    });
    expect(again).toEqual({ ...first, replayed: true });
    expectSameBytes(temp.file, before);
    expect(temp.ledger.store.replayed('import:q1.csv')).toEqual(again);
    expect(temp.ledger.store.replayed('never-used')).toBeUndefined();
  });

  it('a repeated key is replayed even when the command would now be refused', () => {
    const register = {
      type: 'RegisterAction',
      code: 'A1',
      effectiveOn: '2023-04-01',
      title: 'T',
      plan: 'P',
      directorate: 'D',
      section: 'S',
      dueDate: '2024-03-31',
      statusKey: 'rag',
    } as const;
    const first = temp.ledger.execute(register, { idempotencyKey: 'k' });
    const again = temp.ledger.execute(register, { idempotencyKey: 'k' });
    expect(again.replayed).toBe(true);
    expect(again.events).toEqual(first.events);
    expect(temp.ledger.head().position).toBe(1);
  });
});

describe('immutability in the database', () => {
  beforeEach(() => {
    temp.ledger.append('action:A1', [comment('2023-04-01')]);
  });

  it('UPDATE and DELETE on events abort, through the ledger connection or any other', () => {
    const db = temp.ledger.store.database;
    expect(() => db.prepare("UPDATE events SET actor = 'mallory'").run()).toThrow(/immutable; UPDATE/);
    expect(() => db.prepare('DELETE FROM events').run()).toThrow(/immutable; DELETE/);
    const raw = new Database(temp.file);
    try {
      expect(() => raw.prepare("UPDATE events SET data = '{}'").run()).toThrow(/immutable/);
      expect(() => raw.prepare('DELETE FROM events WHERE position = 1').run()).toThrow(/immutable/);
    } finally {
      raw.close();
    }
    expect(temp.ledger.verify().ok).toBe(true);
  });
});

describe('recorded time', () => {
  it('is strictly increasing even when the clock runs backwards or stands still', () => {
    for (const step of [-3_600_000, 0]) {
      const backwards = createTempLedger({ clock: steppingClock('2024-01-15T09:00:00Z', step) });
      try {
        for (let i = 0; i < 5; i++)
          backwards.ledger.append(`action:A${i % 2}`, [comment('2023-04-01'), comment('2023-04-02')]);
        const micros = [...backwards.ledger.readAll()].map((e) => parseRecordedAt(e.recordedAt));
        for (let i = 1; i < micros.length; i++) expect(micros[i]!).toBeGreaterThan(micros[i - 1]!);
        expect(backwards.ledger.verify().ok).toBe(true);
      } finally {
        backwards.cleanup();
      }
    }
  });

  it('is strictly increasing across connections whose clocks disagree', () => {
    temp.ledger.append('action:A1', [comment('2023-04-01')]);
    const late = openLedger({ file: temp.file, clock: steppingClock('2020-01-01T00:00:00Z', 1_000) });
    try {
      late.append('action:A1', [comment('2023-04-02')]);
      const [a, b] = temp.ledger.readStream('action:A1') as [EventEnvelope, EventEnvelope];
      expect(b.recordedAt > a.recordedAt).toBe(true);
      expect(parseRecordedAt(b.recordedAt) - parseRecordedAt(a.recordedAt)).toBe(1);
    } finally {
      late.close();
    }
  });

  it('positionAt finds the last position recorded at or before an instant', () => {
    const clock = steppingClock('2024-01-15T09:00:00Z', 1_000);
    const timed = createTempLedger({ clock });
    try {
      timed.ledger.append('action:A1', [comment('2023-04-01')]); // 09:00:00
      clock.jumpTo('2024-02-01T09:00:00Z');
      timed.ledger.append('action:A1', [comment('2023-04-02')]); // 1 Feb
      expect(timed.ledger.store.positionAt('2024-01-14T00:00:00Z')).toBe(0);
      expect(timed.ledger.store.positionAt('2024-01-15T09:00:00Z')).toBe(1);
      expect(timed.ledger.store.positionAt('2024-01-31T23:59:59.999999Z')).toBe(1);
      expect(timed.ledger.store.positionAt('2024-02-01T09:00:00.000000Z')).toBe(2);
    } finally {
      timed.cleanup();
    }
  });
});

describe('readAll', () => {
  beforeEach(() => {
    const { ledger } = temp;
    ledger.append('action:A1', [comment('2023-04-01'), progress('2023-04-02', 10)]);
    ledger.append('action:B2', [progress('2023-04-01', 20), comment('2023-04-03')]);
    ledger.append('action:A1', [comment('2023-04-04')]);
  });

  const positions = (events: Iterable<EventEnvelope>) => [...events].map((e) => e.position);

  it('reads the whole log in position order, in batches', () => {
    expect(positions(temp.ledger.readAll())).toEqual([1, 2, 3, 4, 5]);
    const sizes = [...temp.ledger.store.readAllBatches({ batchSize: 2 })].map((batch) => batch.length);
    expect(sizes).toEqual([2, 2, 1]);
    expect([...temp.ledger.store.readAllBatches({ batchSize: 5 })].map((b) => b.length)).toEqual([5]);
    expect(positions(temp.ledger.readAll({ batchSize: 1 }))).toEqual([1, 2, 3, 4, 5]);
  });

  it('filters by type, across batches', () => {
    expect(positions(temp.ledger.readAll({ types: ['ProgressUpdated'], batchSize: 1 }))).toEqual([2, 3]);
    expect(positions(temp.ledger.readAll({ types: ['ProgressUpdated', 'CommentAdded'] }))).toEqual([
      1, 2, 3, 4, 5,
    ]);
    expect(positions(temp.ledger.readAll({ types: ['ActionClosed'] }))).toEqual([]);
  });

  it('reads after a position (exclusive) and up to one (inclusive)', () => {
    expect(positions(temp.ledger.readAll({ after: 2 }))).toEqual([3, 4, 5]);
    expect(positions(temp.ledger.readAll({ upTo: 3 }))).toEqual([1, 2, 3]);
    expect(positions(temp.ledger.readAll({ after: 1, upTo: 4, batchSize: 2 }))).toEqual([2, 3, 4]);
    expect(positions(temp.ledger.readAll({ after: 5 }))).toEqual([]);
  });

  it('reads one stream at a time, in stream order, as known at a position', () => {
    const streams = [...temp.ledger.store.readStreams({ upTo: 4 })].map((events) => [
      events[0]?.stream,
      events.map((e) => e.streamVersion),
    ]);
    expect(streams).toEqual([
      ['action:A1', [1, 2]],
      ['action:B2', [1, 2]],
    ]);
  });
});

describe('readByEffectiveDate', () => {
  beforeEach(() => {
    const { ledger } = temp;
    ledger.append('action:A1', [comment('2023-06-30'), comment('2023-04-01')]);
    ledger.append('action:B2', [comment('2023-06-30'), comment('2023-09-30')]);
    ledger.append('action:C3', [comment('2023-04-01'), comment('2023-06-30')]);
  });

  const keys = (events: Iterable<EventEnvelope>) => [...events].map((e) => `${e.effectiveOn}#${e.position}`);

  it('orders by effective date, then position, whatever the batch size', () => {
    const expected = [
      '2023-04-01#2',
      '2023-04-01#5',
      '2023-06-30#1',
      '2023-06-30#3',
      '2023-06-30#6',
      '2023-09-30#4',
    ];
    for (const batchSize of [1, 2, 3, 1_000]) {
      expect(keys(temp.ledger.readByEffectiveDate({ batchSize }))).toEqual(expected);
    }
  });

  it('reads an inclusive range, and as known at a position', () => {
    expect(
      keys(temp.ledger.readByEffectiveDate({ from: d('2023-06-30'), to: d('2023-06-30'), batchSize: 2 })),
    ).toEqual(['2023-06-30#1', '2023-06-30#3', '2023-06-30#6']);
    expect(keys(temp.ledger.readByEffectiveDate({ from: d('2023-05-01'), upTo: 4 }))).toEqual([
      '2023-06-30#1',
      '2023-06-30#3',
      '2023-09-30#4',
    ]);
    expect(keys(temp.ledger.readByEffectiveDate({ to: d('2023-03-31') }))).toEqual([]);
  });
});

describe('locking', () => {
  it('a writer blocked for longer than the busy timeout gets LedgerBusyError and writes nothing', () => {
    const other = openLedger({ file: temp.file, busyTimeoutMs: 50 });
    try {
      const error = temp.ledger.store.transaction(() =>
        captured(() => other.append('action:B2', [comment('2023-04-01')])),
      );
      expect(error).toBeInstanceOf(LedgerBusyError);
      expect(error).toMatchObject({ code: 'LEDGER_BUSY', timeoutMs: 50, file: temp.file });
      expect(temp.ledger.head().position).toBe(0);
    } finally {
      other.close();
    }
  });
});

describe('SqliteEventStore', () => {
  it('can be used on its own, without a Ledger', () => {
    const store = new SqliteEventStore({ file: `${temp.dir}/store.db`, durability: 'normal' });
    try {
      store.append([{ stream: 'x', events: [comment('2023-04-01')], expectedVersion: 'no-stream' }], {
        actor: 'me',
      });
      expect(store.readStream('x')).toHaveLength(1);
      expect(store.verify().ok).toBe(true);
    } finally {
      store.close();
      store.close(); // closing twice is harmless
    }
  });
});

function captured(run: () => unknown): LedgerError | Error {
  try {
    run();
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error('expected an error');
}
