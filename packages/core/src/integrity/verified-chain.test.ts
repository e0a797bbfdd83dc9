import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { VerificationFailedError } from '../errors/index.js';
import { type Ledger, openLedger, openReadonlyLedger } from '../ledger/ledger.js';
import type { Projection } from '../projections/projection.js';
import { ProjectionRunner } from '../projections/projection-runner.js';
import { createTempLedger, steppingClock, type TempLedger, tamperWithEvent } from '../testing/index.js';
import { listPublishedReports, publishReport, verifyPublishedReport } from './publish-report.js';
import { readVerifiedMark, verifyChainIncrementally } from './verified-chain.js';

const temps: TempLedger[] = [];
const opened: Ledger[] = [];
afterEach(() => {
  for (const ledger of opened.splice(0)) ledger.close();
  for (const temp of temps.splice(0)) temp.cleanup();
});

/** A ledger with `count` progress updates of one action, on a clock one second apart. */
function ledgerWith(count: number): TempLedger {
  const temp = createTempLedger({
    durability: 'normal',
    clock: steppingClock('2024-01-15T09:00:00Z', 1_000),
  });
  temps.push(temp);
  for (let i = 0; i < count; i++) {
    temp.ledger.append('action:A1', [
      { type: 'ProgressUpdated', effectiveOn: '2024-01-15', data: { percentComplete: i } } as never,
    ]);
  }
  return temp;
}

function reopen(temp: TempLedger, readonly = false): Ledger {
  temp.ledger.close();
  const ledger = readonly ? openReadonlyLedger(temp.file) : openLedger({ file: temp.file });
  opened.push(ledger);
  return ledger;
}

/** Every row of every table, to prove that nothing was written. */
function dump(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all() as string[];
    return JSON.stringify(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY 1`).all()]));
  } finally {
    db.close();
  }
}

const report = {
  fy: '2023/24',
  quarter: 3 as const,
  content: 'report',
  format: 'md' as const,
  generator: 'test@1',
};

/** The attack from issue 11: 40% becomes 90% with the sqlite3 API, triggers dropped and recreated. */
function forgeProgress(file: string, position: number): void {
  tamperWithEvent(file, position, { data: '{"percentComplete":90}' });
}

function refusal(work: () => unknown): VerificationFailedError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(VerificationFailedError);
    return error as VerificationFailedError;
  }
  throw new Error('expected a VerificationFailedError');
}

describe('verified before trusted: publishing and reproducing', () => {
  it('refuses to publish from a log edited behind the library, with the break, and writes nothing', () => {
    const temp = ledgerWith(5);
    temp.ledger.close();
    forgeProgress(temp.file, 3);
    const before = dump(temp.file);
    const ledger = reopen(temp);
    const error = refusal(() => publishReport(ledger, report));
    expect(error.code).toBe('VERIFICATION_FAILED');
    expect(error.break).toMatchObject({ kind: 'hash-mismatch', position: 3 });
    expect(error.chain).toMatchObject({ ok: false, count: 2 });
    expect(error.message).toMatch(/Refusing to publish the 2023\/24 Q3 report.*hash-mismatch at position 3/);
    ledger.close();
    expect(dump(temp.file)).toBe(before);
  });

  it('refuses to reproduce against an edited log, on a read-only handle too, and writes nothing', () => {
    const temp = ledgerWith(4);
    const published = publishReport(temp.ledger, report);
    temp.ledger.close();
    forgeProgress(temp.file, 4); // the last progress update, which the publication is based on
    const before = dump(temp.file);
    for (const readonly of [true, false]) {
      const ledger = reopen(temp, readonly);
      const error = refusal(() => verifyPublishedReport(ledger, published, 'report'));
      expect(error.break).toMatchObject({ position: 4 });
      ledger.close();
    }
    expect(dump(temp.file)).toBe(before);
  });

  it('publishes and reproduces an untouched log, recording a verified mark at the head', () => {
    const temp = ledgerWith(3);
    expect(readVerifiedMark(temp.ledger)).toBeNull();
    const published = publishReport(temp.ledger, report);
    // The walk covered the three events before the publication; the publication itself comes next.
    expect(readVerifiedMark(temp.ledger)).toMatchObject({ position: 3, hash: temp.ledger.store.hashAt(3) });
    expect(verifyPublishedReport(temp.ledger, published, 'report').ok).toBe(true);
    expect(readVerifiedMark(temp.ledger)).toMatchObject({ position: 4, hash: temp.ledger.head().hash });
    expect(listPublishedReports(temp.ledger)).toHaveLength(1);
  });
});

describe('the incremental check', () => {
  it('walks only what was appended since the mark, and moves the mark to the head', () => {
    const temp = ledgerWith(10);
    expect(verifyChainIncrementally(temp.ledger)).toMatchObject({ from: 0, result: { ok: true, count: 10 } });
    for (let i = 0; i < 3; i++) {
      temp.ledger.append('action:B2', [
        { type: 'CommentAdded', effectiveOn: '2024-01-15', data: { comment: 'x' } } as never,
      ]);
    }
    const check = verifyChainIncrementally(temp.ledger);
    expect(check).toMatchObject({ from: 10, result: { ok: true, count: 3, headPosition: 13 } });
    expect(check.mark).toMatchObject({ position: 13, hash: temp.ledger.head().hash });
    expect(verifyChainIncrementally(temp.ledger)).toMatchObject({ from: 13, result: { ok: true, count: 0 } });
  });

  it('checks stream versions across the mark', () => {
    const temp = ledgerWith(4);
    verifyChainIncrementally(temp.ledger);
    temp.ledger.append('action:A1', [
      { type: 'ProgressUpdated', effectiveOn: '2024-01-15', data: { percentComplete: 50 } } as never,
    ]);
    temp.ledger.close();
    // The next event of the stream claims version 7 where 5 follows 4; hashes recomputed.
    tamperWithEvent(temp.file, 5, { stream_version: 7 }, { rechain: true });
    const ledger = reopen(temp, true);
    expect(verifyChainIncrementally(ledger).result).toMatchObject({
      ok: false,
      break: { kind: 'stream-gap', position: 5 },
    });
  });

  it('still verifies when the mark cannot be written because another process holds the lock', () => {
    const temp = ledgerWith(3);
    temp.ledger.close();
    const ledger = openLedger({ file: temp.file, busyTimeoutMs: 50 });
    opened.push(ledger);
    const other = new Database(temp.file);
    try {
      other.exec('BEGIN IMMEDIATE');
      expect(verifyChainIncrementally(ledger)).toMatchObject({ result: { ok: true, count: 3 }, mark: null });
      other.exec('ROLLBACK');
    } finally {
      other.close();
    }
    expect(verifyChainIncrementally(ledger).mark).toMatchObject({ position: 3 });
  });

  it('on a read-only handle verifies from the stored mark and writes nothing', () => {
    const temp = ledgerWith(6);
    verifyChainIncrementally(temp.ledger);
    temp.ledger.append('action:A1', [
      { type: 'ProgressUpdated', effectiveOn: '2024-01-15', data: { percentComplete: 70 } } as never,
    ]);
    temp.ledger.close();
    const before = dump(temp.file);
    const ledger = reopen(temp, true);
    expect(verifyChainIncrementally(ledger)).toMatchObject({
      from: 6,
      result: { ok: true, count: 1 },
      mark: { position: 6 },
    });
    ledger.close();
    expect(dump(temp.file)).toBe(before);
  });

  it('finds a rewritten history at the mark, even with every hash recomputed', () => {
    const temp = ledgerWith(6);
    verifyChainIncrementally(temp.ledger);
    temp.ledger.close();
    tamperWithEvent(temp.file, 2, { data: '{"percentComplete":90}' }, { rechain: true });
    const ledger = reopen(temp);
    expect(ledger.verify().ok).toBe(true); // self-consistent: the chain alone cannot see it…
    const { result } = verifyChainIncrementally(ledger); // …the mark can
    expect(result).toMatchObject({ ok: false, break: { kind: 'mark-mismatch', position: 6 } });
    expect(result.ok || result.break.message).toMatch(/verified earlier: the history up to it was rewritten/);
  });

  it('finds a tail cut off together with the recorded head', () => {
    const temp = ledgerWith(6);
    verifyChainIncrementally(temp.ledger);
    temp.ledger.close();
    const db = new Database(temp.file);
    db.exec('DROP TRIGGER events_are_append_only_delete; DELETE FROM events WHERE position > 4');
    db.exec('UPDATE ledger_head SET position = 4, hash = (SELECT hash FROM events WHERE position = 4)');
    db.close();
    const ledger = reopen(temp, true);
    expect(ledger.verify().ok).toBe(true);
    expect(verifyChainIncrementally(ledger).result).toMatchObject({
      ok: false,
      break: { kind: 'mark-mismatch', position: 6 },
    });
  });

  it('finds an edit after the mark, and one before it made by dropping the triggers (the schema cookie moved)', () => {
    const temp = ledgerWith(8);
    verifyChainIncrementally(temp.ledger);
    for (let i = 0; i < 2; i++) {
      temp.ledger.append('action:B2', [
        { type: 'CommentAdded', effectiveOn: '2024-01-15', data: { comment: 'y' } } as never,
      ]);
    }
    temp.ledger.close();
    tamperWithEvent(temp.file, 9, { data: '{"comment":"z"}' }, { method: 'replace' });
    let ledger = reopen(temp, true);
    expect(verifyChainIncrementally(ledger)).toMatchObject({
      from: 8,
      result: { ok: false, break: { kind: 'hash-mismatch', position: 9 } },
    });
    ledger.close();

    const other = ledgerWith(8);
    verifyChainIncrementally(other.ledger);
    other.ledger.close();
    forgeProgress(other.file, 3);
    ledger = reopen(other, true);
    expect(verifyChainIncrementally(ledger)).toMatchObject({
      from: 0,
      result: { ok: false, break: { kind: 'hash-mismatch', position: 3 } },
    });
  });

  it('does not see an edit before the mark that left the schema alone: that is what a full verify is for', () => {
    const temp = ledgerWith(8);
    verifyChainIncrementally(temp.ledger);
    temp.ledger.close();
    tamperWithEvent(temp.file, 3, { data: '{"percentComplete":90}' }, { method: 'replace' });
    const ledger = reopen(temp, true);
    expect(verifyChainIncrementally(ledger)).toMatchObject({ from: 8, result: { ok: true } });
    expect(ledger.verify()).toMatchObject({ ok: false, break: { kind: 'hash-mismatch', position: 3 } });
  });

  it('walks from the genesis after a schema change, and records the mark under the new schema', () => {
    const temp = ledgerWith(5);
    const first = verifyChainIncrementally(temp.ledger).mark!;
    temp.ledger.store.database.exec('CREATE TABLE some_projection (x INTEGER)');
    const check = verifyChainIncrementally(temp.ledger);
    expect(check).toMatchObject({ from: 0, result: { ok: true, count: 5 } });
    expect(check.mark).toEqual({ ...first, schemaVersion: first.schemaVersion + 1 });
    expect(verifyChainIncrementally(temp.ledger)).toMatchObject({ from: 5, result: { count: 0 } });
  });
});

describe('the incremental check, property', () => {
  // A content edit after the mark with every later hash recomputed is self-consistent: neither
  // this check nor a full verify can see it (only a later checkpoint could), so it is not here.
  it('finds every edit after the mark that the chain can show, however it was made, as a full verify does', () => {
    const edit = fc.oneof(
      fc.constant({ changes: { actor: 'mallory' }, rechain: false }),
      fc.constant({ changes: { data: '{"percentComplete":99}' }, rechain: false }),
      fc.constant({ changes: { recorded_at: '2024-01-15T08:00:00.000000Z' }, rechain: true }),
      fc.constant({ changes: { stream_version: 40 }, rechain: true }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }),
        fc.nat(),
        fc.nat(),
        edit,
        fc.constantFrom('drop-triggers' as const, 'replace' as const),
        (count, markAt, editAt, { changes, rechain }, method) => {
          const mark = (markAt % (count - 1)) + 1;
          const position = mark + 1 + (editAt % (count - mark));
          const temp = ledgerWith(mark);
          try {
            expect(verifyChainIncrementally(temp.ledger).result.ok).toBe(true);
            for (let i = mark; i < count; i++) {
              temp.ledger.append('action:A1', [
                { type: 'ProgressUpdated', effectiveOn: '2024-01-15', data: { percentComplete: i } } as never,
              ]);
            }
            temp.ledger.close();
            tamperWithEvent(temp.file, position, changes, { rechain, method });
            const ledger = openReadonlyLedger(temp.file);
            try {
              const { result } = verifyChainIncrementally(ledger);
              expect(result.ok).toBe(false);
              expect(ledger.verify().ok).toBe(false);
            } finally {
              ledger.close();
            }
          } finally {
            temps.splice(temps.indexOf(temp), 1);
            temp.cleanup();
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

/** A projection that keeps each stream's latest percentage. */
const latestPercent: Projection = {
  name: 'latest_percent',
  version: 1,
  eventTypes: ['ProgressUpdated'],
  tables: [
    {
      name: 'latest_percent',
      sql: 'CREATE TABLE latest_percent (stream TEXT PRIMARY KEY, percent INTEGER NOT NULL)',
    },
  ],
  handler: (db) => {
    const put = db.prepare(
      'INSERT INTO latest_percent VALUES (?, ?) ON CONFLICT (stream) DO UPDATE SET percent = excluded.percent',
    );
    return (event) => {
      if (event.type === 'ProgressUpdated') put.run(event.stream, event.data.percentComplete);
    };
  },
};

describe('verified before trusted: projections', () => {
  it('a rebuild verifies in the same pass and refuses at the first break, leaving the projection marked for rebuild', () => {
    const temp = ledgerWith(9);
    const runner = new ProjectionRunner(temp.ledger, [latestPercent]);
    runner.start();
    const mark = readVerifiedMark(temp.ledger);
    expect(mark).toMatchObject({ position: 9, hash: temp.ledger.head().hash });
    temp.ledger.close();
    // Before the mark, the schema left alone: only reading every event finds it.
    tamperWithEvent(temp.file, 7, { data: '{"percentComplete":90}' }, { method: 'replace' });
    const ledger = reopen(temp);
    const again = new ProjectionRunner(ledger, [latestPercent], { mode: 'catch-up' });
    const error = refusal(() => again.rebuild([], { batchSize: 4 }));
    expect(error.break).toMatchObject({ kind: 'hash-mismatch', position: 7 });
    expect(error.message).toMatch(/Refusing to rebuild the projections.*marked for rebuild/);
    // The batch before the break was applied, the one holding it was rolled back: the forged
    // 90 never reached the table, and the projection is not ready, so no reader uses it.
    expect(ledger.store.database.prepare('SELECT percent FROM latest_percent').all()).toEqual([
      { percent: 3 },
    ]);
    expect(again.status()).toMatchObject([{ state: 'rebuilding', position: 4 }]);
    // Starting again resumes the rebuild, which verifies from the start too, and is refused
    // again; so is a rebuild from scratch.
    expect(() => again.start()).toThrow(/hash-mismatch at position 7/);
    expect(again.status()).toMatchObject([{ state: 'rebuilding', position: 4 }]);
    expect(() => again.rebuild()).toThrow(VerificationFailedError);
    expect(again.status()).toMatchObject([{ state: 'rebuilding' }]);
    expect(readVerifiedMark(ledger)).toEqual(mark);
  });

  it('a resumed rebuild verifies from the start, even when the mark was recorded after it stopped', () => {
    const temp = ledgerWith(9);
    const runner = new ProjectionRunner(temp.ledger, [latestPercent], { mode: 'catch-up' });
    // Interrupted after its first batch (as a crash would), a rebuild stays `rebuilding` at 4.
    expect(() =>
      runner.rebuild([], {
        batchSize: 4,
        onProgress: () => {
          throw new Error('interrupted');
        },
      }),
    ).toThrow('interrupted');
    expect(runner.status()).toMatchObject([{ state: 'rebuilding', position: 4 }]);
    expect(verifyChainIncrementally(temp.ledger).mark).toMatchObject({ position: 9 }); // a sound log, marked
    temp.ledger.close();
    tamperWithEvent(temp.file, 7, { data: '{"percentComplete":90}' }, { method: 'replace' });
    const ledger = reopen(temp);
    expect(verifyChainIncrementally(ledger).result.ok).toBe(true); // before the mark: not seen
    const resumed = new ProjectionRunner(ledger, [latestPercent], { mode: 'catch-up' });
    expect(() => resumed.start()).toThrow(/hash-mismatch at position 7.*marked for rebuild/);
    expect(resumed.status()).toMatchObject([{ state: 'rebuilding', position: 4 }]);
    expect(ledger.store.database.prepare('SELECT percent FROM latest_percent').all()).toEqual([
      { percent: 3 },
    ]);
  });

  it('a rebuild of a sound log verifies it whole and records the mark at the head', () => {
    const temp = ledgerWith(5);
    const runner = new ProjectionRunner(temp.ledger, [latestPercent], { mode: 'catch-up' });
    expect(runner.rebuild([], { batchSize: 2 })).toBe(5);
    expect(runner.status()).toMatchObject([{ state: 'ready', position: 5 }]);
    expect(readVerifiedMark(temp.ledger)).toMatchObject({ position: 5, hash: temp.ledger.head().hash });
  });

  it('a rebuild finds an edit anywhere, before the mark too, because it reads every event', () => {
    const temp = ledgerWith(6);
    verifyChainIncrementally(temp.ledger);
    temp.ledger.close();
    tamperWithEvent(temp.file, 2, { data: '{"percentComplete":90}' }, { method: 'replace' });
    const ledger = reopen(temp);
    expect(verifyChainIncrementally(ledger).result.ok).toBe(true); // before the mark, schema untouched
    const error = refusal(() =>
      new ProjectionRunner(ledger, [latestPercent], { mode: 'catch-up' }).rebuild(),
    );
    expect(error.break).toMatchObject({ kind: 'hash-mismatch', position: 2 });
  });

  it('a rebuild refuses a history rewritten up to the mark, or a tail cut off, before dropping anything', () => {
    for (const attack of ['rewrite', 'cut'] as const) {
      const temp = ledgerWith(6);
      new ProjectionRunner(temp.ledger, [latestPercent]).start();
      temp.ledger.close();
      if (attack === 'rewrite') {
        tamperWithEvent(temp.file, 2, { data: '{"percentComplete":90}' }, { rechain: true });
      } else {
        const db = new Database(temp.file);
        db.exec('DROP TRIGGER events_are_append_only_delete; DELETE FROM events WHERE position > 4');
        db.exec('UPDATE ledger_head SET position = 4, hash = (SELECT hash FROM events WHERE position = 4)');
        db.close();
      }
      const before = dump(temp.file);
      const ledger = reopen(temp);
      const error = refusal(() =>
        new ProjectionRunner(ledger, [latestPercent], { mode: 'catch-up' }).rebuild(),
      );
      expect(error.break).toMatchObject({ kind: 'mark-mismatch', position: 6 });
      expect(error.message).toMatch(/the projections were left as they were/);
      ledger.close();
      expect(dump(temp.file)).toBe(before);
    }
  });

  it('a rebuild refuses a head that names an event the log does not have, before dropping anything', () => {
    const temp = ledgerWith(4);
    temp.ledger.close();
    const db = new Database(temp.file);
    db.exec('DROP TRIGGER events_are_append_only_delete; DELETE FROM events WHERE position = 4');
    db.close();
    const before = dump(temp.file);
    const ledger = reopen(temp);
    const error = refusal(() =>
      new ProjectionRunner(ledger, [latestPercent], { mode: 'catch-up' }).rebuild(),
    );
    expect(error.break).toMatchObject({ kind: 'head-mismatch', position: 4 });
    ledger.close();
    expect(dump(temp.file)).toBe(before);
  });

  it('a catch-up verifies what it is about to read first, and on a break leaves the tables as they were', () => {
    const temp = ledgerWith(4);
    const runner = new ProjectionRunner(temp.ledger, [latestPercent], { mode: 'catch-up' });
    runner.start();
    for (let i = 0; i < 3; i++) {
      temp.ledger.append('action:A1', [
        { type: 'ProgressUpdated', effectiveOn: '2024-01-15', data: { percentComplete: 50 + i } } as never,
      ]);
    }
    temp.ledger.close();
    forgeProgress(temp.file, 6);
    const before = dump(temp.file);
    const ledger = reopen(temp);
    const error = refusal(() =>
      new ProjectionRunner(ledger, [latestPercent], { mode: 'catch-up' }).catchUp(),
    );
    expect(error.break).toMatchObject({ kind: 'hash-mismatch', position: 6 });
    expect(error.message).toMatch(/the projections were left as they were/);
    ledger.close();
    expect(dump(temp.file)).toBe(before);
  });
});
