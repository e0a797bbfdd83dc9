import { describe, expect, it } from 'vitest';
import { castOf, translatePlaceholders } from './query-sql.js';

describe('translatePlaceholders', () => {
  it('numbers the ? placeholders and leaves literals, identifiers, comments and dollar quotes alone', () => {
    const sql = `SELECT '?', "a?b", E'it\\'s ?', $$ ? $$, $tag$ ? $tag$ /* ? /* nested ? */ ? */ -- ?
      FROM t WHERE a = ? AND b IN (?, ?)`;
    const translated = translatePlaceholders(sql);
    expect(translated.placeholders).toBe(3);
    expect(translated.text).toContain('a = $1 AND b IN ($2, $3)');
    expect(translated.text).toContain(`'?', "a?b", E'it\\'s ?', $$ ? $$, $tag$ ? $tag$`);
    expect(translated.keyword).toBe('SELECT');
    expect(translated.several).toBe(false);
  });

  it('casts each placeholder from its value, finds a second statement, and drops a trailing semicolon', () => {
    const values = ['x', 1, 2.5, 2 ** 40, 9007199254740993n, null];
    expect(translatePlaceholders('SELECT ?, ?, ?, ?, ?, ?;', (i) => castOf(values[i]!)).text).toBe(
      'SELECT $1::text, $2::int, $3::float8, $4::bigint, $5::bigint, $6',
    );
    expect(translatePlaceholders('SELECT 1; DELETE FROM t').several).toBe(true);
    expect(translatePlaceholders('SELECT 1; -- done\n').several).toBe(false);
    expect(translatePlaceholders("SELECT ';'").several).toBe(false);
    expect(translatePlaceholders('  /* c */ with x as (select 1) delete from t').keyword).toBe('WITH');
  });

  it('quotes bare identifiers in mixed case, so aliases keep their case; not function names, keywords or literals', () => {
    expect(
      translatePlaceholders(
        "SELECT event_type AS eventType, Count(*) AS n, 'eventType' AS q FROM t ORDER BY eventType, t.recordedAt",
      ).text,
    ).toBe(
      'SELECT event_type AS "eventType", Count(*) AS n, \'eventType\' AS q FROM t ORDER BY "eventType", t."recordedAt"',
    );
  });
});
