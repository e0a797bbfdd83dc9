import {
  type Ledger,
  listPublishedReports,
  type Projection,
  publishReport,
  readVerifiedMark,
  VerificationFailedError,
  verifyChainIncrementally,
  verifyPublishedReport,
} from '@perfledger/core';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger, openReadonlyLedger } from '../open-ledger.js';
import { createTempLedger, steppingClock, type TempLedger, tamperWithEvent } from '../testing/index.js';

const temps: TempLedger[] = [];
const opened: Ledger[] = [];
afterEach(async () => {
  for (const ledger of opened.splice(0)) await ledger.close();
  for (const temp of temps.splice(0)) await temp.cleanup();
});

/** A ledger with `count` progress updates of one action, on a clock one second apart. */
async function ledgerWith(count: number): Promise<TempLedger> {
  const temp = await createTempLedger({
    durability: 'normal',
    clock: steppingClock('2024-01-15T09:00:00Z', 1_000),
  });
  temps.push(temp);
  for (let i = 0; i < count; i++) {
    await temp.ledger.append('action:A1', [
      { type: 'ProgressUpdated', effectiveOn: '2024-01-15', data: { percentComplete: i } } as never,
    ]);
  }
  return temp;
}

/** Closes the temp ledger and opens its file again (with projections, in catch-up mode unless told). */
async function reopen(
  temp: TempLedger,
  readonly = false,
  projections: readonly Projection[] = [],
  projectionMode: 'inline' | 'catch-up' = 'catch-up',
): Promise<Ledger> {
  await temp.ledger.close();
  const ledger = readonly
    ? await openReadonlyLedger(temp.file, { projections })
    : await openLedger({ file: temp.file, projections, projectionMode });
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

async function refusal(work: () => unknown): Promise<VerificationFailedError> {
  try {
    await work();
  } catch (error) {
    expect(error).toBeInstanceOf(VerificationFailedError);
    return error as VerificationFailedError;
  }
  throw new Error('expected a VerificationFailedError');
}

describe('verified before trusted: publishing and reproducing', () => {
  it('refuses to publish from a log edited behind the library, with the break, and writes nothing', async () => {
    const temp = await ledgerWith(5);
    await temp.ledger.close();
    forgeProgress(temp.file, 3);
    const before = dump(temp.file);
    const ledger = await reopen(temp);
    const error = await refusal(() => publishReport(ledger, report));
    expect(error.code).toBe('VERIFICATION_FAILED');
    expect(error.break).toMatchObject({ kind: 'hash-mismatch', position: 3 });
    expect(error.chain).toMatchObject({ ok: false, count: 2 });
    expect(error.message).toMatch(/Refusing to publish the 2023\/24 Q3 report.*hash-mismatch at position 3/);
    await ledger.close();
    expect(dump(temp.file)).toBe(before);
  });

  it('refuses to reproduce against an edited log, on a read-only handle too, and writes nothing', async () => {
    const temp = await ledgerWith(4);
    const published = await publishReport(temp.ledger, report);
    await temp.ledger.close();
    forgeProgress(temp.file, 4); // the last progress update, which the publication is based on
    const before = dump(temp.file);
    for (const readonly of [true, false]) {
      const ledger = await reopen(temp, readonly);
      const error = await refusal(() => verifyPublishedReport(ledger, published, 'report'));
      expect(error.break).toMatchObject({ position: 4 });
      await ledger.close();
    }
    expect(dump(temp.file)).toBe(before);
  });

  it('publishes and reproduces an untouched log, recording a verified mark at the head', async () => {
    const temp = await ledgerWith(3);
    expect(await readVerifiedMark(temp.ledger)).toBeNull();
    const published = await publishReport(temp.ledger, report);
    // The walk covered the three events before the publication; the publication itself comes next.
    expect(await readVerifiedMark(temp.ledger)).toMatchObject({
      position: 3,
      hash: await temp.ledger.store.hashAt(3),
    });
    expect((await verifyPublishedReport(temp.ledger, published, 'report')).ok).toBe(true);
    expect(await readVerifiedMark(temp.ledger)).toMatchObject({
      position: 4,
      hash: (await temp.ledger.head()).hash,
    });
    expect(await listPublishedReports(temp.ledger)).toHaveLength(1);
  });
});

describe('the incremental check', () => {
  it('walks only what was appended since the mark, and moves the mark to the head', async () => {
    const temp = await ledgerWith(10);
    expect(await verifyChainIncrementally(temp.ledger)).toMatchObject({
      from: 0,
      result: { ok: true, count: 10 },
    });
    for (let i = 0; i < 3; i++) {
      await temp.ledger.append('action:B2', [
        { type: 'CommentAdded', effectiveOn: '2024-01-15', data: { comment: 'x' } } as never,
      ]);
    }
    const check = await verifyChainIncrementally(temp.ledger);
    expect(check).toMatchObject({ from: 10, result: { ok: true, count: 3, headPosition: 13 } });
    expect(check.mark).toMatchObject({ position: 13, hash: (await temp.ledger.head()).hash });
    expect(await verifyChainIncrementally(temp.ledger)).toMatchObject({
      from: 13,
      result: { ok: true, count: 0 },
    });
  });

  it('checks stream versions across the mark', async () => {
    const temp = await ledgerWith(4);
    await verifyChainIncrementally(temp.ledger);
    await temp.ledger.append('action:A1', [
      { type: 'ProgressUpdated', effectiveOn: '2024-01-15', data: { percentComplete: 50 } } as never,
    ]);
    await temp.ledger.close();
    // The next event of the stream claims version 7 where 5 follows 4; hashes recomputed.
    tamperWithEvent(temp.file, 5, { stream_version: 7 }, { rechain: true });
    const ledger = await reopen(temp, true);
    expect((await verifyChainIncrementally(ledger)).result).toMatchObject({
      ok: false,
      break: { kind: 'stream-gap', position: 5 },
    });
  });

  it('still verifies when the mark cannot be written because another process holds the lock', async () => {
    const temp = await ledgerWith(3);
    await temp.ledger.close();
    const ledger = await openLedger({ file: temp.file, busyTimeoutMs: 50 });
    opened.push(ledger);
    const other = new Database(temp.file);
    try {
      other.exec('BEGIN IMMEDIATE');
      expect(await verifyChainIncrementally(ledger)).toMatchObject({
        result: { ok: true, count: 3 },
        mark: null,
      });
      other.exec('ROLLBACK');
    } finally {
      other.close();
    }
    expect((await verifyChainIncrementally(ledger)).mark).toMatchObject({ position: 3 });
  });

  it('on a read-only handle verifies from the stored mark and writes nothing', async () => {
    const temp = await ledgerWith(6);
    await verifyChainIncrementally(temp.ledger);
    await temp.ledger.append('action:A1', [
      { type: 'ProgressUpdated', effectiveOn: '2024-01-15', data: { percentComplete: 70 } } as never,
    ]);
    await temp.ledger.close();
    const before = dump(temp.file);
    const ledger = await reopen(temp, true);
    expect(await verifyChainIncrementally(ledger)).toMatchObject({
      from: 6,
      result: { ok: true, count: 1 },
      mark: { position: 6 },
    });
    await ledger.close();
    expect(dump(temp.file)).toBe(before);
  });

  it('finds a rewritten history at the mark, even with every hash recomputed', async () => {
    const temp = await ledgerWith(6);
    await verifyChainIncrementally(temp.ledger);
    await temp.ledger.close();
    tamperWithEvent(temp.file, 2, { data: '{"percentComplete":90}' }, { rechain: true });
    const ledger = await reopen(temp);
    expect((await ledger.verify()).ok).toBe(true); // self-consistent: the chain alone cannot see it…
    const { result } = await verifyChainIncrementally(ledger); // …the mark can
    expect(result).toMatchObject({ ok: false, break: { kind: 'mark-mismatch', position: 6 } });
    expect(result.ok || result.break.message).toMatch(/verified earlier: the history up to it was rewritten/);
  });

  it('finds a tail cut off together with the recorded head', async () => {
    const temp = await ledgerWith(6);
    await verifyChainIncrementally(temp.ledger);
    await temp.ledger.close();
    const db = new Database(temp.file);
    db.exec('DROP TRIGGER events_are_append_only_delete; DELETE FROM events WHERE position > 4');
    db.exec('UPDATE ledger_head SET position = 4, hash = (SELECT hash FROM events WHERE position = 4)');
    db.close();
    const ledger = await reopen(temp, true);
    expect((await ledger.verify()).ok).toBe(true);
    expect((await verifyChainIncrementally(ledger)).result).toMatchObject({
      ok: false,
      break: { kind: 'mark-mismatch', position: 6 },
    });
  });

  it('finds an edit after the mark, and one before it made by dropping the triggers (the schema cookie moved)', async () => {
    const temp = await ledgerWith(8);
    await verifyChainIncrementally(temp.ledger);
    for (let i = 0; i < 2; i++) {
      await temp.ledger.append('action:B2', [
        { type: 'CommentAdded', effectiveOn: '2024-01-15', data: { comment: 'y' } } as never,
      ]);
    }
    await temp.ledger.close();
    tamperWithEvent(temp.file, 9, { data: '{"comment":"z"}' }, { method: 'keep-schema' });
    let ledger = await reopen(temp, true);
    expect(await verifyChainIncrementally(ledger)).toMatchObject({
      from: 8,
      result: { ok: false, break: { kind: 'hash-mismatch', position: 9 } },
    });
    await ledger.close();

    const other = await ledgerWith(8);
    await verifyChainIncrementally(other.ledger);
    await other.ledger.close();
    forgeProgress(other.file, 3);
    ledger = await reopen(other, true);
    expect(await verifyChainIncrementally(ledger)).toMatchObject({
      from: 0,
      result: { ok: false, break: { kind: 'hash-mismatch', position: 3 } },
    });
  });

  it('does not see an edit before the mark that left the schema alone: that is what a full verify is for', async () => {
    const temp = await ledgerWith(8);
    await verifyChainIncrementally(temp.ledger);
    await temp.ledger.close();
    tamperWithEvent(temp.file, 3, { data: '{"percentComplete":90}' }, { method: 'keep-schema' });
    const ledger = await reopen(temp, true);
    expect(await verifyChainIncrementally(ledger)).toMatchObject({ from: 8, result: { ok: true } });
    expect(await ledger.verify()).toMatchObject({ ok: false, break: { kind: 'hash-mismatch', position: 3 } });
  });

  it('walks from the genesis after a schema change, and records the mark under the new schema', async () => {
    const temp = await ledgerWith(5);
    const first = (await verifyChainIncrementally(temp.ledger)).mark!;
    // A table created through the engine's projection storage changes the stored schema.
    await temp.ledger.store.projections.resetTables([
      { name: 'some_projection', columns: [{ name: 'x', type: 'integer' }], primaryKey: ['x'] },
    ]);
    const check = await verifyChainIncrementally(temp.ledger);
    expect(check).toMatchObject({ from: 0, result: { ok: true, count: 5 } });
    expect(check.mark).toEqual({ ...first, schemaStamp: expect.any(String) });
    expect(check.mark?.schemaStamp).not.toBe(first.schemaStamp);
    expect(await verifyChainIncrementally(temp.ledger)).toMatchObject({ from: 5, result: { count: 0 } });
  });
});

describe('the incremental check, property', () => {
  // A content edit after the mark with every later hash recomputed is self-consistent: neither
  // this check nor a full verify can see it (only a later checkpoint could), so it is not here.
  it('finds every edit after the mark that the chain can show, however it was made, as a full verify does', async () => {
    const edit = fc.oneof(
      fc.constant({ changes: { actor: 'mallory' }, rechain: false }),
      fc.constant({ changes: { data: '{"percentComplete":99}' }, rechain: false }),
      fc.constant({ changes: { recorded_at: '2024-01-15T08:00:00.000000Z' }, rechain: true }),
      fc.constant({ changes: { stream_version: 40 }, rechain: true }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 12 }),
        fc.nat(),
        fc.nat(),
        edit,
        fc.constantFrom('drop-triggers' as const, 'keep-schema' as const),
        async (count, markAt, editAt, { changes, rechain }, method) => {
          const mark = (markAt % (count - 1)) + 1;
          const position = mark + 1 + (editAt % (count - mark));
          const temp = await ledgerWith(mark);
          try {
            expect((await verifyChainIncrementally(temp.ledger)).result.ok).toBe(true);
            for (let i = mark; i < count; i++) {
              await temp.ledger.append('action:A1', [
                { type: 'ProgressUpdated', effectiveOn: '2024-01-15', data: { percentComplete: i } } as never,
              ]);
            }
            await temp.ledger.close();
            tamperWithEvent(temp.file, position, changes, { rechain, method });
            const ledger = await openReadonlyLedger(temp.file);
            try {
              const { result } = await verifyChainIncrementally(ledger);
              expect(result.ok).toBe(false);
              expect((await ledger.verify()).ok).toBe(false);
            } finally {
              await ledger.close();
            }
          } finally {
            temps.splice(temps.indexOf(temp), 1);
            await temp.cleanup();
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

/** A projection that logs each stream's percentages: the latest is the one at the highest position. */
const latestPercent: Projection = {
  name: 'latest_percent',
  version: 1,
  eventTypes: ['ProgressUpdated'],
  tables: [
    {
      name: 'latest_percent',
      columns: [
        { name: 'position', type: 'integer' },
        { name: 'stream', type: 'text' },
        { name: 'percent', type: 'integer' },
      ],
      primaryKey: ['position'],
    },
  ],
  rows: (event) =>
    event.type === 'ProgressUpdated'
      ? [{ table: 'latest_percent', values: [event.position, event.stream, event.data.percentComplete] }]
      : [],
};

/** Each stream's latest percentage as the projection holds it. */
function latest(ledger: Ledger): Promise<unknown[]> {
  return ledger.query.all(
    'SELECT percent FROM latest_percent l WHERE position = (SELECT max(position) FROM latest_percent m WHERE m.stream = l.stream)',
  );
}

describe('verified before trusted: projections', () => {
  it('a rebuild verifies in the same pass and refuses at the first break, leaving the projection marked for rebuild', async () => {
    const temp = await ledgerWith(9);
    const built = await reopen(temp, false, [latestPercent], 'inline');
    const mark = await readVerifiedMark(built);
    expect(mark).toMatchObject({ position: 9, hash: (await built.head()).hash });
    await built.close();
    // Before the mark, the schema left alone: only reading every event finds it.
    tamperWithEvent(temp.file, 7, { data: '{"percentComplete":90}' }, { method: 'keep-schema' });
    const ledger = await openLedger({
      file: temp.file,
      projections: [latestPercent],
      projectionMode: 'catch-up',
    });
    opened.push(ledger);
    const error = await refusal(() => ledger.projections.rebuild([], { batchSize: 4 }));
    expect(error.break).toMatchObject({ kind: 'hash-mismatch', position: 7 });
    expect(error.message).toMatch(/Refusing to rebuild the projections.*marked for rebuild/);
    // The batch before the break was applied, the one holding it was rolled back: the forged
    // 90 never reached the table, and the projection is not ready, so no reader uses it.
    expect(await latest(ledger)).toEqual([{ percent: 3 }]);
    expect(await ledger.projections.status()).toMatchObject([{ state: 'rebuilding', position: 4 }]);
    // Catching up resumes the rebuild, which verifies from the start too, and is refused again;
    // so is opening the ledger with its projections inline, and a rebuild from scratch.
    await expect(ledger.projections.catchUp()).rejects.toThrow(/hash-mismatch at position 7/);
    expect(await ledger.projections.status()).toMatchObject([{ state: 'rebuilding', position: 4 }]);
    await expect(openLedger({ file: temp.file, projections: [latestPercent] })).rejects.toThrow(
      /hash-mismatch at position 7/,
    );
    await expect(ledger.projections.rebuild()).rejects.toThrow(VerificationFailedError);
    expect(await ledger.projections.status()).toMatchObject([{ state: 'rebuilding' }]);
    expect(await readVerifiedMark(ledger)).toEqual(mark);
  });

  it('a resumed rebuild verifies from the start, even when the mark was recorded after it stopped', async () => {
    const temp = await ledgerWith(9);
    const first = await reopen(temp, false, [latestPercent]);
    // Interrupted after its first batch (as a crash would), a rebuild stays `rebuilding` at 4.
    await expect(
      first.projections.rebuild([], {
        batchSize: 4,
        onProgress: () => {
          throw new Error('interrupted');
        },
      }),
    ).rejects.toThrow('interrupted');
    expect(await first.projections.status()).toMatchObject([{ state: 'rebuilding', position: 4 }]);
    expect((await verifyChainIncrementally(first)).mark).toMatchObject({ position: 9 }); // a sound log, marked
    await first.close();
    tamperWithEvent(temp.file, 7, { data: '{"percentComplete":90}' }, { method: 'keep-schema' });
    const ledger = await openLedger({
      file: temp.file,
      projections: [latestPercent],
      projectionMode: 'catch-up',
    });
    opened.push(ledger);
    expect((await verifyChainIncrementally(ledger)).result.ok).toBe(true); // before the mark: not seen
    await expect(ledger.projections.catchUp()).rejects.toThrow(
      /hash-mismatch at position 7.*marked for rebuild/,
    );
    await expect(openLedger({ file: temp.file, projections: [latestPercent] })).rejects.toThrow(
      /hash-mismatch at position 7.*marked for rebuild/,
    );
    expect(await ledger.projections.status()).toMatchObject([{ state: 'rebuilding', position: 4 }]);
    expect(await latest(ledger)).toEqual([{ percent: 3 }]);
  });

  it('a rebuild of a sound log verifies it whole and records the mark at the head', async () => {
    const temp = await ledgerWith(5);
    const ledger = await reopen(temp, false, [latestPercent]);
    expect(await ledger.projections.rebuild([], { batchSize: 2 })).toBe(5);
    expect(await ledger.projections.status()).toMatchObject([{ state: 'ready', position: 5 }]);
    expect(await readVerifiedMark(ledger)).toMatchObject({ position: 5, hash: (await ledger.head()).hash });
  });

  it('a rebuild finds an edit anywhere, before the mark too, because it reads every event', async () => {
    const temp = await ledgerWith(6);
    await verifyChainIncrementally(temp.ledger);
    await temp.ledger.close();
    tamperWithEvent(temp.file, 2, { data: '{"percentComplete":90}' }, { method: 'keep-schema' });
    const ledger = await reopen(temp, false, [latestPercent]);
    expect((await verifyChainIncrementally(ledger)).result.ok).toBe(true); // before the mark, schema untouched
    const error = await refusal(() => ledger.projections.rebuild());
    expect(error.break).toMatchObject({ kind: 'hash-mismatch', position: 2 });
  });

  it('a rebuild refuses a history rewritten up to the mark, or a tail cut off, before dropping anything', async () => {
    for (const attack of ['rewrite', 'cut'] as const) {
      const temp = await ledgerWith(6);
      await (await reopen(temp, false, [latestPercent], 'inline')).close();
      if (attack === 'rewrite') {
        tamperWithEvent(temp.file, 2, { data: '{"percentComplete":90}' }, { rechain: true });
      } else {
        const db = new Database(temp.file);
        db.exec('DROP TRIGGER events_are_append_only_delete; DELETE FROM events WHERE position > 4');
        db.exec('UPDATE ledger_head SET position = 4, hash = (SELECT hash FROM events WHERE position = 4)');
        db.close();
      }
      const before = dump(temp.file);
      const ledger = await openLedger({
        file: temp.file,
        projections: [latestPercent],
        projectionMode: 'catch-up',
      });
      const error = await refusal(() => ledger.projections.rebuild());
      expect(error.break).toMatchObject({ kind: 'mark-mismatch', position: 6 });
      expect(error.message).toMatch(/the projections were left as they were/);
      await ledger.close();
      expect(dump(temp.file)).toBe(before);
    }
  });

  it('a rebuild refuses a head that names an event the log does not have, before dropping anything', async () => {
    const temp = await ledgerWith(4);
    await temp.ledger.close();
    const db = new Database(temp.file);
    db.exec('DROP TRIGGER events_are_append_only_delete; DELETE FROM events WHERE position = 4');
    db.close();
    const before = dump(temp.file);
    const ledger = await reopen(temp, false, [latestPercent]);
    const error = await refusal(() => ledger.projections.rebuild());
    expect(error.break).toMatchObject({ kind: 'head-mismatch', position: 4 });
    await ledger.close();
    expect(dump(temp.file)).toBe(before);
  });

  it('a catch-up verifies what it is about to read first, and on a break leaves the tables as they were', async () => {
    const temp = await ledgerWith(4);
    const first = await reopen(temp, false, [latestPercent]);
    await first.projections.catchUp();
    for (let i = 0; i < 3; i++) {
      await first.append('action:A1', [
        { type: 'ProgressUpdated', effectiveOn: '2024-01-15', data: { percentComplete: 50 + i } } as never,
      ]);
    }
    await first.close();
    forgeProgress(temp.file, 6);
    const before = dump(temp.file);
    const ledger = await openLedger({
      file: temp.file,
      projections: [latestPercent],
      projectionMode: 'catch-up',
    });
    const error = await refusal(() => ledger.projections.catchUp());
    expect(error.break).toMatchObject({ kind: 'hash-mismatch', position: 6 });
    expect(error.message).toMatch(/the projections were left as they were/);
    await ledger.close();
    expect(dump(temp.file)).toBe(before);
  });
});
