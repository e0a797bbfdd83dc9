import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { tamperWithEvent } from '@perfledger/sqlite/testing';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliHarness, makeTempDir, removeTempDir } from './test-support/cli-harness.js';

// `perfledger copy` between SQLite files; the same command between engines is in copy-postgres.int.test.ts.

const fixtures = join(import.meta.dirname, '..', '..', '..', 'examples', 'quarterly', 'data');

let dir: string;
const { run, out, err } = cliHarness(() => dir);

const file = (name: string) => join(dir, name);

async function importQuarter(db: string, quarter: 1 | 2): Promise<void> {
  const [csv, asOf] = quarter === 1 ? ['2019-20-q1.csv', '2019-06-30'] : ['2019-20-q2.csv', '2019-09-30'];
  const code = await run(
    '--db',
    db,
    'import',
    join(fixtures, csv),
    '--as-of',
    asOf,
    '--status-key',
    'pentana',
  );
  expect(code, err()).toBe(0);
}

/** `perfledger verify`'s head line: event count and head hash. */
async function chainOf(db: string): Promise<string> {
  expect(await run('--db', db, 'verify'), err()).toBe(0);
  const line = /Chain OK: (\d+) events; head \d+ ([0-9a-f]{64})/.exec(out());
  expect(line, out()).not.toBeNull();
  return `${line![1]} ${line![2]}`;
}

/** The events table and origin of a SQLite ledger: what "nothing was written" means for a copy. */
function logOf(db: string): string {
  const raw = new Database(db, { readonly: true });
  try {
    return JSON.stringify([
      raw.prepare('SELECT * FROM events ORDER BY position').all(),
      raw.prepare('SELECT * FROM ledger_head').all(),
      raw.prepare("SELECT value FROM ledger_meta WHERE key = 'origin'").all(),
    ]);
  } finally {
    raw.close();
  }
}

beforeEach(() => {
  dir = makeTempDir('perfledger-cli-copy-');
});
afterEach(() => removeTempDir(dir));

describe('perfledger copy (SQLite to SQLite)', () => {
  it('copies a ledger verbatim, verified, with its projections; copying again copies only what is new', async () => {
    await importQuarter('a.db', 1);
    const source = await chainOf('a.db');
    const [events, head] = source.split(' ');
    expect(await run('copy', '--from', 'a.db', '--to', 'b.db'), err()).toBe(0);
    expect(out()).toContain(`Copied ${events} events from ${file('a.db')} to ${file('b.db')}.`);
    expect(out()).toContain(`The copy holds ${events} events and verifies: head hash ${head}, origin `);
    expect(await chainOf('b.db')).toBe(source);
    // The copy is a ledger in its own right: its projections were built, so reports read at once.
    expect(await run('--db', 'b.db', 'report', 'quarter', '--fy', '2019/20', '--quarter', '1'), err()).toBe(
      0,
    );
    const report = out();
    expect(await run('--db', 'a.db', 'report', 'quarter', '--fy', '2019/20', '--quarter', '1')).toBe(0);
    expect(report).toBe(out().replaceAll(file('a.db'), file('b.db')));

    expect(await run('copy', '--from', 'a.db', '--to', 'b.db')).toBe(0);
    expect(out()).toContain(`Nothing to copy: ${file('b.db')} already holds all ${events} events`);

    await importQuarter('a.db', 2);
    const after = await chainOf('a.db');
    expect(await run('copy', '--from', 'a.db', '--to', 'b.db', '--format', 'json'), err()).toBe(0);
    const result = JSON.parse(out()) as Record<string, unknown>;
    expect(result).toMatchObject({
      from: file('a.db'),
      to: file('b.db'),
      events: Number(after.split(' ')[0]),
      copied: Number(after.split(' ')[0]) - Number(events),
      headHash: after.split(' ')[1],
      verified: true,
    });
    expect(await chainOf('b.db')).toBe(after);
  });

  it('refuses a target with other history and writes nothing', async () => {
    await importQuarter('a.db', 1);
    await importQuarter('other.db', 2);
    const before = logOf(file('other.db'));
    expect(await run('copy', '--from', 'a.db', '--to', 'other.db')).toBe(1);
    expect(err()).toMatch(/error \[VALIDATION_FAILED\]: copyLedger: '.*other\.db' holds other history/);
    expect(logOf(file('other.db'))).toBe(before);
  });

  it('refuses a tampered source at the broken row, and leaves no half copy behind', async () => {
    await importQuarter('a.db', 1);
    tamperWithEvent(file('a.db'), 3, { data: '{"comment":"forged"}' });
    expect(await run('copy', '--from', 'a.db', '--to', 'b.db')).toBe(1);
    expect(err()).toMatch(
      /error \[VERIFICATION_FAILED\]: appendCopied: refused the copied rows, hash-mismatch at position 3/,
    );
    for (const suffix of ['', '-wal', '-shm']) expect(existsSync(file(`b.db${suffix}`))).toBe(false);
  });

  it('refuses a missing source, and the same ledger at both ends', async () => {
    expect(await run('copy', '--from', 'missing.db', '--to', 'b.db')).toBe(1);
    expect(err()).toMatch(/There is no ledger at '.*missing\.db' to copy/);
    expect(existsSync(file('b.db'))).toBe(false);
    await importQuarter('a.db', 1);
    expect(await run('copy', '--from', 'a.db', '--to', './a.db')).toBe(2);
    expect(err()).toMatch(/--from and --to name the same ledger/);
    expect(await run('copy', '--from', 'a.db')).toBe(2);
  });

  it('--no-projections copies the events only; a writing command builds the projections later', async () => {
    await importQuarter('a.db', 1);
    expect(await run('copy', '--from', 'a.db', '--to', 'b.db', '--no-projections'), err()).toBe(0);
    expect(await run('--db', 'b.db', 'slippage')).toBe(1);
    expect(err()).toMatch(/PROJECTION_NOT_READY/);
    expect(await run('--db', 'b.db', 'rebuild'), err()).toBe(0);
    expect(await run('--db', 'b.db', 'slippage'), err()).toBe(0);
  });
});
