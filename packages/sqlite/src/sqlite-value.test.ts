import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { compareValues, decodeValue, exactColumns, sameValue } from './sqlite-value.js';

const db = new Database(':memory:');
afterAll(() => db.close());

/** Any value SQLite stores: NULL, integers of any size, doubles, text of any characters, blobs. */
const anyValue = fc.oneof(
  fc.constant(null),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.uint8Array({ maxLength: 4 }).map((bytes) => Buffer.from(bytes)),
);

/** The values as SQLite orders them (`ORDER BY v COLLATE BINARY`), read exactly. */
function sortedBySqlite(values: readonly unknown[], order = 'ORDER BY v COLLATE BINARY') {
  db.exec('DROP TABLE IF EXISTS t; CREATE TABLE t (v ANY) STRICT');
  const insert = db.prepare('INSERT INTO t VALUES (?)');
  for (const value of values) insert.run(value);
  return db
    .prepare(`SELECT ${exactColumns('v', 0)} FROM t ${order}`)
    .all()
    .map((row) => decodeValue(row as Record<string, unknown>, 0));
}

describe('SQLite values read exactly and ordered as SQLite orders them', () => {
  it('compareValues agrees with ORDER BY … COLLATE BINARY on any values', () => {
    fc.assert(
      fc.property(fc.array(anyValue, { maxLength: 12 }), (values) => {
        const sorted = sortedBySqlite(values);
        for (let i = 1; i < sorted.length; i++) {
          expect(compareValues(sorted[i - 1]!, sorted[i]!)).toBeLessThanOrEqual(0);
          expect(compareValues(sorted[i]!, sorted[i - 1]!)).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('sameValue holds only for the same storage class and value, integers beyond 2^53 included', () => {
    const [a, b, c, d] = sortedBySqlite(
      [2n ** 53n, 2n ** 53n + 1n, 2 ** 53, '9007199254740992'],
      'ORDER BY rowid',
    );
    expect(a!.type).toBe('integer');
    expect(sameValue(a!, b!)).toBe(false);
    expect(sameValue(a!, c!)).toBe(false); // integer 2^53 and real 2^53: equal in order, not the same value
    expect(compareValues(a!, c!)).toBe(0);
    expect(d!.type).toBe('text');
    expect(sameValue(a!, a!)).toBe(true);
  });
});
