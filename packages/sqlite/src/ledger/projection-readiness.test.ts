import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CommandInput,
  type Ledger,
  LedgerError,
  type Projection,
  ProjectionNotReadyError,
} from '@perfledger/core';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger, openReadonlyLedger } from '../open-ledger.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'perfledger-readiness-'));
  dirs.push(dir);
  return join(dir, 'ledger.db');
}

/** One row per event: the simplest projection. */
function eventLog(version = 1): Projection {
  return {
    name: 'event_log',
    version,
    tables: [
      {
        name: 'event_log',
        columns: [
          { name: 'position', type: 'integer' },
          { name: 'type', type: 'text' },
        ],
        primaryKey: ['position'],
      },
    ],
    rows: (event) => [{ table: 'event_log', values: [event.position, event.type] }],
  };
}

/**
 * A history projection like the audit trail: each progress update with the value it replaced,
 * found in the stream's earlier events rather than in its own table.
 */
const progressChanges: Projection = {
  name: 'progress_changes',
  version: 1,
  eventTypes: ['ProgressUpdated'],
  history: true,
  tables: [
    {
      name: 'progress_changes',
      columns: [
        { name: 'position', type: 'integer' },
        { name: 'stream', type: 'text' },
        { name: 'before', type: 'integer', nullable: true },
        { name: 'after', type: 'integer' },
        { name: 'nth', type: 'integer' },
      ],
      primaryKey: ['position'],
      indexes: [{ name: 'progress_changes_by_stream', columns: ['stream', 'position'] }],
    },
  ],
  rows: (event, history) => {
    if (event.type !== 'ProgressUpdated') return [];
    const earlier = history.filter((fact) => fact.type === 'ProgressUpdated');
    const last = earlier.at(-1);
    const before = last?.type === 'ProgressUpdated' ? last.data.percentComplete : null;
    return [
      {
        table: 'progress_changes',
        values: [event.position, event.stream, before, event.data.percentComplete, history.length + 1],
      },
    ];
  },
};

const codes = ['FP1922_02', 'DEM1518_02'] as const;
const register = (code: string): CommandInput => ({
  type: 'RegisterAction',
  code,
  effectiveOn: '2019-04-01',
  title: `Action ${code}`,
  plan: 'Business Plan 2019/20',
  directorate: 'Resources',
  section: 'Finance Services',
  dueDate: '2019-12-31',
  statusKey: 'pentana',
});
const progress = (code: string, percentComplete: number): CommandInput => ({
  type: 'UpdateProgress',
  code,
  effectiveOn: '2019-06-30',
  percentComplete,
});
const comment = (code: string): CommandInput => ({
  type: 'AddComment',
  code,
  effectiveOn: '2019-06-30',
  comment: 'On track',
});

async function seed(ledger: Ledger, commands: readonly CommandInput[] = []): Promise<void> {
  for (const command of [...codes.map(register), ...commands]) {
    try {
      await ledger.execute(command);
    } catch (error) {
      if (!(error instanceof LedgerError)) throw error;
    }
  }
}

async function rowsOf(ledger: Ledger, table: string): Promise<unknown[]> {
  return ledger.query.all(`SELECT * FROM ${table} ORDER BY 1`);
}

async function notReady(work: Promise<unknown>): Promise<ProjectionNotReadyError> {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProjectionNotReadyError);
  expect(error).toMatchObject({ code: 'PROJECTION_NOT_READY' });
  return error as ProjectionNotReadyError;
}

describe('ledger.projections.require', () => {
  it('passes for a projection kept inline, at the head and before it', async () => {
    const ledger = await openLedger({ file: tempFile(), projections: [eventLog()] });
    try {
      await seed(ledger, [progress('FP1922_02', 10)]);
      const { upTo } = await ledger.resolveAsOf();
      await expect(ledger.projections.require('event_log', upTo)).resolves.toBeUndefined();
      await expect(ledger.projections.require('event_log', 1)).resolves.toBeUndefined();
    } finally {
      await ledger.close();
    }
  });

  it('refuses a projection this ledger was not opened with', async () => {
    const ledger = await openLedger({ file: tempFile(), projections: [eventLog()] });
    try {
      await seed(ledger);
      const error = await notReady(ledger.projections.require('quarter_end', 2));
      expect(error).toMatchObject({ projection: 'quarter_end', position: 0, required: 2 });
      expect(error.message).toMatch(/not one of the projections this ledger was opened with/);
    } finally {
      await ledger.close();
    }
  });

  it('refuses a projection that is behind on a read-only ledger; a writable one catches it up', async () => {
    const file = tempFile();
    const writer = await openLedger({ file, projections: [eventLog()], projectionMode: 'catch-up' });
    try {
      await seed(writer);
      await writer.projections.catchUp();
      await writer.execute(progress('FP1922_02', 10));
      const reader = await openReadonlyLedger(file, { projections: [eventLog()] });
      try {
        const error = await notReady(reader.projections.require('event_log', 3));
        expect(error).toMatchObject({ projection: 'event_log', position: 2, required: 3 });
        expect(error.message).toMatch(/behind the log/);
        await expect(reader.projections.require('event_log', 2)).resolves.toBeUndefined();
      } finally {
        await reader.close();
      }
      await expect(writer.projections.require('event_log', 3)).resolves.toBeUndefined();
      expect(await rowsOf(writer, 'event_log')).toHaveLength(3);
    } finally {
      await writer.close();
    }
  });

  it('refuses a projection never built, or of another version, on a read-only ledger', async () => {
    const file = tempFile();
    const writer = await openLedger({ file, projections: [eventLog(1)] });
    await seed(writer);
    await writer.close();
    const outdated = await openReadonlyLedger(file, { projections: [eventLog(2), progressChanges] });
    try {
      const error = await notReady(outdated.projections.require('event_log', 2));
      expect(error).toMatchObject({ projection: 'event_log', position: 2, required: 2 });
      expect(error.message).toMatch(/version 1, this build reads version 2/);
      expect(await notReady(outdated.projections.require('progress_changes', 2))).toMatchObject({
        projection: 'progress_changes',
        position: 0,
        required: 2,
      });
    } finally {
      await outdated.close();
    }
  });
});

describe('inline projections', () => {
  it('roll back with a failed append: no rows, no checkpoint move, and the next append carries on', async () => {
    let failOn: string | undefined;
    const picky: Projection = {
      ...eventLog(),
      name: 'picky',
      tables: [{ ...eventLog().tables[0]!, name: 'picky' }],
      rows: (event) => {
        if (event.type === failOn) throw new Error('projection bug');
        return [{ table: 'picky', values: [event.position, event.type] }];
      },
    };
    const ledger = await openLedger({ file: tempFile(), projections: [eventLog(), picky] });
    try {
      await seed(ledger);
      const head = await ledger.head();
      const before = await ledger.projections.status();
      failOn = 'CommentAdded';
      await expect(ledger.executeAll([progress('FP1922_02', 40), comment('FP1922_02')])).rejects.toThrow(
        'projection bug',
      );
      expect(await ledger.head()).toEqual(head);
      expect(await ledger.projections.status()).toEqual(before);
      expect(await rowsOf(ledger, 'event_log')).toHaveLength(2);
      expect(await rowsOf(ledger, 'picky')).toHaveLength(2);

      failOn = undefined;
      await ledger.execute(progress('FP1922_02', 40));
      expect((await ledger.projections.status()).map((s) => [s.state, s.position])).toEqual([
        ['ready', 3],
        ['ready', 3],
      ]);
      expect(await rowsOf(ledger, 'picky')).toEqual(await rowsOf(ledger, 'event_log'));
    } finally {
      await ledger.close();
    }
  });
});

describe('an interrupted rebuild', () => {
  it('stays marked rebuilding, is refused by reads, and is finished by the next open', async () => {
    let failAt: number | undefined;
    const fragile: Projection = {
      ...progressChanges,
      rows: (event, history) => {
        if (event.position === failAt) throw new Error('crashed mid-rebuild');
        return progressChanges.rows(event, history);
      },
    };
    const file = tempFile();
    const commands = Array.from({ length: 12 }, (_, i) => progress(codes[i % 2]!, (i + 1) * 5));
    const ledger = await openLedger({ file, projections: [fragile] });
    await seed(ledger, commands);
    const clean = await rowsOf(ledger, 'progress_changes');
    expect(clean).toHaveLength(12);

    failAt = 9;
    await expect(ledger.projections.rebuild(undefined, { batchSize: 3 })).rejects.toThrow(
      'crashed mid-rebuild',
    );
    const [status] = await ledger.projections.status();
    expect(status).toMatchObject({ state: 'rebuilding', position: 6, head: 14 });
    expect(await rowsOf(ledger, 'progress_changes')).toEqual(clean.slice(0, 4));
    expect(await notReady(ledger.projections.require('progress_changes', 14))).toMatchObject({
      position: 6,
      required: 14,
    });
    await ledger.close();

    failAt = undefined;
    const reopened = await openLedger({ file, projections: [fragile] });
    try {
      expect((await reopened.projections.status())[0]).toMatchObject({ state: 'ready', position: 14 });
      expect(await rowsOf(reopened, 'progress_changes')).toEqual(clean);
      await expect(reopened.projections.require('progress_changes', 14)).resolves.toBeUndefined();
    } finally {
      await reopened.close();
    }
  });
});

describe('a history projection', () => {
  const command: fc.Arbitrary<CommandInput> = fc.oneof(
    fc
      .tuple(fc.constantFrom(...codes), fc.integer({ min: 0, max: 100 }))
      .map(([code, percent]) => progress(code, percent)),
    fc.constantFrom(...codes).map(comment),
  );

  it('gives the same rows incrementally (inline, then catch-up after a reopen) as by a rebuild', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(command, { maxLength: 25 }),
        fc.nat(),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        async (commands, split, catchUpBatch, rebuildBatch) => {
          const file = tempFile();
          const at = split % (commands.length + 1);
          const inline = await openLedger({ file, projections: [progressChanges] });
          try {
            await seed(inline, commands.slice(0, at));
          } finally {
            await inline.close();
          }
          const later = await openLedger({
            file,
            projections: [progressChanges],
            projectionMode: 'catch-up',
          });
          try {
            await seed(later, commands.slice(at));
            await later.projections.catchUp({ batchSize: catchUpBatch });
            const incremental = await rowsOf(later, 'progress_changes');
            expect(incremental).toEqual(await expectedRows(later));
            await later.projections.rebuild(undefined, { batchSize: rebuildBatch });
            expect(await rowsOf(later, 'progress_changes')).toEqual(incremental);
          } finally {
            await later.close();
          }
        },
      ),
      { numRuns: 30 },
    );
  });
});

/** The rows progress_changes should hold, computed from the log in memory. */
async function expectedRows(ledger: Ledger): Promise<unknown[]> {
  const rows: unknown[] = [];
  const seen = new Map<string, { count: number; percent: number | null }>();
  for await (const event of ledger.readAll()) {
    const stream = seen.get(event.stream) ?? { count: 0, percent: null };
    if (event.type === 'ProgressUpdated') {
      rows.push({
        position: event.position,
        stream: event.stream,
        before: stream.percent,
        after: event.data.percentComplete,
        nth: stream.count + 1,
      });
      stream.percent = event.data.percentComplete;
    }
    stream.count += 1;
    seen.set(event.stream, stream);
  }
  return rows;
}
