import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collect, comment, type TempStore, tempStore } from './test-support/temp-store.js';

let temp: TempStore;
beforeEach(async () => {
  temp = await tempStore();
  await temp.store.append([
    { stream: 'action:A1', events: [comment('2023-06-30', 'one'), comment('2023-07-01', 'two')] },
    { stream: 'action:A2', events: [comment('2023-06-30', 'three')] },
  ]);
});
afterEach(() => temp.cleanup());

describe('the query port', () => {
  it('runs SELECT and WITH with ? parameters and returns plain objects', async () => {
    const { query } = temp.store;
    expect(
      await query.all('SELECT stream, position FROM events WHERE position <= ? ORDER BY position', [2]),
    ).toEqual([
      { stream: 'action:A1', position: 1 },
      { stream: 'action:A1', position: 2 },
    ]);
    expect(
      await query.get<{ n: number }>(
        'WITH s AS (SELECT stream FROM events WHERE stream = ?) SELECT count(*) AS n FROM s',
        ['action:A1'],
      ),
    ).toEqual({ n: 2 });
    expect(await query.get('SELECT 1 AS one WHERE 0')).toBeUndefined();
  });

  it('keeps integers beyond 2^53 exact, as bigint', async () => {
    const row = await temp.store.query.get<{ big: unknown; small: unknown }>(
      'SELECT ? + 1 AS big, 2 AS small',
      [9_007_199_254_740_993n],
    );
    expect(row).toEqual({ big: 9_007_199_254_740_994n, small: 2 });
  });

  it('refuses every statement that is not a single SELECT with READ_ONLY, writing nothing', async () => {
    const { query } = temp.store;
    for (const sql of [
      "INSERT INTO ledger_meta (key, value) VALUES ('k', 'v')",
      "UPDATE ledger_meta SET value = 'x'",
      'DELETE FROM projection_checkpoints',
      'WITH s AS (SELECT 1) DELETE FROM projection_checkpoints',
      'CREATE TABLE z (a)',
      'DROP TABLE ledger_meta',
      'PRAGMA user_version = 9',
      'PRAGMA user_version',
      "ATTACH '/tmp/x.db' AS x",
      "VACUUM INTO '/tmp/copy.db'",
      'SELECT 1; SELECT 2',
      'VALUES (1)',
    ]) {
      await expect(query.all(sql), sql).rejects.toMatchObject({ code: 'READ_ONLY' });
    }
    await expect(collect(query.batches('DELETE FROM ledger_meta'))).rejects.toMatchObject({
      code: 'READ_ONLY',
    });
    expect(await query.get("SELECT count(*) AS n FROM ledger_meta WHERE key = 'k'")).toEqual({ n: 0 });
    expect((await temp.store.head()).position).toBe(3);
  });

  it('reads in batches of the given size', async () => {
    const batches: number[][] = [];
    for await (const batch of temp.store.query.batches<{ position: number }>(
      'SELECT position FROM events WHERE position >= ? ORDER BY position;',
      [1],
      2,
    )) {
      batches.push(batch.map((row) => row.position));
    }
    expect(batches).toEqual([[1, 2], [3]]);
  });
});
