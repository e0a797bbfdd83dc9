import { join } from 'node:path';
import { dropLedger, findTestServer, uniqueLedgerName } from '@perfledger/postgres/testing';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliHarness, makeTempDir, removeTempDir } from './test-support/cli-harness.js';

// The CLI on a real PostgreSQL server: --db postgres://…, --ledger, PERFLEDGER_DB, and `perfledger
// copy` between SQLite and PostgreSQL. The server is found by the rule every PostgreSQL test
// follows (PERFLEDGER_POSTGRES_URL, else 127.0.0.1:5432); without one these tests are skipped
// (the postgres package prints the one line saying so), and with PERFLEDGER_REQUIRE_POSTGRES=1
// finding none fails the run.

const { url } = await findTestServer();
const server = url ?? '';

const fixtures = join(import.meta.dirname, '..', '..', '..', 'examples', 'quarterly', 'data');

let dir: string;
const { run, out, err } = cliHarness(() => dir);
const created: string[] = [];
const saved = process.env.PERFLEDGER_DB;

/** A ledger name of this test run, dropped at the end. */
function ledgerName(): string {
  const name = uniqueLedgerName('cli');
  created.push(name);
  return name;
}

async function importInto(db: readonly string[], quarter: 1 | 2): Promise<void> {
  const [csv, asOf] = quarter === 1 ? ['2019-20-q1.csv', '2019-06-30'] : ['2019-20-q2.csv', '2019-09-30'];
  const code = await run(...db, 'import', join(fixtures, csv), '--as-of', asOf, '--status-key', 'pentana');
  expect(code, err()).toBe(0);
}

/** `perfledger verify`'s head line, `<events> <head hash>`. */
async function chainOf(db: readonly string[]): Promise<string> {
  expect(await run(...db, 'verify'), err()).toBe(0);
  const line = /Chain OK: (\d+) events; head \d+ ([0-9a-f]{64})/.exec(out());
  expect(line, out()).not.toBeNull();
  return `${line![1]} ${line![2]}`;
}

beforeEach(() => {
  dir = makeTempDir('perfledger-cli-pg-');
  delete process.env.PERFLEDGER_DB;
});
afterEach(() => {
  if (saved === undefined) delete process.env.PERFLEDGER_DB;
  else process.env.PERFLEDGER_DB = saved;
  removeTempDir(dir);
});
afterAll(async () => {
  for (const ledger of created) await dropLedger(server, ledger);
});

describe.skipIf(url === undefined)('the CLI on PostgreSQL', () => {
  it('copies SQLite to PostgreSQL and back with the same head hash; reports, checkpoints and verify agree', async () => {
    const ledger = ledgerName();
    const pg = ['--db', server, '--ledger', ledger];
    await importInto(['--db', 'a.db'], 1);
    await importInto(['--db', 'a.db'], 2);
    const source = await chainOf(['--db', 'a.db']);
    expect(await run('copy', '--from', 'a.db', '--to', server, '--to-ledger', ledger), err()).toBe(0);
    expect(out()).toContain(`Copied ${source.split(' ')[0]} events from ${join(dir, 'a.db')} to `);
    expect(out()).toContain(`(ledger ${ledger})`);
    expect(out()).toContain(`head hash ${source.split(' ')[1]}`);
    expect(await chainOf(pg)).toBe(source);

    // The same reports from either engine.
    const report = ['report', 'quarter', '--fy', '2019/20', '--quarter', '2', '--format', 'json'];
    expect(await run('--db', 'a.db', ...report), err()).toBe(0);
    const fromSqlite = JSON.parse(out()) as unknown;
    expect(await run(...pg, ...report), err()).toBe(0);
    expect(JSON.parse(out())).toEqual(fromSqlite);
    expect(await run('--db', 'a.db', 'explain', 'DEM1518_02', '--format', 'json'), err()).toBe(0);
    const explained = JSON.parse(out()) as unknown;
    expect(await run(...pg, 'explain', 'DEM1518_02', '--format', 'json'), err()).toBe(0);
    expect(JSON.parse(out())).toEqual(explained);

    // A checkpoint signed on the SQLite file vouches for the PostgreSQL copy.
    expect(await run('keygen', '.', '--name', 'auditor'), err()).toBe(0);
    expect(await run('--db', 'a.db', 'checkpoint', '--key', 'auditor.key', '--out', 'cp.json'), err()).toBe(
      0,
    );
    expect(await run(...pg, 'verify', '--checkpoint', 'cp.json', '--public-key', 'auditor.pub'), err()).toBe(
      0,
    );
    expect(out()).toMatch(/Checkpoint cp\.json OK/);

    // And back to a file.
    expect(await run('copy', '--from', server, '--from-ledger', ledger, '--to', 'back.db'), err()).toBe(0);
    expect(await chainOf(['--db', 'back.db'])).toBe(source);
  });

  it('copies only what is new into PostgreSQL, and refuses a ledger with other history, writing nothing', async () => {
    const ledger = ledgerName();
    const other = ledgerName();
    await importInto(['--db', 'a.db'], 1);
    expect(await run('copy', '--from', 'a.db', '--to', server, '--to-ledger', ledger), err()).toBe(0);
    await importInto(['--db', 'a.db'], 2);
    const source = await chainOf(['--db', 'a.db']);
    expect(
      await run('copy', '--from', 'a.db', '--to', server, '--to-ledger', ledger, '--format', 'json'),
      err(),
    ).toBe(0);
    expect(JSON.parse(out())).toMatchObject({ copied: Number(source.split(' ')[0]) - 61, verified: true });
    expect(await chainOf(['--db', server, '--ledger', ledger])).toBe(source);

    await importInto(['--db', server, '--ledger', other], 2);
    const before = await chainOf(['--db', server, '--ledger', other]);
    expect(await run('copy', '--from', 'a.db', '--to', server, '--to-ledger', other)).toBe(1);
    expect(err()).toMatch(/error \[VALIDATION_FAILED\]: copyLedger: .* holds other history/);
    expect(await chainOf(['--db', server, '--ledger', other])).toBe(before);
  });

  it('reads PERFLEDGER_DB as a URL, keeps ledgers apart, and never prints a password', async () => {
    const ledger = ledgerName();
    const withPassword = server.replace(/^(postgres(?:ql)?:\/\/)([^:@/]+)(?::[^@/]*)?@/, '$1$2:pw-s3cret-x@');
    expect(withPassword).toContain('pw-s3cret-x');
    process.env.PERFLEDGER_DB = withPassword;
    await importInto(['--ledger', ledger], 1);
    expect(await run('--ledger', ledger, 'verify'), err()).toBe(0);
    expect(out()).toMatch(/Chain OK: 61 events/);
    // Another ledger of the same database is another ledger: nothing of this one shows there.
    expect(await run('--ledger', ledgerName(), 'slippage', '--format', 'json')).not.toBe(0);
    expect(await run('copy', '--from', withPassword, '--from-ledger', ledger, '--to', 'copy.db'), err()).toBe(
      0,
    );
    expect(out()).toContain(':***@');
    for (const text of [out(), err()]) expect(text).not.toContain('pw-s3cret-x');
    expect(await run('--db', withPassword.replace(/\/[^/]*$/, '/no_such_database_here'), 'verify')).toBe(1);
    expect(err()).not.toContain('pw-s3cret-x');
  });
});
