import pg from 'pg';

/**
 * What one statement returned: its rows (objects, or arrays in column order) and how many it changed.
 *
 * @example
 * ```ts
 * const { rows, rowCount }: SqlResult<[number]> = await client.query('SELECT 1', [], { arrays: true });
 * ```
 */
export interface SqlResult<R = unknown> {
  readonly rows: R[];
  readonly rowCount: number;
}

/**
 * One database session the store holds for a while: a checked-out `pg` pool client, or the one
 * session of an in-process PGlite. The store speaks only this, so the same code runs on both.
 *
 * @example
 * ```ts
 * const client = await connector.connect();
 * try { await client.query('SELECT 1'); } finally { client.release(); }
 * ```
 */
export interface SqlClient {
  /** One statement with `$n` parameters, on the extended protocol (so never several statements). */
  query<R = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
    options?: { readonly arrays?: boolean },
  ): Promise<SqlResult<R>>;
  /** Several statements without parameters, in one round trip; the result of each, in order. */
  script<R = unknown[]>(sql: string): Promise<SqlResult<R>[]>;
  /** Gives the session back; `broken` discards it (a connection in an unknown state). */
  release(broken?: boolean): void;
}

/**
 * Where sessions come from: a `pg.Pool`, or a PGlite instance shared by every store on it.
 *
 * @example
 * ```ts
 * const connector = poolConnector(new pg.Pool({ connectionString }), { owned: true });
 * ```
 */
export interface SqlConnector {
  /** Checks out a session (waits while every session is in use). */
  connect(): Promise<SqlClient>;
  /** Ends what this connector owns (a pool it created); a borrowed pool is left open. */
  end(): Promise<void>;
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const INTEGER_TEXT = /^-?\d+$/;

/**
 * A 64-bit integer from its text: a number within ±2^53, a `bigint` beyond, as SQLite returns
 * them (never rounded).
 *
 * @example
 * ```ts
 * parseInt8('42'); // 42
 * parseInt8('9007199254740993'); // 9007199254740993n
 * ```
 */
export function parseInt8(text: string): number | bigint {
  const value = BigInt(text);
  return value >= MIN_SAFE && value <= MAX_SAFE ? Number(value) : value;
}

/** A NUMERIC from its text: whole values as {@link parseInt8} does, fractions as a double. */
function parseNumeric(text: string): number | bigint | string {
  if (INTEGER_TEXT.test(text)) return parseInt8(text);
  const value = Number(text);
  return Number.isNaN(value) && text !== 'NaN' ? text : value;
}

/** A scalar column's JSON: whole numbers beyond 2^53 as `bigint`, like an integer column. */
function parseJson(text: string): unknown {
  if (INTEGER_TEXT.test(text)) return parseInt8(text);
  return JSON.parse(text);
}

/**
 * How values come back, by type OID, on every engine: integers as numbers (beyond 2^53 as
 * `bigint`), NUMERIC as numbers, booleans as 1 and 0 (as SQLite returns a comparison), JSON
 * (projection `scalar` columns) parsed. Everything else as the driver gives it.
 *
 * @example
 * ```ts
 * TYPE_PARSERS[20]!('42'); // 42
 * ```
 */
export const TYPE_PARSERS: Readonly<Record<number, (text: string) => unknown>> = {
  16: (text) => (text === 't' ? 1 : 0),
  20: parseInt8,
  21: Number,
  23: Number,
  114: parseJson,
  700: Number,
  701: Number,
  1700: parseNumeric,
  3802: parseJson,
};

const pgTypes = {
  getTypeParser(oid: number, format?: string) {
    const parser = TYPE_PARSERS[oid];
    if (parser !== undefined && format !== 'binary') return parser;
    return (pg.types.getTypeParser as (oid: number, format?: string) => unknown)(oid, format);
  },
};

/**
 * A connector over a `pg.Pool`: each session a checked-out pool client; values parsed by
 * {@link TYPE_PARSERS} per query (so a pool the caller shares with other code keeps its own
 * parsers). `owned` pools are ended by {@link SqlConnector.end}.
 *
 * @example
 * ```ts
 * const connector = poolConnector(pool, { owned: false });
 * ```
 */
export function poolConnector(pool: pg.Pool, options: { readonly owned: boolean }): SqlConnector {
  return {
    async connect() {
      const client = await pool.connect();
      return pgSession(client);
    },
    async end() {
      if (options.owned) await pool.end();
    },
  };
}

/** Swallows a checked-out session's 'error' event (the server ended it): the query in flight rejects instead. */
const ignore = (): void => undefined;

function pgSession(client: pg.PoolClient): SqlClient {
  let released = false;
  client.on('error', ignore);
  return {
    async query<R>(
      sql: string,
      params: readonly unknown[] = [],
      options: { readonly arrays?: boolean } = {},
    ) {
      const result = await client.query({
        text: sql,
        values: params as unknown[],
        types: pgTypes,
        queryMode: 'extended',
        ...(options.arrays ? { rowMode: 'array' } : {}),
      } as pg.QueryConfig);
      return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
    },
    async script<R>(sql: string) {
      const result = (await client.query({
        text: sql,
        types: pgTypes,
        rowMode: 'array',
      } as pg.QueryConfig)) as pg.QueryResult | pg.QueryResult[];
      const results = Array.isArray(result) ? result : [result];
      return results.map((r) => ({ rows: r.rows as R[], rowCount: r.rowCount ?? 0 }));
    },
    release(broken = false) {
      if (released) return;
      released = true;
      client.off('error', ignore);
      client.release(broken ? true : undefined);
    },
  };
}
