import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledgerTarget, passwordsIn, redactUrl, scrubSecrets } from './engines/ledger-target.js';
import { cliHarness, makeTempDir, removeTempDir } from './test-support/cli-harness.js';
import { UsageError } from './usage-error.js';

// --db as a SQLite file or a postgres:// URL, from the flag or PERFLEDGER_DB, and --ledger.

const fixtures = join(import.meta.dirname, '..', '..', '..', 'examples', 'quarterly', 'data');

let dir: string;
const { run, out, err } = cliHarness(() => dir);
const saved = process.env.PERFLEDGER_DB;

beforeEach(() => {
  dir = makeTempDir('perfledger-cli-db-');
  delete process.env.PERFLEDGER_DB;
});
afterEach(() => {
  if (saved === undefined) delete process.env.PERFLEDGER_DB;
  else process.env.PERFLEDGER_DB = saved;
  removeTempDir(dir);
});

async function importInto(db: string): Promise<void> {
  const args = [
    'import',
    join(fixtures, '2019-20-q1.csv'),
    '--as-of',
    '2019-06-30',
    '--status-key',
    'pentana',
  ];
  expect(await run('--db', db, ...args), err()).toBe(0);
}

describe('--db and PERFLEDGER_DB', () => {
  it('PERFLEDGER_DB names the ledger when --db is not given, and --db wins over it', async () => {
    await importInto('a.db');
    process.env.PERFLEDGER_DB = 'a.db';
    expect(await run('verify'), err()).toBe(0);
    expect(out()).toMatch(/Chain OK: 61 events/);
    process.env.PERFLEDGER_DB = 'missing.db';
    expect(await run('verify')).toBe(1);
    expect(err()).toMatch(/There is no ledger at '.*missing\.db'/);
    expect(await run('--db', 'a.db', 'verify'), err()).toBe(0);
    expect(out()).toMatch(/Chain OK: 61 events/);
  });

  it('--ledger is ignored for a SQLite file, with a note saying so', async () => {
    await importInto('a.db');
    expect(await run('--db', 'a.db', '--ledger', 'broxtowe', 'verify'), err()).toBe(0);
    expect(err()).toContain('note: --ledger broxtowe is ignored: ');
    expect(err()).toContain('a.db is a SQLite file, which holds one ledger.');
    expect(await run('--db', 'a.db', 'verify')).toBe(0);
    expect(err()).not.toContain('note:');
  });

  it('the help says where the ledger comes from', async () => {
    expect(await run('--help')).toBe(0);
    const help = out().replace(/\s+/g, ' ');
    expect(help).toMatch(/--db <file-or-url> .*postgres:\/\/ or postgresql:\/\/ URL.*env: PERFLEDGER_DB/);
    expect(help).toMatch(/--ledger <name> .*ignored for a SQLite file/);
    expect(await run('copy', '--help')).toBe(0);
    expect(out()).toMatch(/--from-ledger <name>/);
  });

  it('a bad --ledger for a PostgreSQL URL is a usage error', async () => {
    expect(await run('--db', 'postgres://u@127.0.0.1:1/x', '--ledger', 'Bad-Name', 'verify')).toBe(2);
    expect(err()).toMatch(/--ledger must be a lower-case letter/);
  });

  it('never prints the password of a database URL, whatever fails', async () => {
    for (const args of [
      ['--db', 'postgres://writer:hunter2secret@127.0.0.1:1/perfledger', 'verify'],
      [
        '--db',
        'postgresql://writer:hunter2secret@127.0.0.1:1/perfledger',
        'import',
        'x.csv',
        '--as-of',
        '2019-06-30',
      ],
      ['copy', '--from', 'postgres://r:hunter2secret@127.0.0.1:1/db', '--to', 'b.db'],
      ['--db', 'postgres://writer:hunter2secret@127.0.0.1:1/perfledger', '--ledger', 'NO', 'verify'],
    ]) {
      const code = await run(...args);
      expect(code, args.join(' ')).not.toBe(0);
      expect(err(), args.join(' ')).not.toContain('hunter2secret');
      expect(out()).not.toContain('hunter2secret');
    }
    process.env.PERFLEDGER_DB = 'postgres://writer:hunter2secret@127.0.0.1:1/perfledger';
    expect(await run('verify')).toBe(1);
    expect(err()).not.toContain('hunter2secret');
    expect(err()).toMatch(/postgres:\/\/writer(:\*\*\*)?@127\.0\.0\.1:1\/perfledger/);
  });
});

describe('ledger targets', () => {
  it('reads files and URLs, and names them without a password', () => {
    expect(ledgerTarget('plan.db', 'x', '/srv')).toEqual({
      engine: 'sqlite',
      file: '/srv/plan.db',
      label: '/srv/plan.db',
    });
    expect(
      ledgerTarget('postgresql://w:pw@db.example:6543/ledgers?sslmode=require', 'broxtowe', '/srv'),
    ).toEqual({
      engine: 'postgres',
      connectionString: 'postgresql://w:pw@db.example:6543/ledgers?sslmode=require',
      ledger: 'broxtowe',
      label: 'postgresql://w:***@db.example:6543/ledgers?sslmode=require (ledger broxtowe)',
    });
    expect(() => ledgerTarget('postgres://u@h/d', 'a-b', '/srv')).toThrow(UsageError);
    expect(() => ledgerTarget('', 'default', '/srv')).toThrow(UsageError);
  });

  it('redacts passwords in URLs and query strings, and scrubs known passwords anywhere', () => {
    expect(redactUrl('postgres://u:p%40ss@h:1/d')).toBe('postgres://u:***@h:1/d');
    expect(redactUrl('see postgres://u@h/d?password=x1&sslmode=require')).toBe(
      'see postgres://u@h/d?password=***&sslmode=require',
    );
    expect(redactUrl('plain text, no url')).toBe('plain text, no url');
    const passwords = passwordsIn(['--db', 'postgres://u:p%40ss@h/d', undefined]);
    expect(passwords).toContain('p@ss');
    expect(scrubSecrets('auth failed for p@ss', passwords)).toBe('auth failed for ***');
  });
});
