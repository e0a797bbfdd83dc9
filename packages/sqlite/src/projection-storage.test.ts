import type { ProjectionTable } from '@perfledger/core';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createIndexSql, createTableSql } from './projection-ddl.js';
import { type TempStore, tempStore } from './test-support/temp-store.js';

let temp: TempStore;
beforeEach(async () => {
  temp = await tempStore();
});
afterEach(() => temp.cleanup());

const facts: ProjectionTable = {
  name: 'field_facts',
  columns: [
    { name: 'position', type: 'integer' },
    { name: 'code', type: 'text' },
    { name: 'value', type: 'scalar', nullable: true },
    { name: 'weight', type: 'real', nullable: true },
    { name: 'state', type: 'text' },
  ],
  primaryKey: ['position'],
  unique: [['code', 'state']],
  indexes: [
    { name: 'field_facts_by_code', columns: ['code', 'position'] },
    { name: 'field_facts_open', columns: ['code'], where: { state: 'open' } },
  ],
};

const log: ProjectionTable = {
  name: 'plain_log',
  columns: [{ name: 'note', type: 'text' }],
  primaryKey: [],
};

function schemaOf(file: string): { name: string; sql: string }[] {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare(
        "SELECT name, sql FROM sqlite_master WHERE tbl_name IN ('field_facts', 'plain_log') ORDER BY name",
      )
      .all() as { name: string; sql: string }[];
  } finally {
    db.close();
  }
}

describe('DDL from declarations', () => {
  it('creates STRICT tables, WITHOUT ROWID when keyed, with NOT NULL, unique keys and partial indexes', () => {
    expect(createTableSql(facts)).toBe(
      'CREATE TABLE "field_facts" ("position" INTEGER NOT NULL, "code" TEXT NOT NULL, "value" ANY, "weight" REAL, "state" TEXT NOT NULL, PRIMARY KEY ("position"), UNIQUE ("code", "state")) STRICT, WITHOUT ROWID',
    );
    expect(createTableSql(log)).toBe('CREATE TABLE "plain_log" ("note" TEXT NOT NULL) STRICT');
    expect(createIndexSql('field_facts', facts.indexes![1]!)).toBe(
      `CREATE INDEX IF NOT EXISTS "field_facts_open" ON "field_facts" ("code") WHERE "state" = 'open'`,
    );
  });

  it('a scalar column keeps 58 a number and "2020" text', async () => {
    const { store } = temp;
    await store.projections.resetTables([facts]);
    await store.projections.insertRows(facts, [
      { table: 'field_facts', values: [1, 'A1', 58, null, 'open'] },
      { table: 'field_facts', values: [2, 'A2', '2020', 1.5, 'open'] },
    ]);
    const rows = await store.query.all<{ value: unknown; kind: string }>(
      'SELECT value, typeof(value) AS kind FROM field_facts ORDER BY position',
    );
    expect(rows).toEqual([
      { value: 58, kind: 'integer' },
      { value: '2020', kind: 'text' },
    ]);
  });

  it('refuses a value of the wrong class (STRICT) and rolls the whole insert back', async () => {
    const { store } = temp;
    await store.projections.resetTables([facts]);
    await expect(
      store.projections.insertRows(facts, [
        { table: 'field_facts', values: [1, 'A1', 1, null, 'open'] },
        { table: 'field_facts', values: ['two', 'A2', 1, null, 'open'] },
      ]),
    ).rejects.toThrow();
    expect(await store.query.all('SELECT * FROM field_facts')).toEqual([]);
  });

  it('refuses declarations that are not safe names, and rows of the wrong width, with ValidationError', async () => {
    const { store } = temp;
    await expect(store.projections.resetTables([{ ...log, name: 'Bad"Name' }])).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await store.projections.resetTables([log]);
    await expect(
      store.projections.insertRows(log, [{ table: 'plain_log', values: ['a', 'b'] }]),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('defers secondary indexes on request and creates them later, once', async () => {
    const { store, file } = temp;
    await store.projections.resetTables([facts], { deferIndexes: true });
    expect(schemaOf(file).map((entry) => entry.name)).not.toContain('field_facts_by_code');
    await store.projections.createIndexes([facts]);
    await store.projections.createIndexes([facts]);
    expect(schemaOf(file).map((entry) => entry.name)).toEqual(
      expect.arrayContaining(['field_facts', 'field_facts_by_code', 'field_facts_open']),
    );
  });

  it('resetTables drops the rows of an existing table', async () => {
    const { store } = temp;
    await store.projections.resetTables([log]);
    await store.projections.insertRows(log, [{ table: 'plain_log', values: ['a'] }]);
    await store.projections.resetTables([log]);
    expect(await store.query.all('SELECT * FROM plain_log')).toEqual([]);
    expect(await store.projections.existingTables(['plain_log', 'field_facts'])).toEqual(['plain_log']);
  });
});

describe('insertRows', () => {
  it('skips a row whose primary key or unique key is present already', async () => {
    const { store } = temp;
    await store.projections.resetTables([facts]);
    await store.projections.insertRows(facts, [
      { table: 'field_facts', values: [1, 'A1', 'first', null, 'open'] },
    ]);
    await store.projections.insertRows(facts, [
      { table: 'field_facts', values: [1, 'A9', 'same position', null, 'open'] },
      { table: 'field_facts', values: [2, 'A1', 'same code and state', null, 'open'] },
      { table: 'field_facts', values: [3, 'A1', 'new', null, 'closed'] },
    ]);
    expect(await store.query.all('SELECT position, value FROM field_facts ORDER BY position')).toEqual([
      { position: 1, value: 'first' },
      { position: 3, value: 'new' },
    ]);
  });

  it('inserts many rows as one by one would: duplicates skipped within the list too, scalars exact', async () => {
    const { store } = temp;
    await store.projections.resetTables([facts]);
    await store.projections.insertRows(facts, [
      { table: 'field_facts', values: [5, 'B5', 'stored first', null, 'open'] },
    ]);
    // 130 rows: two full statements of 50 and 30 one by one; every 10th repeats an earlier
    // position, every 7th repeats an earlier (code, state), position 5 is stored already.
    const rows = Array.from({ length: 130 }, (_, i) => {
      const position = i % 10 === 9 ? i - 5 : i + 1;
      const code = i % 7 === 6 ? `A${i - 3}` : `A${i}`;
      return { table: 'field_facts', values: [position, code, i % 2 === 0 ? i : String(i), i / 4, 'open'] };
    });
    await store.projections.insertRows(facts, rows);
    const expected = new Map<number, unknown>([[5, 'stored first']]);
    const codes = new Set<string>(['B5']);
    for (const { values } of rows) {
      const [position, code, value] = values as [number, string, unknown];
      if (expected.has(position) || codes.has(code)) continue;
      expected.set(position, value);
      codes.add(code);
    }
    const stored = await store.query.all<{ position: number; value: unknown; kind: string }>(
      'SELECT position, value, typeof(value) AS kind FROM field_facts ORDER BY position',
    );
    expect(stored.map(({ position, value }) => [position, value])).toEqual(
      [...expected].sort((a, b) => a[0] - (b[0] as number)),
    );
    for (const { value, kind } of stored) expect(kind).toBe(typeof value === 'number' ? 'integer' : 'text');
  });

  it('a bad row anywhere in a long list rolls the whole list back', async () => {
    const { store } = temp;
    await store.projections.resetTables([log]);
    const rows = Array.from({ length: 120 }, (_, i) => ({ table: 'plain_log', values: [`n${i}`] }));
    rows[110] = { table: 'plain_log', values: ['a', 'b'] };
    await expect(store.projections.insertRows(log, rows)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(await store.query.all('SELECT * FROM plain_log')).toEqual([]);
  });

  it('joins the caller transaction: rolled back with it', async () => {
    const { store } = temp;
    await store.projections.resetTables([log]);
    await expect(
      store.transaction(async (session) => {
        await session.projections.insertRows(log, [{ table: 'plain_log', values: ['x'] }]);
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(await store.query.all('SELECT * FROM plain_log')).toEqual([]);
  });
});

describe('checkpoints and meta', () => {
  it('stores and reads checkpoints', async () => {
    const { store } = temp;
    expect(await store.projections.checkpoint('audit_trail')).toBeUndefined();
    await store.projections.putCheckpoint({
      name: 'audit_trail',
      version: 2,
      position: 0,
      state: 'rebuilding',
    });
    await store.projections.putCheckpoint({ name: 'audit_trail', version: 2, position: 7, state: 'ready' });
    await store.projections.putCheckpoint({ name: 'quarter_end', version: 1, position: 7, state: 'ready' });
    expect(await store.projections.checkpoint('audit_trail')).toEqual({
      name: 'audit_trail',
      version: 2,
      position: 7,
      state: 'ready',
    });
    expect((await store.projections.checkpoints()).map((c) => c.name)).toEqual([
      'audit_trail',
      'quarter_end',
    ]);
  });

  it('keeps settings in ledger_meta, and the origin fixed', async () => {
    const { store } = temp;
    expect(await store.getMeta('verified')).toBeUndefined();
    await store.putMeta('verified', '{"position":3}');
    expect(await store.getMeta('verified')).toBe('{"position":3}');
    expect(await store.getMeta('origin')).toBe(await store.origin());
    await expect(store.putMeta('origin', 'forged')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('schemaStamp changes when a table is created', async () => {
    const { store } = temp;
    const before = await store.schemaStamp();
    await store.projections.resetTables([log]);
    expect(await store.schemaStamp()).not.toBe(before);
  });
});
