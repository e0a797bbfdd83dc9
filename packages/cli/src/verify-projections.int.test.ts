import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyProjections } from '@perfledger/core';
import { openLedger, openReadonlyLedger } from '@perfledger/sqlite';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { standardProjections } from './projections.js';
import { cliHarness, ledgerBytes, makeTempDir, removeTempDir } from './test-support/cli-harness.js';

const fixtures = join(import.meta.dirname, '..', '..', '..', 'examples', 'quarterly', 'data');

const { runIn: run, out, err } = cliHarness();

let base: string;
let pristine: string;
const dirs: string[] = [];

function tempDir(): string {
  const dir = makeTempDir('perfledger-verify-cli-');
  dirs.push(dir);
  return dir;
}

/** A copy of the imported ledger in a directory of its own, as `perfledger.db`. */
function copyLedger(): string {
  const dir = tempDir();
  copyFileSync(pristine, join(dir, 'perfledger.db'));
  return dir;
}

function edit(dir: string, sql: string, ...params: unknown[]): number {
  const db = new Database(join(dir, 'perfledger.db'));
  try {
    return db.prepare(sql).run(...params).changes;
  } finally {
    db.close();
  }
}

/** The n-th row of a table in key order (wrapping), as a WHERE clause on its key and the values to bind. */
function nthRow(
  db: Database.Database,
  table: string,
  n: number,
): { where: string; key: unknown[]; columns: string[] } {
  const info = db.prepare(`SELECT name, pk FROM pragma_table_info('${table}') ORDER BY cid`).all() as {
    name: string;
    pk: number;
  }[];
  const columns = info.map((c) => c.name);
  const pk = info
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => `"${c.name}"`);
  const count = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const key = db
    .prepare(`SELECT ${pk.join(', ')} FROM ${table} ORDER BY ${pk.join(', ')} LIMIT 1 OFFSET ?`)
    .raw(true)
    .get(n % count) as unknown[];
  return { where: pk.map((c) => `${c} = ?`).join(' AND '), key, columns };
}

/** Runs one statement on the row `n` of a table (`{where}` stands for its key condition). */
function editRow(dir: string, table: string, n: number, sql: string): number {
  const db = new Database(join(dir, 'perfledger.db'));
  try {
    const { where, key } = nthRow(db, table, n);
    return db.prepare(sql.replace('{where}', where)).run(...key).changes;
  } finally {
    db.close();
  }
}

const bytes = (dir: string): Buffer => ledgerBytes(join(dir, 'perfledger.db'));

beforeAll(async () => {
  base = tempDir();
  for (const [file, asOf] of [
    ['2019-20-q1.csv', '2019-06-30'],
    ['2019-20-q2.csv', '2019-09-30'],
    ['2019-20-q2-correction.csv', '2019-09-30'],
    ['2019-20-q3.csv', '2019-12-31'],
  ] as const) {
    expect(await run(base, 'import', join(fixtures, file), '--as-of', asOf, '--status-key', 'pentana')).toBe(
      0,
    );
  }
  pristine = join(base, 'perfledger.db');
  // A due-date correction, so that every table (slippage_corrections too) holds rows to edit.
  const ledger = await openLedger({ file: pristine, projections: standardProjections });
  try {
    await ledger.execute({
      type: 'CorrectDueDate',
      code: 'FP1922_02',
      effectiveOn: '2019-12-31',
      to: '2020-03-31',
      reason: 'The due date was keyed wrongly in the Q1 return',
    });
    // An indicator with one fact of each kind, so that every indicator table holds rows too.
    await ledger.executeAll([
      {
        type: 'RegisterIndicator',
        code: 'BV12',
        title: 'Working Days Lost Due to Sickness Absence',
        unit: 'days',
        polarity: 'lower',
        frequency: 'quarterly',
        plan: 'Corporate Plan 2018-23',
        statusKey: 'rag',
        effectiveOn: '2019-04-01',
      },
      { type: 'AmendIndicator', code: 'BV12', owner: 'Head of HR' },
      { type: 'SetIndicatorTarget', code: 'BV12', period: '2019/20', target: 7.5 },
      {
        type: 'SetIndicatorTolerance',
        code: 'BV12',
        effectiveOn: '2019-04-01',
        tolerance: { kind: 'percent', amber: 5 },
      },
      { type: 'RecordIndicatorValue', code: 'BV12', period: '2019/20 Q1', value: 9.3 },
      { type: 'ReportIndicatorStatus', code: 'BV12', period: '2019/20 Q1', status: 'Red' },
      {
        type: 'RecordIndicatorComparator',
        code: 'BV12',
        period: '2019/20 Q1',
        kind: 'national',
        value: 8.4,
        source: 'LG Inform',
      },
      { type: 'CommentOnIndicator', code: 'BV12', period: '2019/20 Q1', text: 'Long-term sickness' },
    ]);
  } finally {
    await ledger.close();
  }
}, 60_000);
afterAll(() => {
  for (const dir of dirs.splice(0)) removeTempDir(dir);
});

/** Every table the CLI's projections declare, with its primary-key columns. */
const TABLES = standardProjections.flatMap((projection) =>
  projection.tables.map((table) => ({ projection: projection.name, name: table.name })),
);

describe('perfledger verify --projections', () => {
  it('passes an untouched ledger, naming each projection and its rows, and leaves the file byte for byte', async () => {
    const dir = copyLedger();
    const before = bytes(dir);
    expect(await run(dir, 'verify', '--projections')).toBe(0);
    expect(out()).toMatch(/^Chain OK: \d+ events/);
    for (const { projection, name } of TABLES) {
      expect(out()).toMatch(
        new RegExp(`Projection ${projection} OK at position \\d+: .*${name} [1-9]\\d* rows`),
      );
    }
    expect(err()).toBe('');
    expect(bytes(dir).equals(before)).toBe(true);
  });

  it('finds the original attack: a deleted audit_trail row (a hidden correction) that plain verify misses', async () => {
    const dir = copyLedger();
    const row = new Database(join(dir, 'perfledger.db'), { readonly: true })
      .prepare(
        "SELECT position, seq, code FROM audit_trail WHERE field = 'dueDate' AND before IS NOT NULL LIMIT 1",
      )
      .get() as { position: number; seq: number; code: string };
    expect(edit(dir, 'DELETE FROM audit_trail WHERE position = ? AND seq = ?', row.position, row.seq)).toBe(
      1,
    );
    const before = bytes(dir);
    expect(await run(dir, 'verify')).toBe(0);
    expect(await run(dir, 'verify', '--projections')).toBe(1);
    expect(err()).toContain(
      `[PROJECTION_ROW_MISSING] audit_trail: the row with position = ${row.position}, seq = ${row.seq} is missing from the live table`,
    );
    expect(err()).toContain(`code '${row.code}', field 'dueDate'`);
    expect(bytes(dir).equals(before)).toBe(true);
  });

  describe.each(TABLES)('$name', ({ name }) => {
    it('a deleted row is found, with its key', async () => {
      const dir = copyLedger();
      expect(editRow(dir, name, 0, `DELETE FROM ${name} WHERE {where}`)).toBe(1);
      expect(await run(dir, 'verify', '--projections')).toBe(1);
      expect(err()).toMatch(
        new RegExp(
          `\\[PROJECTION_ROW_MISSING\\] ${name}: the row with \\S+ = .+ is missing from the live table, but a rebuild from the log's first \\d+ events has it \\(.+\\); it was deleted\\.`,
        ),
      );
    });

    it('an updated row is found, with the live and the rebuilt value', async () => {
      const dir = copyLedger();
      expect(
        editRow(
          dir,
          name,
          -1 >>> 0,
          `UPDATE ${name} SET recorded_at = '1999-01-01T00:00:00.000000Z' WHERE {where}`,
        ),
      ).toBe(1);
      expect(await run(dir, 'verify', '--projections')).toBe(1);
      expect(err()).toMatch(
        new RegExp(
          `\\[PROJECTION_ROW_CHANGED\\] ${name}: the row with .+ differs from a rebuild from the log's first \\d+ events: recorded_at is '1999-01-01T00:00:00.000000Z' in the live table but '20\\d\\d-[^']+' in the rebuild; it was changed\\.`,
        ),
      );
    });

    it('an inserted row is found, with its values', async () => {
      const dir = copyLedger();
      const db = new Database(join(dir, 'perfledger.db'));
      const columns = db.prepare(`SELECT name, pk FROM pragma_table_info('${name}')`).all() as {
        name: string;
        pk: number;
      }[];
      // A copy of the first row under a position no event has.
      const list = columns.map((c) => c.name).join(', ');
      const select = columns
        .map((c) =>
          c.name === 'position'
            ? '9999'
            : c.name === 'event_id'
              ? "'forged-event'"
              : c.name === 'code' && name === 'slippage_registrations'
                ? "'FORGED'"
                : c.name,
        )
        .join(', ');
      expect(
        db.prepare(`INSERT INTO ${name} (${list}) SELECT ${select} FROM ${name} LIMIT 1`).run().changes,
      ).toBe(1);
      db.close();
      expect(await run(dir, 'verify', '--projections')).toBe(1);
      expect(err()).toMatch(
        new RegExp(
          `\\[PROJECTION_ROW_EXTRA\\] ${name}: the live table has a row with .+ that a rebuild from the log's first \\d+ events does not produce; it was inserted\\.`,
        ),
      );
    });
  });

  it('reports a projection whose checkpoint is behind the head', async () => {
    const dir = copyLedger();
    edit(dir, "UPDATE projection_checkpoints SET position = position - 1 WHERE name = 'slippage'");
    expect(await run(dir, 'verify', '--projections', '--format', 'json')).toBe(1);
    const verdict = JSON.parse(out()) as { ok: boolean; projections: { problems: { code: string }[] } };
    expect(verdict.ok).toBe(false);
    expect(verdict.projections.problems.map((p) => p.code)).toContain('PROJECTION_BEHIND');
    expect(err()).toMatch(
      /\[PROJECTION_BEHIND\] Projection slippage is at position \d+, behind the head at \d+/,
    );
  });
});

/** Any single-row edit: delete a row, change one value, or insert a changed copy of a row. */
const anEdit = fc.record({
  table: fc.constantFrom(...TABLES.map((t) => t.name)),
  row: fc.nat(),
  kind: fc.constantFrom('delete', 'update', 'insert'),
  column: fc.nat(),
  value: fc.oneof(fc.string({ maxLength: 12 }), fc.integer({ min: -5, max: 100_000 }), fc.constant(null)),
});

describe('property: verify --projections finds any single-row edit of any projection table', () => {
  it('reports a difference in exactly the edited table', async () => {
    await fc.assert(
      fc.asyncProperty(anEdit, async ({ table, row, kind, column, value }) => {
        const dir = copyLedger();
        const file = join(dir, 'perfledger.db');
        const db = new Database(file);
        let changed = false;
        try {
          const { where, key, columns } = nthRow(db, table, row);
          const target = columns[column % columns.length]!;
          const read = () => JSON.stringify(db.prepare(`SELECT * FROM ${table} WHERE ${where}`).get(...key));
          const before = read();
          try {
            if (kind === 'delete') {
              changed = db.prepare(`DELETE FROM ${table} WHERE ${where}`).run(...key).changes === 1;
            } else if (kind === 'update') {
              db.prepare(`UPDATE ${table} SET "${target}" = ? WHERE ${where}`).run(value, ...key);
              // Changing a key column moves the row: then the old key reads nothing, which is a change too.
              changed = read() !== before;
            } else {
              const list = columns.map((c) => `"${c}"`).join(', ');
              const select = columns.map((c) => (c === target ? '?' : `"${c}"`)).join(', ');
              changed =
                db
                  .prepare(`INSERT INTO ${table} (${list}) SELECT ${select} FROM ${table} WHERE ${where}`)
                  .run(value, ...key).changes === 1;
            }
          } catch {
            // The edit broke a constraint (NOT NULL, a type, a unique key): SQLite refused it.
          }
        } finally {
          db.close();
        }
        fc.pre(changed);
        const reader = await openReadonlyLedger(file, { projections: standardProjections });
        try {
          const result = await verifyProjections(reader);
          expect(result.ok).toBe(false);
          expect(result.problems.map((p) => p.table)).toEqual([table]);
          expect(result.problems[0]?.code).toMatch(/^PROJECTION_ROW_(MISSING|EXTRA|CHANGED)$/);
        } finally {
          await reader.close();
          removeTempDir(dir);
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
