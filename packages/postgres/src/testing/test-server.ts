import pg from 'pg';
import { schemaOf } from '../schema.js';

/** The server the tests use when `PERFLEDGER_POSTGRES_URL` is not set. */
const DEFAULT_TEST_SERVER = 'postgres://root@127.0.0.1:5432/test';

/**
 * The URL of the PostgreSQL server for tests: `PERFLEDGER_POSTGRES_URL`, else
 * `postgres://root@127.0.0.1:5432/test` (trust auth, as on the development and CI machines).
 *
 * @example
 * ```ts
 * const store = await postgresStore({ connectionString: testServerUrl(), ledger: uniqueLedgerName() });
 * ```
 */
export function testServerUrl(): string {
  const url = process.env.PERFLEDGER_POSTGRES_URL;
  return url !== undefined && url !== '' ? url : DEFAULT_TEST_SERVER;
}

/**
 * Whether a server answers at `url` within `timeoutMs` (2 s by default): connects once and runs
 * `SELECT 1`. Resolves to the reason when it does not.
 *
 * @example
 * ```ts
 * const problem = await probeTestServer(testServerUrl());
 * if (problem !== undefined) console.log(`no server: ${problem}`);
 * ```
 */
export async function probeTestServer(
  url: string = testServerUrl(),
  timeoutMs = 2_000,
): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return error instanceof Error
      ? error.message || String((error as { code?: unknown }).code)
      : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The rule every PostgreSQL test follows to find its server: the URL of {@link testServerUrl}
 * when a server answers there; otherwise, when `PERFLEDGER_REQUIRE_POSTGRES=1` (CI), an error
 * saying so, and else `undefined` with the one line to print about the skipped tests.
 *
 * @example
 * ```ts
 * const found = await findTestServer();
 * if (found.url === undefined) console.log(found.skipped);
 * ```
 */
export async function findTestServer(): Promise<{ readonly url?: string; readonly skipped?: string }> {
  const url = testServerUrl();
  const problem = await probeTestServer(url);
  if (problem === undefined) return { url };
  if (process.env.PERFLEDGER_REQUIRE_POSTGRES === '1') {
    throw new Error(
      `PERFLEDGER_REQUIRE_POSTGRES=1 but no PostgreSQL server answers at ${redact(url)} (${problem}). Start one at 127.0.0.1:5432 (trust auth, database test) or set PERFLEDGER_POSTGRES_URL.`,
    );
  }
  return {
    skipped: `perfledger: the multi-connection PostgreSQL tests were skipped (no server at ${redact(url)}: ${problem}); to run them, start PostgreSQL at 127.0.0.1:5432 (trust auth, database test) or set PERFLEDGER_POSTGRES_URL.`,
  };
}

let counter = 0;

/**
 * A ledger name no other test uses, even across processes and runs on a shared server:
 * `<prefix>_<time>_<pid>_<counter>_<random>`, within the 40 characters a ledger name may have.
 *
 * @example
 * ```ts
 * uniqueLedgerName('roles'); // 'roles_m4x1k2_8121_1_x9q'
 * ```
 */
export function uniqueLedgerName(prefix = 't'): string {
  counter += 1;
  const name = `${prefix}_${Date.now().toString(36)}_${process.pid.toString(36)}_${counter.toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  return name.slice(0, 40);
}

/**
 * Drops one ledger's schema and everything in it (`DROP SCHEMA … CASCADE`) on the server at
 * `url`. Only for ledgers a test created.
 *
 * @example
 * ```ts
 * await dropLedger(testServerUrl(), ledger);
 * ```
 */
export async function dropLedger(url: string, ledger: string): Promise<void> {
  await withClient(url, async (client) => {
    await client.query(`DROP SCHEMA IF EXISTS "${schemaOf(ledger)}" CASCADE`);
  });
}

/**
 * Runs `work` with a fresh ledger name on the server at `url`, and drops the ledger's schema
 * afterwards, whatever happens.
 *
 * @example
 * ```ts
 * await withTestLedger(testServerUrl(), async (ledger) => {
 *   const store = await postgresStore({ connectionString: testServerUrl(), ledger });
 *   try { await store.append(requests); } finally { await store.close(); }
 * });
 * ```
 */
export async function withTestLedger<T>(
  url: string,
  work: (ledger: string) => Promise<T>,
  prefix = 't',
): Promise<T> {
  const ledger = uniqueLedgerName(prefix);
  try {
    return await work(ledger);
  } finally {
    await dropLedger(url, ledger);
  }
}

/**
 * Runs `work` with one plain `pg.Client` connected to `url` (as another client of the database
 * would be), and ends it afterwards.
 *
 * @example
 * ```ts
 * await withClient(testServerUrl(), (client) => client.query('SELECT 1'));
 * ```
 */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}
