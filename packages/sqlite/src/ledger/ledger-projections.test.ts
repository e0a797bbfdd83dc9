import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CommandInput, type Ledger, LedgerError, type Projection } from '@perfledger/core';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger, openReadonlyLedger } from '../open-ledger.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'perfledger-projections-'));
  dirs.push(dir);
  return join(dir, 'ledger.db');
}

/**
 * A projection whose rows depend on what came before, like the real ones: a running count per
 * stream. It reads the stream's earlier events (`history`) instead of its own table.
 */
function progressLog(version = 1): Projection {
  const counted = new Set(['ActionRegistered', 'ProgressUpdated']);
  return {
    name: 'progress_log',
    version,
    eventTypes: ['ActionRegistered', 'ProgressUpdated'],
    history: true,
    tables: [
      {
        name: 'progress_log',
        columns: [
          { name: 'position', type: 'integer' },
          { name: 'stream', type: 'text' },
          { name: 'percent', type: 'integer', nullable: true },
          { name: 'nth', type: 'integer' },
        ],
        primaryKey: ['position'],
      },
    ],
    rows: (event, history) => {
      const nth = history.filter((earlier) => counted.has(earlier.type)).length + 1;
      const percent = event.type === 'ProgressUpdated' ? event.data.percentComplete : null;
      return [{ table: 'progress_log', values: [event.position, event.stream, percent, nth] }];
    },
  };
}

const allEvents: Projection = {
  name: 'all_events',
  version: 1,
  tables: [
    {
      name: 'all_events',
      columns: [
        { name: 'position', type: 'integer' },
        { name: 'type', type: 'text' },
      ],
      primaryKey: ['position'],
    },
  ],
  rows: (event) => [{ table: 'all_events', values: [event.position, event.type] }],
};

const codes = ['FP1922_02', 'DEM1518_02', 'RBCS1620_05'] as const;
const commandArb: fc.Arbitrary<CommandInput> = fc.oneof(
  fc.record({
    type: fc.constant('UpdateProgress' as const),
    code: fc.constantFrom(...codes),
    effectiveOn: fc.constantFrom('2019-05-01', '2019-06-30', '2019-09-30', '2019-12-31'),
    percentComplete: fc.integer({ min: 0, max: 100 }),
  }),
  fc.record({
    type: fc.constant('AddComment' as const),
    code: fc.constantFrom(...codes),
    effectiveOn: fc.constantFrom('2019-06-30', '2019-12-31'),
    comment: fc.constantFrom('Work is ongoing.', 'Testing is completed.'),
  }),
);

async function seed(ledger: Ledger, commands: readonly CommandInput[]): Promise<void> {
  for (const code of codes) {
    await ledger.execute({
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
  }
  for (const command of commands) {
    try {
      await ledger.execute(command);
    } catch (error) {
      if (!(error instanceof LedgerError)) throw error;
    }
  }
}

async function dump(ledger: Ledger, tables: readonly string[]): Promise<Record<string, unknown[]>> {
  const dumped: Record<string, unknown[]> = {};
  for (const table of tables) dumped[table] = await ledger.query.all(`SELECT * FROM ${table} ORDER BY 1`);
  return dumped;
}

async function count(ledger: Ledger, table: string): Promise<number> {
  const row = await ledger.query.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(row?.n);
}

describe('ledger.projections', () => {
  it('inline processing equals a full rebuild, and processing again changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(commandArb, { maxLength: 30 }),
        fc.integer({ min: 1, max: 7 }),
        async (commands, batchSize) => {
          const file = tempFile();
          const projections = [progressLog(), allEvents];
          const ledger = await openLedger({ file, projections });
          try {
            await seed(ledger, commands);
            const incremental = await dump(ledger, ['progress_log', 'all_events']);
            expect(incremental.all_events).toHaveLength((await ledger.head()).position);

            expect(await ledger.projections.catchUp({ batchSize })).toBe(0);
            const again = await openLedger({ file, projections });
            try {
              expect(await dump(again, ['progress_log', 'all_events'])).toEqual(incremental);
            } finally {
              await again.close();
            }

            await ledger.projections.rebuild(undefined, { batchSize });
            expect(await dump(ledger, ['progress_log', 'all_events'])).toEqual(incremental);
          } finally {
            await ledger.close();
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('catch-up mode reaches the same tables as inline mode', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(commandArb, { maxLength: 30 }), async (commands) => {
        const inline = await openLedger({ file: tempFile(), projections: [progressLog()] });
        const later = await openLedger({
          file: tempFile(),
          projections: [progressLog()],
          projectionMode: 'catch-up',
        });
        try {
          await seed(inline, commands);
          await seed(later, commands);
          expect((await later.projections.status())[0]?.position).toBe(0);
          await later.projections.catchUp({ batchSize: 4 });
          expect(await dump(later, ['progress_log'])).toEqual(await dump(inline, ['progress_log']));
        } finally {
          await inline.close();
          await later.close();
        }
      }),
      { numRuns: 25 },
    );
  });

  it('resumes an interrupted rebuild from its last committed batch and ends equal to a clean one', async () => {
    const file = tempFile();
    const ledger = await openLedger({ file, projections: [progressLog()] });
    await seed(
      ledger,
      Array.from({ length: 40 }, (_, i) => ({
        type: 'UpdateProgress' as const,
        code: codes[i % 3]!,
        effectiveOn: '2019-06-30',
        percentComplete: i + 1,
      })),
    );
    const clean = await dump(ledger, ['progress_log']);

    const crashed = new Error('simulated crash');
    await expect(
      ledger.projections.rebuild(undefined, {
        batchSize: 5,
        onProgress: ({ done }) => {
          if (done >= 15) throw crashed;
        },
      }),
    ).rejects.toThrow(crashed);
    const status = (await ledger.projections.status())[0]!;
    expect(status.state).toBe('rebuilding');
    expect(status.position).toBe(15);
    expect(await count(ledger, 'progress_log')).toBe(15);
    await ledger.close();

    // Reopened without running the projections on open, to watch the resumption's progress.
    const resumed = await openLedger({ file, projections: [progressLog()], projectionMode: 'catch-up' });
    try {
      const progress: number[] = [];
      await resumed.projections.catchUp({ batchSize: 5, onProgress: ({ done }) => progress.push(done) });
      expect(progress[0]).toBe(5); // resumed after position 15, not from the start
      expect(await dump(resumed, ['progress_log'])).toEqual(clean);
      expect((await resumed.projections.status())[0]?.state).toBe('ready');
    } finally {
      await resumed.close();
    }
  });

  it('rebuilds automatically when a projection version changes', async () => {
    const file = tempFile();
    const ledger = await openLedger({ file, projections: [progressLog(1)] });
    await seed(ledger, []);
    await ledger.close();
    const raw = new Database(file);
    raw.prepare('DELETE FROM progress_log').run();
    raw.close();

    const reader = await openReadonlyLedger(file, { projections: [progressLog(2)] });
    try {
      expect((await reader.projections.status())[0]?.state).toBe('outdated');
    } finally {
      await reader.close();
    }
    const upgraded = await openLedger({ file, projections: [progressLog(2)] });
    try {
      expect((await upgraded.projections.status())[0]).toMatchObject({
        state: 'ready',
        storedVersion: 2,
        position: (await upgraded.head()).position,
      });
      expect(await count(upgraded, 'progress_log')).toBe(3);
    } finally {
      await upgraded.close();
    }
  });

  it('an inline projection that fails rolls the append back: nothing is written', async () => {
    const failing: Projection = {
      name: 'failing',
      version: 1,
      eventTypes: ['CommentAdded'],
      tables: [{ name: 'failing', columns: [{ name: 'x', type: 'integer' }], primaryKey: ['x'] }],
      rows: () => {
        throw new Error('projection bug');
      },
    };
    const ledger = await openLedger({ file: tempFile(), projections: [failing] });
    try {
      await seed(ledger, []);
      const head = await ledger.head();
      await expect(
        ledger.execute({ type: 'AddComment', code: 'FP1922_02', effectiveOn: '2019-06-30', comment: 'x' }),
      ).rejects.toThrow('projection bug');
      expect(await ledger.head()).toEqual(head);
    } finally {
      await ledger.close();
    }
  });

  it('reports progress with totals and refuses unknown or badly named projections', async () => {
    const file = tempFile();
    const ledger = await openLedger({ file, projections: [allEvents], projectionMode: 'catch-up' });
    try {
      await seed(ledger, []);
      const seen: { done: number; total: number }[] = [];
      await ledger.projections.catchUp({
        batchSize: 2,
        onProgress: ({ done, total }) => seen.push({ done, total }),
      });
      expect(seen.at(-1)).toEqual({ done: 3, total: 3 });
      await expect(ledger.projections.rebuild(['nope'])).rejects.toThrow(/No projection named 'nope'/);
    } finally {
      await ledger.close();
    }
    await expect(openLedger({ file, projections: [{ ...allEvents, name: 'Bad Name' }] })).rejects.toThrow(
      LedgerError,
    );
    await expect(openLedger({ file, projections: [allEvents, allEvents] })).rejects.toThrow(LedgerError);
  });

  it("rebuilds a fresh ledger's projections, which were never set up", async () => {
    // The old ProjectionRunner refused rebuild() before start() ("not set up"); the ledger owns
    // its projections, so a rebuild works from nothing.
    const ledger = await openLedger({
      file: tempFile(),
      projections: [progressLog(), allEvents],
      projectionMode: 'catch-up',
    });
    try {
      await seed(ledger, [
        { type: 'UpdateProgress', code: 'FP1922_02', effectiveOn: '2019-06-30', percentComplete: 20 },
      ]);
      expect((await ledger.projections.status()).map((s) => s.state)).toEqual(['missing', 'missing']);
      expect(await ledger.projections.rebuild()).toBe(4);
      expect((await ledger.projections.status()).map((s) => [s.state, s.position])).toEqual([
        ['ready', 4],
        ['ready', 4],
      ]);
      expect(await count(ledger, 'all_events')).toBe(4);
      expect((await dump(ledger, ['progress_log'])).progress_log?.at(-1)).toEqual({
        position: 4,
        stream: 'action:FP1922_02',
        percent: 20,
        nth: 2,
      });
    } finally {
      await ledger.close();
    }
  });
});
