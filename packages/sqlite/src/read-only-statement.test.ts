import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { refusalOf } from './read-only-statement.js';

const db = new Database(':memory:');
db.exec('CREATE TABLE t (x INTEGER PRIMARY KEY, y TEXT)');
afterAll(() => db.close());

/** What the guard says of a statement, with SQLite's own read-only verdict, as the handle asks. */
const verdict = (sql: string) => refusalOf(sql, db.prepare(sql).readonly);

/** Statement templates; `{K}` is the leading keyword, which the property respells. */
const writing: readonly [string, string][] = [
  ['VACUUM', "{K} INTO '/nonexistent/copy.db'"],
  ['VACUUM', '{K}'],
  ['ATTACH', "{K} '/nonexistent/other.db' AS other"],
  ['DETACH', '{K} main'],
  ['PRAGMA', '{K} query_only = OFF'],
  ['PRAGMA', '{K} main.user_version = 3'],
  ['PRAGMA', '{K} journal_mode(DELETE)'],
  ['PRAGMA', '{K} wal_checkpoint(FULL)'],
  ['PRAGMA', '{K} optimize'],
  ['INSERT', "{K} INTO t VALUES (1, 'a')"],
  ['UPDATE', "{K} t SET y = 'b'"],
  ['DELETE', '{K} FROM t'],
  ['WITH', '{K} s AS (SELECT 1) DELETE FROM t'],
  ['CREATE', '{K} TEMP TABLE z (a)'],
  ['DROP', '{K} TABLE t'],
  ['REINDEX', '{K}'],
  ['ANALYZE', '{K}'],
];

const reading: readonly [string, string][] = [
  ['SELECT', '{K} * FROM t'],
  ['WITH', '{K} s AS (SELECT x FROM t) SELECT * FROM s'],
  ['VALUES', '{K} (1), (2)'],
  ['PRAGMA', '{K} user_version'],
  ['PRAGMA', '{K} table_info(t)'],
  ['SAVEPOINT', '{K} s'],
  ['EXPLAIN', '{K} QUERY PLAN SELECT * FROM t'],
];

/** Any spelling of the keyword: mixed case, after any white space and comments. */
const spelled = (keyword: string) =>
  fc
    .tuple(
      fc.array(fc.boolean(), { minLength: keyword.length, maxLength: keyword.length }),
      fc.array(fc.constantFrom(' ', '\n', '\t', '/* c */', '-- line\n'), { maxLength: 3 }),
    )
    .map(
      ([upper, before]) =>
        before.join('') + [...keyword].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join(''),
    );

describe('refusalOf: which statements a read-only handle runs', () => {
  it('refuses every statement that can write anywhere, however it is spelled', () => {
    fc.assert(
      fc.property(
        fc
          .constantFrom(...writing)
          .chain(([keyword, template]) => spelled(keyword).map((k) => template.replace('{K}', k))),
        (sql) => {
          expect(verdict(sql), sql).toBeTypeOf('string');
        },
      ),
    );
  });

  it('allows queries, read-only pragmas and transaction control, however they are spelled', () => {
    fc.assert(
      fc.property(
        fc
          .constantFrom(...reading)
          .chain(([keyword, template]) => spelled(keyword).map((k) => template.replace('{K}', k))),
        (sql) => {
          expect(verdict(sql), sql).toBeUndefined();
        },
      ),
    );
  });

  it('names why a statement is refused', () => {
    expect(verdict("VACUUM INTO 'x.db'")).toMatch(/VACUUM INTO writes a new file/);
    expect(verdict("ATTACH 'x.db' AS x")).toMatch(/ATTACH reaches another database file/);
    expect(verdict('PRAGMA query_only = OFF')).toBe('PRAGMA query_only = … sets a value');
    expect(verdict('PRAGMA optimize')).toBe('PRAGMA optimize is not one of the pragmas that only read');
    expect(verdict('DELETE FROM t')).toBe('DELETE is not a read');
    expect(verdict('WITH s AS (SELECT 1) DELETE FROM t')).toMatch(/it writes/);
  });
});
