import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandInput } from '../action/commands.js';
import { LedgerError } from '../errors/index.js';
import { type Ledger, openLedger } from '../ledger/ledger.js';
import type { SqlDatabase } from '../store/sql-database.js';
import type { Projection } from './projection.js';
import { ProjectionRunner } from './projection-runner.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'perfledger-runner-'));
  dirs.push(dir);
  return join(dir, 'ledger.db');
}

/** A projection whose rows depend on earlier rows, like the real ones: a running count per stream. */
function progressLog(version = 1): Projection {
  return {
    name: 'progress_log',
    version,
    eventTypes: ['ActionRegistered', 'ProgressUpdated'],
    tables: [
      {
        name: 'progress_log',
        sql: 'CREATE TABLE progress_log (position INTEGER PRIMARY KEY, stream TEXT NOT NULL, percent INTEGER, nth INTEGER NOT NULL)',
      },
    ],
    handler: (db: SqlDatabase) => {
      const count = db.prepare('SELECT count(*) AS n FROM progress_log WHERE stream = ?');
      const insert = db.prepare('INSERT INTO progress_log VALUES (?, ?, ?, ?)');
      return (event) => {
        const nth = (count.get(event.stream) as { n: number }).n + 1;
        const percent = event.type === 'ProgressUpdated' ? event.data.percentComplete : null;
        insert.run(event.position, event.stream, percent, nth);
      };
    },
  };
}

const allEvents: Projection = {
  name: 'all_events',
  version: 1,
  tables: [
    { name: 'all_events', sql: 'CREATE TABLE all_events (position INTEGER PRIMARY KEY, type TEXT NOT NULL)' },
  ],
  handler: (db) => {
    const insert = db.prepare('INSERT INTO all_events VALUES (?, ?)');
    return (event) => void insert.run(event.position, event.type);
  },
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

function seed(ledger: Ledger, commands: readonly CommandInput[]): void {
  for (const code of codes) {
    ledger.execute({
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
      ledger.execute(command);
    } catch (error) {
      if (!(error instanceof LedgerError)) throw error;
    }
  }
}

function dump(ledger: Ledger, tables: readonly string[]): Record<string, unknown[]> {
  return Object.fromEntries(
    tables.map((table) => [table, ledger.store.database.prepare(`SELECT * FROM ${table} ORDER BY 1`).all()]),
  );
}

describe('ProjectionRunner', () => {
  it('inline processing equals a full rebuild, and processing again changes nothing', () => {
    fc.assert(
      fc.property(
        fc.array(commandArb, { maxLength: 30 }),
        fc.integer({ min: 1, max: 7 }),
        (commands, batchSize) => {
          const ledger = openLedger({ file: tempFile() });
          const runner = new ProjectionRunner(ledger, [progressLog(), allEvents], { batchSize });
          runner.start();
          seed(ledger, commands);
          const incremental = dump(ledger, ['progress_log', 'all_events']);
          expect(incremental.all_events).toHaveLength(ledger.head().position);

          runner.catchUp();
          new ProjectionRunner(ledger, [progressLog(), allEvents]).start();
          expect(dump(ledger, ['progress_log', 'all_events'])).toEqual(incremental);

          runner.rebuild();
          expect(dump(ledger, ['progress_log', 'all_events'])).toEqual(incremental);
          ledger.close();
        },
      ),
      { numRuns: 40 },
    );
  });

  it('catch-up mode reaches the same tables as inline mode', () => {
    fc.assert(
      fc.property(fc.array(commandArb, { maxLength: 30 }), (commands) => {
        const inline = openLedger({ file: tempFile() });
        new ProjectionRunner(inline, [progressLog()]).start();
        seed(inline, commands);

        const later = openLedger({ file: tempFile() });
        const runner = new ProjectionRunner(later, [progressLog()], { mode: 'catch-up', batchSize: 4 });
        runner.start();
        seed(later, commands);
        expect(runner.status()[0]?.position).toBe(0);
        runner.catchUp();
        expect(dump(later, ['progress_log'])).toEqual(dump(inline, ['progress_log']));
        inline.close();
        later.close();
      }),
      { numRuns: 25 },
    );
  });

  it('resumes an interrupted rebuild from its last committed batch and ends equal to a clean one', () => {
    const ledger = openLedger({ file: tempFile() });
    seed(
      ledger,
      Array.from({ length: 40 }, (_, i) => ({
        type: 'UpdateProgress' as const,
        code: codes[i % 3]!,
        effectiveOn: '2019-06-30',
        percentComplete: i + 1,
      })),
    );
    const runner = new ProjectionRunner(ledger, [progressLog()], { batchSize: 5 });
    runner.start();
    const clean = dump(ledger, ['progress_log']);

    const crashed = new Error('simulated crash');
    expect(() =>
      runner.rebuild(undefined, {
        onProgress: ({ done }) => {
          if (done >= 15) throw crashed;
        },
      }),
    ).toThrow(crashed);
    const status = runner.status()[0]!;
    expect(status.state).toBe('rebuilding');
    expect(status.position).toBe(15);
    expect(ledger.store.database.prepare('SELECT count(*) AS n FROM progress_log').get()).toEqual({ n: 15 });

    const progress: number[] = [];
    new ProjectionRunner(ledger, [progressLog()], { batchSize: 5 }).start({
      onProgress: ({ done }) => progress.push(done),
    });
    expect(progress[0]).toBe(5); // resumed after position 15, not from the start
    expect(dump(ledger, ['progress_log'])).toEqual(clean);
    ledger.close();
  });

  it('rebuilds automatically when a projection version changes', () => {
    const file = tempFile();
    const ledger = openLedger({ file });
    new ProjectionRunner(ledger, [progressLog(1)]).start();
    seed(ledger, []);
    ledger.store.database.prepare('DELETE FROM progress_log').run();

    const runner = new ProjectionRunner(ledger, [progressLog(2)]);
    expect(runner.status()[0]?.state).toBe('outdated');
    runner.start();
    expect(runner.status()[0]).toMatchObject({
      state: 'ready',
      storedVersion: 2,
      position: ledger.head().position,
    });
    expect(ledger.store.database.prepare('SELECT count(*) AS n FROM progress_log').get()).toEqual({ n: 3 });
    ledger.close();
  });

  it('an inline projection that fails rolls the append back: nothing is written', () => {
    const ledger = openLedger({ file: tempFile() });
    seed(ledger, []);
    const failing: Projection = {
      name: 'failing',
      version: 1,
      eventTypes: ['CommentAdded'],
      tables: [{ name: 'failing', sql: 'CREATE TABLE failing (x INTEGER)' }],
      handler: () => () => {
        throw new Error('projection bug');
      },
    };
    new ProjectionRunner(ledger, [failing]).start();
    const head = ledger.head();
    expect(() =>
      ledger.execute({ type: 'AddComment', code: 'FP1922_02', effectiveOn: '2019-06-30', comment: 'x' }),
    ).toThrow('projection bug');
    expect(ledger.head()).toEqual(head);
    ledger.close();
  });

  it('reports progress with totals and refuses unknown or badly named projections', () => {
    const ledger = openLedger({ file: tempFile() });
    seed(ledger, []);
    const runner = new ProjectionRunner(ledger, [allEvents], { batchSize: 2 });
    const seen: { done: number; total: number }[] = [];
    runner.start({ onProgress: ({ done, total }) => seen.push({ done, total }) });
    expect(seen.at(-1)).toEqual({ done: 3, total: 3 });
    expect(() => runner.rebuild(['nope'])).toThrow(/No projection named 'nope'/);
    expect(() => new ProjectionRunner(ledger, [{ ...allEvents, name: 'Bad Name' }])).toThrow(LedgerError);
    expect(() => new ProjectionRunner(ledger, [allEvents, allEvents])).toThrow(LedgerError);
    ledger.close();
  });
});
