import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type BusinessDate,
  type CommandInput,
  NotALedgerError,
  RuleViolationError,
  SchemaTooNewError,
  StorageError,
  UnknownSchemaVersionError,
  ValidationError,
} from '@perfledger/core';
import { eventHash } from '@perfledger/core/internal';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedger, openReadonlyLedger } from '../open-ledger.js';
import { registerAction } from '../test-support/ledger-fixtures.js';
import {
  completeStoredTree,
  createTempLedger,
  type SteppingClock,
  steppingClock,
  type TempLedger,
} from '../testing/index.js';

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.equals(b);
}

/** The database file and its write-ahead log, where uncheckpointed appends live. */
function withWal(file: string): Buffer {
  return Buffer.concat([
    readFileSync(file),
    existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`) : Buffer.alloc(0),
  ]);
}

let temp: TempLedger;
let clock: SteppingClock;
beforeEach(async () => {
  clock = steppingClock('2023-04-01T09:00:00Z', 1_000);
  temp = await createTempLedger({ clock });
});
afterEach(() => temp.cleanup());

describe('execute', () => {
  it('validates, decides and appends; the state reads back', async () => {
    const { ledger } = temp;
    const result = await ledger.execute(registerAction('FP1922_02'), { actor: 'officer' });
    expect(result.events.map((e) => [e.type, e.stream, e.actor])).toEqual([
      ['ActionRegistered', 'action:FP1922_02', 'officer'],
    ]);
    await ledger.execute({
      type: 'UpdateProgress',
      code: 'FP1922_02',
      effectiveOn: '2023-06-30',
      percentComplete: 58,
    });
    expect(await ledger.getAction('FP1922_02')).toMatchObject({
      percentComplete: 58,
      version: 2,
      eventCount: 2,
    });
    expect(await ledger.getAction('NOPE')).toBeUndefined();
  });

  it("uses the ledger's today when no effective date is given", async () => {
    clock.jumpTo('2023-05-17T23:30:00Z');
    const {
      code: _code,
      effectiveOn: _on,
      ...rest
    } = registerAction('A1') as CommandInput & { effectiveOn: string };
    await temp.ledger.execute({ ...rest, code: 'A1' } as CommandInput);
    expect((await temp.ledger.getAction('A1'))?.registeredOn).toBe('2023-05-17');
  });

  it('a command that changes nothing writes nothing', async () => {
    await temp.ledger.execute(registerAction('A1'));
    const progress = {
      type: 'UpdateProgress',
      code: 'A1',
      effectiveOn: '2023-05-01',
      percentComplete: 0,
    } as const;
    // A first 0 % is news (a % complete is unknown until reported); the same 0 % again is not.
    await temp.ledger.execute(progress);
    const result = await temp.ledger.execute(progress);
    expect(result).toMatchObject({ firstPosition: 0, lastPosition: 0, events: [], replayed: false });
    expect((await temp.ledger.head()).position).toBe(2);
  });

  it('executeAll is atomic: a rule broken by the third command writes nothing', async () => {
    await temp.ledger.execute(registerAction('A1'));
    const before = withWal(temp.file);
    await expect(
      temp.ledger.executeAll([
        registerAction('B2'),
        { type: 'UpdateProgress', code: 'A1', effectiveOn: '2023-06-30', percentComplete: 30 },
        { type: 'ReopenAction', code: 'A1', effectiveOn: '2023-06-30', reason: 'Not closed at all' },
      ]),
    ).rejects.toThrow(RuleViolationError);
    expect(sameBytes(withWal(temp.file), before)).toBe(true);
    expect(await temp.ledger.getAction('B2')).toBeUndefined();
    expect((await temp.ledger.head()).position).toBe(1);
  });

  it('executeAll reports every malformed command, by index', async () => {
    const error = await captured(() =>
      temp.ledger.executeAll([
        registerAction('A1'),
        { type: 'UpdateProgress', code: 'A1', percentComplete: 101 },
        { type: 'Explode', code: 'A1' } as unknown as CommandInput,
      ]),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path[0])).toEqual([1, 2]);
  });

  it('later commands of a batch see the effects of earlier ones', async () => {
    const result = await temp.ledger.executeAll(
      [
        registerAction('A1'),
        { type: 'UpdateProgress', code: 'A1', effectiveOn: '2023-06-30', percentComplete: 30 },
        { type: 'UpdateProgress', code: 'A1', effectiveOn: '2023-06-30', percentComplete: 30 },
        { type: 'CloseAction', code: 'A1', effectiveOn: '2023-12-31', outcome: 'completed' },
        registerAction('B2'),
      ],
      { correlationId: 'q3' },
    );
    expect(result.events.map((e) => `${e.stream}@${e.streamVersion}:${e.type}`)).toEqual([
      'action:A1@1:ActionRegistered',
      'action:A1@2:ProgressUpdated',
      'action:A1@3:ActionClosed',
      'action:B2@1:ActionRegistered',
    ]);
    expect(new Set(result.events.map((e) => e.correlationId))).toEqual(new Set(['q3']));
    await expect(
      temp.ledger.executeAll([
        { type: 'ReopenAction', code: 'A1', effectiveOn: '2024-01-10', reason: 'Snag' },
        { type: 'ReopenAction', code: 'A1', effectiveOn: '2024-01-11', reason: 'Twice' },
      ]),
    ).rejects.toThrow(expect.objectContaining({ rule: 'ACTION_NOT_CLOSED' }));
  });

  it('refuses text with lone surrogates, which SQLite could not store faithfully', async () => {
    await temp.ledger.execute(registerAction('A1'));
    await expect(temp.ledger.execute(registerAction('B2'), { actor: 'bad\ud800actor' })).rejects.toThrow(
      ValidationError,
    );
    await expect(
      temp.ledger.execute({ type: 'AddComment', code: 'A1', effectiveOn: '2023-05-01', comment: 'x\udc00' }),
    ).rejects.toThrow(ValidationError);
    await temp.ledger.execute({
      type: 'AddComment',
      code: 'A1',
      effectiveOn: '2023-05-01',
      comment: 'Emoji are fine 🎉',
    });
    expect((await temp.ledger.verify()).ok).toBe(true);
  });
});

describe('time travel on both axes', () => {
  // 1.02.20: progress reported in January for 31 December, then corrected in February.
  async function story(): Promise<{ reportedInJanuary: number }> {
    const { ledger } = temp;
    clock.jumpTo('2023-04-03T09:00:00Z');
    await ledger.execute(registerAction('1.02.20'));
    await ledger.execute(registerAction('1.02.21', { directorate: 'Resources' }));
    clock.jumpTo('2023-10-05T09:00:00Z');
    await ledger.executeAll([
      { type: 'UpdateProgress', code: '1.02.20', effectiveOn: '2023-09-30', percentComplete: 40 },
      { type: 'ChangeStatus', code: '1.02.20', effectiveOn: '2023-09-30', status: 'Green' },
    ]);
    clock.jumpTo('2024-01-10T09:00:00Z');
    await ledger.executeAll([
      { type: 'UpdateProgress', code: '1.02.20', effectiveOn: '2023-12-31', percentComplete: 70 },
      { type: 'ChangeStatus', code: '1.02.20', effectiveOn: '2023-12-31', status: 'amber' },
    ]);
    const reportedInJanuary = (await ledger.head()).position;
    clock.jumpTo('2024-02-20T09:00:00Z');
    await ledger.executeAll([
      { type: 'UpdateProgress', code: '1.02.20', effectiveOn: '2023-12-31', percentComplete: 65 },
      {
        type: 'ReviseDueDate',
        code: '1.02.20',
        effectiveOn: '2023-12-15',
        to: '2024-06-30',
        reason: 'Inspector requested more consultation',
        approver: 'Cabinet',
      },
    ]);
    return { reportedInJanuary };
  }

  it('1.02.20 as at 31 Dec 2023, as known on 15 Jan 2024, is what was reported', async () => {
    const { reportedInJanuary } = await story();
    const asReported = await temp.ledger.getAction('1.02.20', {
      asAt: '2023-12-31',
      knownAt: '2024-01-15T00:00:00Z',
    });
    expect(asReported).toMatchObject({
      percentComplete: 70,
      status: 'Amber',
      dueDate: '2024-03-31',
      dueDateRevisions: 0,
    });
    expect(
      await temp.ledger.getAction('1.02.20', {
        asAt: '2023-12-31',
        knownAt: { position: reportedInJanuary },
      }),
    ).toEqual(asReported);
    expect(await temp.ledger.positionAt('2024-01-15T00:00:00Z')).toBe(reportedInJanuary);
  });

  it('as now known, the same date shows the correction and the revised due date', async () => {
    await story();
    expect(await temp.ledger.getAction('1.02.20', { asAt: '2023-12-31' })).toMatchObject({
      percentComplete: 65,
      status: 'Amber',
      originalDueDate: '2024-03-31',
      dueDate: '2024-06-30',
      dueDateRevisions: 1,
    });
  });

  it('earlier points on either axis see less', async () => {
    await story();
    const { ledger } = temp;
    expect(await ledger.getAction('1.02.20', { asAt: '2023-09-30' })).toMatchObject({
      percentComplete: 40,
      status: 'Green',
    });
    expect(await ledger.getAction('1.02.20', { asAt: '2023-03-31' })).toBeUndefined();
    expect(await ledger.getAction('1.02.20', { knownAt: '2023-04-01T00:00:00Z' })).toBeUndefined();
    expect(await ledger.getAction('1.02.20', { knownAt: '2023-10-05T23:59:59Z' })).toMatchObject({
      percentComplete: 40,
    });
    expect(await ledger.getAction('1.02.20', { knownAt: { position: 0 } })).toBeUndefined();
  });

  it('getActions applies the same point in time to every action, with filters, ordered by code', async () => {
    await story();
    const { ledger } = temp;
    const asReported = await ledger.getActions({ asAt: '2023-12-31', knownAt: '2024-01-15T00:00:00Z' });
    expect(asReported.map((a) => [a.code, a.percentComplete])).toEqual([
      ['1.02.20', 70],
      ['1.02.21', null], // nothing reported: unknown, never 0
    ]);
    expect((await ledger.getActions({ directorate: 'Resources' })).map((a) => a.code)).toEqual(['1.02.21']);
    expect(await ledger.getActions({ plan: 'Another plan' })).toEqual([]);
    expect(await ledger.getActions({ section: 'Planning', asAt: '2023-01-01' })).toEqual([]);
  });

  it('refuses malformed points in time', async () => {
    const { ledger } = temp;
    await expect(ledger.getAction('A1', { asAt: '2023-02-29' })).rejects.toThrow(ValidationError);
    await expect(ledger.getAction('A1', { knownAt: 'yesterday' })).rejects.toThrow(ValidationError);
    // A plain date now means the end of that day in UTC (see as-of.test.ts); a local time without
    // Z or an offset stays refused, since it would mean a different instant on every host.
    await expect(ledger.getAction('A1', { knownAt: '2024-01-15T09:00:00' })).rejects.toThrow(ValidationError);
    await expect(ledger.getAction('A1', { knownAt: '2023-02-29' })).rejects.toThrow(ValidationError);
    await expect(ledger.getActions({ knownAt: { position: -1 } })).rejects.toThrow(ValidationError);
    await expect(ledger.getActions({ knownAt: { position: 1.5 } })).rejects.toThrow(ValidationError);
  });
});

describe('opening files', () => {
  it('refuses a SQLite database of another application, and leaves it untouched', async () => {
    const file = join(temp.dir, 'other.db');
    const other = new Database(file);
    other.exec(
      "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers VALUES (1, 'Ada')",
    );
    other.close();
    const before = readFileSync(file);
    const error = await captured(() => openLedger({ file }));
    expect(error).toBeInstanceOf(NotALedgerError);
    expect(error).toMatchObject({ code: 'NOT_A_LEDGER', file });
    expect(sameBytes(readFileSync(file), before)).toBe(true);
  });

  it('refuses a SQLite database with another application id', async () => {
    const file = join(temp.dir, 'other-id.db');
    const other = new Database(file);
    other.pragma('application_id = 42');
    other.close();
    await expect(openLedger({ file })).rejects.toThrow(/application id is 42/);
  });

  it('refuses a text file, read-write or read-only', async () => {
    const file = join(temp.dir, 'notes.txt');
    writeFileSync(file, 'Minutes of the scrutiny committee, 14 March 2024.\n'.repeat(200));
    const before = readFileSync(file);
    await expect(openLedger({ file })).rejects.toThrow(NotALedgerError);
    await expect(openReadonlyLedger(file)).rejects.toThrow(NotALedgerError);
    expect(sameBytes(readFileSync(file), before)).toBe(true);
  });

  it('refuses a database from a newer schema', async () => {
    await temp.ledger.execute(registerAction('A1'));
    await temp.ledger.close();
    const raw = new Database(temp.file);
    const current = raw.pragma('user_version', { simple: true }) as number;
    raw.pragma(`user_version = ${current + 1}`);
    raw.close();
    const error = await captured(() => openLedger({ file: temp.file }));
    expect(error).toBeInstanceOf(SchemaTooNewError);
    expect(error).toMatchObject({ code: 'SCHEMA_TOO_NEW', found: current + 1, supported: current });
    await expect(openReadonlyLedger(temp.file)).rejects.toThrow(SchemaTooNewError);
  });

  it('refuses to open a missing file read-only (and does not create it)', async () => {
    const file = join(temp.dir, 'missing.db');
    await expect(openReadonlyLedger(file)).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    expect(existsSync(file)).toBe(false);
  });

  it('reopens an existing ledger with its events', async () => {
    await temp.ledger.execute(registerAction('A1'));
    await temp.ledger.close();
    const again = await openLedger({ file: temp.file });
    try {
      expect((await again.getAction('A1'))?.code).toBe('A1');
      expect((await again.verify()).ok).toBe(true);
    } finally {
      await again.close();
    }
  });
});

describe('a read-only ledger', () => {
  it('reads, but refuses every write with READ_ONLY, and the file bytes do not change', async () => {
    await temp.ledger.execute(registerAction('A1'));
    await temp.ledger.close();
    const before = readFileSync(temp.file);
    const reader = await openReadonlyLedger(temp.file);
    try {
      expect(reader.readonly).toBe(true);
      expect((await reader.getAction('A1'))?.code).toBe('A1');
      expect((await reader.verify()).ok).toBe(true);
      const attempts: (() => Promise<unknown>)[] = [
        () => reader.execute({ type: 'AddComment', code: 'A1', effectiveOn: '2023-05-01', comment: 'x' }),
        () => reader.executeAll([registerAction('B2')]),
        () =>
          reader.append('action:A1', [
            { type: 'CommentAdded', effectiveOn: '2023-05-01' as BusinessDate, data: { comment: 'x' } },
          ]),
        () => reader.store.transaction((session) => session.putMeta('k', 'v')),
      ];
      for (const attempt of attempts) {
        const error = await captured(attempt);
        expect(error).toBeInstanceOf(StorageError);
        expect(error).toMatchObject({ code: 'READ_ONLY', file: temp.file });
      }
    } finally {
      await reader.close();
    }
    expect(sameBytes(readFileSync(temp.file), before)).toBe(true);
    // SQLite may leave an empty -wal beside a read-only WAL reader; it must hold no frames.
    if (existsSync(`${temp.file}-wal`)) expect(readFileSync(`${temp.file}-wal`).length).toBe(0);
  });
});

describe('upcasters', () => {
  // A CommentAdded stored by an imagined earlier release, at schema version 0, as `{ text }`,
  // chained and hashed as that release would have done it.
  async function storeLegacyComment(): Promise<void> {
    await temp.ledger.execute(registerAction('A1'));
    const [registered] = await temp.ledger.readAction('A1');
    await temp.ledger.close();
    const fields = {
      position: 2,
      eventId: '0190b1a4-0000-7000-8000-000000000002',
      stream: 'action:A1',
      streamVersion: 2,
      type: 'CommentAdded',
      schemaVersion: 0,
      dataJson: '{"text":"Legacy"}',
      effectiveOn: '2023-05-01',
      recordedAt: '2023-05-01T09:00:00.000000Z',
      actor: null,
      source: null,
      correlationId: null,
      causationId: null,
      idempotencyKey: null,
    };
    const hash = eventHash(registered!.hash, fields);
    const raw = new Database(temp.file);
    try {
      raw
        .prepare(
          `INSERT INTO events (position, event_id, stream, stream_version, type, schema_version, data, effective_on,
             recorded_at, actor, source, correlation_id, causation_id, idempotency_key, prev_hash, hash)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, NULL, ?, ?)`,
        )
        .run(
          fields.position,
          fields.eventId,
          fields.stream,
          fields.streamVersion,
          fields.type,
          fields.schemaVersion,
          fields.dataJson,
          fields.effectiveOn,
          fields.recordedAt,
          registered!.hash,
          hash,
        );
      raw
        .prepare('UPDATE ledger_head SET position = 2, hash = ?, recorded_at = ?')
        .run(hash, fields.recordedAt);
      completeStoredTree(raw);
    } finally {
      raw.close();
    }
  }

  const legacyComment = {
    type: 'CommentAdded',
    fromVersion: 0,
    upcast: (data: unknown) => ({ comment: (data as { text: string }).text }),
  } as const;

  it('without an upcaster, reading an older schema version fails with UnknownSchemaVersionError', async () => {
    await storeLegacyComment();
    const ledger = await openLedger({ file: temp.file });
    try {
      const error = await captured(() => ledger.readAction('A1'));
      expect(error).toBeInstanceOf(UnknownSchemaVersionError);
      expect(error).toMatchObject({
        code: 'UNKNOWN_SCHEMA_VERSION',
        eventType: 'CommentAdded',
        schemaVersion: 0,
        currentVersion: 1,
      });
    } finally {
      await ledger.close();
    }
  });

  it('with an upcaster, the event reads in the current shape; the stored version is kept', async () => {
    await storeLegacyComment();
    const ledger = await openLedger({ file: temp.file, upcasters: [legacyComment] });
    try {
      const legacy = (await ledger.readAction('A1'))[1];
      expect(legacy).toMatchObject({ type: 'CommentAdded', schemaVersion: 0, data: { comment: 'Legacy' } });
      expect((await ledger.getAction('A1'))?.lastComment).toEqual({
        text: 'Legacy',
        effectiveOn: '2023-05-01',
      });
      // The chain covers the bytes as stored, not the upcast shape, and continues after them.
      expect(await ledger.verify()).toMatchObject({ ok: true, count: 2 });
      await ledger.execute({ type: 'AddComment', code: 'A1', effectiveOn: '2023-06-01', comment: 'New' });
      expect(await ledger.verify()).toMatchObject({ ok: true, count: 3 });
      expect((await ledger.getAction('A1'))?.lastComment?.text).toBe('New');
    } finally {
      await ledger.close();
    }
  });

  it('a version newer than the catalogue is refused even with upcasters', async () => {
    await temp.ledger.execute(registerAction('A1'));
    await temp.ledger.close();
    const raw = new Database(temp.file);
    raw.exec('DROP TRIGGER events_are_append_only_update');
    raw.exec('UPDATE events SET schema_version = 2');
    raw.close();
    const ledger = await openLedger({ file: temp.file, upcasters: [legacyComment] });
    try {
      await expect(ledger.getAction('A1')).rejects.toThrow(UnknownSchemaVersionError);
    } finally {
      await ledger.close();
    }
  });
});

async function captured(run: () => Promise<unknown>): Promise<Error> {
  try {
    await run();
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('boundary hardening', () => {
  it('refuses a null or malformed knownAt with a ValidationError, not a TypeError', async () => {
    const { ledger } = temp;
    await expect(ledger.positionAt(null as never)).rejects.toThrow(ValidationError);
    await expect(ledger.getAction('X', { knownAt: null as never })).rejects.toThrow(ValidationError);
    await expect(ledger.getAction('X', { knownAt: 'yesterday' })).rejects.toThrow(ValidationError);
  });

  it('refuses a second ActionRegistered appended raw to a stream, writing nothing', async () => {
    const { ledger } = temp;
    await ledger.execute(registerAction('FP1922_02'));
    const head = await ledger.head();
    const again = {
      type: 'ActionRegistered' as const,
      effectiveOn: '2023-05-01' as BusinessDate,
      data: {
        code: 'FP1922_02',
        title: 'Again',
        plan: 'P',
        directorate: 'D',
        section: 'S',
        dueDate: '2025-01-01' as BusinessDate,
        statusKey: 'rag',
      },
    };
    await expect(ledger.append('action:FP1922_02', [again])).rejects.toThrow(RuleViolationError);
    expect(await ledger.head()).toEqual(head);
    expect((await ledger.getAction('FP1922_02'))?.originalDueDate).toBe('2024-03-31');
  });

  it('an append that changed nothing leaves no key in the chain, so the key is decided again', async () => {
    const { ledger } = temp;
    await ledger.execute(registerAction('FP1922_02'));
    await ledger.execute({
      type: 'UpdateProgress',
      code: 'FP1922_02',
      effectiveOn: '2023-06-30',
      percentComplete: 40,
    });
    const unchanged = await ledger.execute(
      { type: 'UpdateProgress', code: 'FP1922_02', effectiveOn: '2023-06-30', percentComplete: 40 },
      { idempotencyKey: 'q1-progress' },
    );
    expect(unchanged).toMatchObject({ events: [], replayed: false });
    expect(await ledger.store.replayed('q1-progress')).toBeUndefined();
    // Retried unchanged, it changes nothing again; retried changed, it is decided afresh and writes.
    expect(
      await ledger.execute(
        { type: 'UpdateProgress', code: 'FP1922_02', effectiveOn: '2023-06-30', percentComplete: 40 },
        { idempotencyKey: 'q1-progress' },
      ),
    ).toMatchObject({ events: [], replayed: false });
    const changed = await ledger.execute(
      { type: 'UpdateProgress', code: 'FP1922_02', effectiveOn: '2023-06-30', percentComplete: 55 },
      { idempotencyKey: 'q1-progress' },
    );
    expect(changed).toMatchObject({ firstPosition: 3, lastPosition: 3, replayed: false });
    expect((await ledger.getAction('FP1922_02'))?.percentComplete).toBe(55);
    // From now on the key is in the chain, and a retry replays those positions.
    expect(
      await ledger.execute(
        { type: 'UpdateProgress', code: 'FP1922_02', effectiveOn: '2023-06-30', percentComplete: 70 },
        { idempotencyKey: 'q1-progress' },
      ),
    ).toMatchObject({ firstPosition: 3, lastPosition: 3, replayed: true });
  });

  it('stores metadata verbatim, so it refuses surrounding spaces instead of trimming them', async () => {
    const { ledger } = temp;
    await expect(ledger.execute(registerAction('FP1922_02'), { actor: ' officer' })).rejects.toThrow(
      ValidationError,
    );
    expect((await ledger.head()).position).toBe(0);
  });

  it('runs reads and appends in one transaction with ledger.transaction', async () => {
    const { ledger } = temp;
    await ledger.execute(registerAction('FP1922_02'));
    await expect(
      ledger.transaction(async () => {
        await ledger.execute({
          type: 'UpdateProgress',
          code: 'FP1922_02',
          effectiveOn: '2023-06-30',
          percentComplete: 40,
        });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect((await ledger.getAction('FP1922_02'))?.percentComplete).toBeNull();
    expect((await ledger.head()).position).toBe(1);
  });
});
