/**
 * Pragmas a read-only handle may run without a value: each only reports a setting or a fact
 * about the file. Any pragma with `= value` is a write of a setting (or of the file, such as
 * `user_version`) and is refused, as is every pragma not listed (`optimize`, `wal_checkpoint`,
 * `incremental_vacuum`, `shrink_memory`, …).
 */
const READ_PRAGMAS: ReadonlySet<string> = new Set([
  'application_id',
  'auto_vacuum',
  'busy_timeout',
  'cache_size',
  'collation_list',
  'compile_options',
  'data_version',
  'database_list',
  'encoding',
  'foreign_key_check',
  'foreign_keys',
  'freelist_count',
  'function_list',
  'integrity_check',
  'journal_mode',
  'module_list',
  'page_count',
  'page_size',
  'pragma_list',
  'query_only',
  'quick_check',
  'schema_version',
  'synchronous',
  'table_list',
  'temp_store',
  'user_version',
  'wal_autocheckpoint',
]);

/** Pragmas a read-only handle may run with an argument in parentheses: table-valued reads. */
const READ_PRAGMAS_WITH_ARGUMENT: ReadonlySet<string> = new Set([
  'foreign_key_check',
  'foreign_key_list',
  'index_info',
  'index_list',
  'index_xinfo',
  'integrity_check',
  'quick_check',
  'table_info',
  'table_list',
  'table_xinfo',
]);

/** Statements that only read, when SQLite also says the compiled statement writes nothing. */
const READING = new Set(['SELECT', 'WITH', 'VALUES']);

/** Transaction control: begins, ends or nests a transaction; a read-only handle's are reads. */
const TRANSACTION_CONTROL = new Set(['BEGIN', 'COMMIT', 'END', 'ROLLBACK', 'SAVEPOINT', 'RELEASE']);

/**
 * Why a read-only handle refuses a statement, or undefined when it may run. A statement may run
 * only when it cannot write anywhere: a query (`SELECT`, `WITH`, `VALUES`) or transaction control
 * that SQLite's own `sqlite3_stmt_readonly` reports as writing nothing, an `EXPLAIN` (which runs
 * nothing), or a pragma from a fixed list of reads, without a value. Everything else is refused
 * before it runs: every write of a table, `VACUUM` and `VACUUM INTO` (which writes a new file),
 * `ATTACH` and `DETACH` (which reach other files), `REINDEX`, `ANALYZE`, and every pragma that
 * sets something (`query_only = OFF`, `user_version = 7`, `journal_mode = DELETE`).
 *
 * @param sql one SQL statement
 * @param compiledReadonly what `sqlite3_stmt_readonly` says of the compiled statement
 */
export function refusalOf(sql: string, compiledReadonly: boolean): string | undefined {
  const tokens = leadingTokens(sql);
  const keyword = (tokens[0] ?? '').toUpperCase();
  if (keyword === 'EXPLAIN') return undefined;
  if (READING.has(keyword) || TRANSACTION_CONTROL.has(keyword)) {
    return compiledReadonly ? undefined : `it writes (${keyword} … that changes data)`;
  }
  if (keyword === 'PRAGMA') return pragmaRefusal(tokens.slice(1));
  if (keyword === 'VACUUM') return 'VACUUM rewrites the database, and VACUUM INTO writes a new file';
  if (keyword === 'ATTACH' || keyword === 'DETACH') {
    return `${keyword} reaches another database file`;
  }
  return `${keyword === '' ? 'it' : keyword} is not a read`;
}

function pragmaRefusal(tokens: readonly string[]): string | undefined {
  // PRAGMA [schema.]name [= value | (argument)]
  let rest = tokens;
  if (rest[1] === '.') rest = rest.slice(2);
  const name = (rest[0] ?? '').toLowerCase();
  const next = rest[1];
  if (next === undefined || next === ';') {
    return READ_PRAGMAS.has(name) ? undefined : `PRAGMA ${name} is not one of the pragmas that only read`;
  }
  if (next === '(') {
    return READ_PRAGMAS_WITH_ARGUMENT.has(name)
      ? undefined
      : `PRAGMA ${name}(…) is not one of the pragmas that only read`;
  }
  return `PRAGMA ${name} = … sets a value`;
}

/**
 * The leading keyword of a statement, upper-cased, after any white space and comments (`''` for
 * none).
 *
 * @example
 * ```ts
 * leadingKeyword('/* note *\/ select 1'); // 'SELECT'
 * ```
 */
export function leadingKeyword(sql: string): string {
  return (leadingTokens(sql, 1)[0] ?? '').toUpperCase();
}

/**
 * The first few tokens of a statement: words (bare or quoted identifiers, unquoted) and single
 * punctuation characters, skipping white space and comments. Enough to classify a statement by
 * its leading keyword and, for a pragma, its name and what follows it.
 */
function leadingTokens(sql: string, limit = 6): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < sql.length && tokens.length < limit) {
    const c = sql[i]!;
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else if (c === '"' || c === '`' || c === '[') {
      const close = c === '[' ? ']' : c;
      const end = sql.indexOf(close, i + 1);
      tokens.push(sql.slice(i + 1, end < 0 ? sql.length : end));
      i = end < 0 ? sql.length : end + 1;
    } else if (/[A-Za-z0-9_$]/.test(c)) {
      let j = i;
      while (j < sql.length && /[A-Za-z0-9_$]/.test(sql[j]!)) j += 1;
      tokens.push(sql.slice(i, j));
      i = j;
    } else {
      tokens.push(c);
      i += 1;
    }
  }
  return tokens;
}
