import { join } from 'node:path';
import { openLedger } from '@perfledger/sqlite';
import { steppingClock, tamperWithEvent } from '@perfledger/sqlite/testing';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliHarness, makeTempDir, removeTempDir } from './test-support/cli-harness.js';

// Issue 11, items 4 and 5, as an officer meets them at the command line.

const fixtures = join(import.meta.dirname, '..', '..', '..', 'examples', 'quarterly', 'data');

let dir: string;
const { run, out, err } = cliHarness(() => dir);

const db = () => join(dir, 'perfledger.db');

/** Every row of every table (or of the log's own tables): what "nothing was written" means. */
function dump(only?: readonly string[]): string {
  const raw = new Database(db(), { readonly: true });
  try {
    const tables =
      only ??
      (raw
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .pluck()
        .all() as string[]);
    return JSON.stringify(tables.map((t) => [t, raw.prepare(`SELECT * FROM "${t}" ORDER BY 1`).all()]));
  } finally {
    raw.close();
  }
}

beforeEach(() => {
  dir = makeTempDir('perfledger-cli-trust-');
});
afterEach(() => removeTempDir(dir));

describe('tools verify the log before they trust it', () => {
  it('an event edited with the sqlite3 API: reproduce, publish and rebuild refuse with the break; nothing is written', async () => {
    const q1 = join(fixtures, '2019-20-q1.csv');
    expect(await run('import', q1, '--as-of', '2019-06-30', '--status-key', 'pentana')).toBe(0);
    expect(
      await run(
        'report',
        'quarter',
        '--fy',
        '2019/20',
        '--quarter',
        '1',
        '--format',
        'md',
        '--publish',
        '--allow-unapproved',
      ),
    ).toBe(0);
    const published = /position (\d+)\)/.exec(err())?.[1];
    expect(published).toBeDefined();
    expect(await run('report', 'reproduce', published!)).toBe(0);

    // The forger: a progress figure changed behind the library's back, triggers put back after.
    const raw = new Database(db(), { readonly: true });
    const target = raw
      .prepare("SELECT position FROM events WHERE type = 'ProgressUpdated' ORDER BY position LIMIT 1")
      .pluck()
      .get() as number;
    raw.close();
    tamperWithEvent(db(), target, { data: '{"percentComplete":99}' });
    const before = dump();

    expect(await run('report', 'reproduce', published!, '--out', 'again.md')).toBe(1);
    expect(err()).toMatch(/error \[VERIFICATION_FAILED\]: Refusing to reproduce the 2019\/20 Q1 report/);
    expect(err()).toContain(`hash-mismatch at position ${target}`);

    expect(
      await run(
        'report',
        'quarter',
        '--fy',
        '2019/20',
        '--quarter',
        '1',
        '--format',
        'md',
        '--publish',
        '--allow-unapproved',
      ),
    ).toBe(1);
    expect(err()).toMatch(/VERIFICATION_FAILED.*Refusing to publish the 2019\/20 Q1 report/);
    expect(out()).toBe(''); // not even printed
    expect(dump()).toBe(before);

    expect(await run('rebuild')).toBe(1);
    expect(err()).toMatch(/VERIFICATION_FAILED.*Refusing to rebuild the projections/);
    expect(err()).toContain(`hash-mismatch at position ${target}`);
    // The audit trail was not rebuilt with the forged value: it is marked for rebuild and refused.
    expect(await run('trail', '--format', 'json')).toBe(1);
    expect(err()).toMatch(/PROJECTION_NOT_READY/);
    expect(err()).not.toMatch(/99/);

    expect(await run('verify')).toBe(1);
    expect(err()).toContain(`hash-mismatch at position ${target}`);
  });
});

describe('the recorded-time axis', () => {
  it('a forged, correctly chained event recorded before its predecessor fails verify', async () => {
    expect(
      await run(
        'import',
        join(fixtures, '2019-20-q1.csv'),
        '--as-of',
        '2019-06-30',
        '--status-key',
        'pentana',
      ),
    ).toBe(0);
    tamperWithEvent(db(), 5, { recorded_at: '2001-01-01T00:00:00.000000Z' }, { rechain: true });
    expect(await run('verify')).toBe(1);
    expect(err()).toContain(
      'recorded-time at position 5: it was recorded at 2001-01-01T00:00:00.000000Z, before position 4',
    );
  });

  it('a ledger last written long ago is refused with CLOCK_JUMP until --max-clock-jump-days allows it', async () => {
    const ledger = await openLedger({ file: db(), clock: steppingClock('2000-01-03T09:00:00Z') });
    await ledger.append('action:X1', [
      { type: 'CommentAdded', effectiveOn: '2000-01-03', data: { comment: 'the last entry' } } as never,
    ]);
    await ledger.close();
    const log = ['events', 'ledger_head'];
    const before = dump(log);
    const q1 = join(fixtures, '2019-20-q1.csv');
    expect(await run('import', q1, '--as-of', '2019-06-30', '--status-key', 'pentana')).toBe(1);
    expect(err()).toMatch(
      /error \[CLOCK_JUMP\]: The ledger's clock reads .* after the last recorded time 2000-01-03T09:00:00\.000000Z/,
    );
    expect(err()).toContain('--max-clock-jump-days');
    expect(dump(log)).toBe(before);

    expect(await run('--max-clock-jump-days', 'soon', 'import', q1, '--as-of', '2019-06-30')).toBe(2);
    expect(err()).toMatch(/--max-clock-jump-days must be a whole number of days/);
    expect(
      await run(
        '--max-clock-jump-days',
        '20000',
        'import',
        q1,
        '--as-of',
        '2019-06-30',
        '--status-key',
        'pentana',
      ),
    ).toBe(0);
    expect(await run('verify')).toBe(0);
  });
});
