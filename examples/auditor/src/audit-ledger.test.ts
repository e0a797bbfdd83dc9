import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliIo, main } from '@perfledger/cli';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLedger } from './audit-ledger.js';

const data = join(import.meta.dirname, '..', '..', 'quarterly', 'data');
const dir = mkdtempSync(join(tmpdir(), 'perfledger-example-auditor-'));
const ledgerFile = join(dir, 'plan.db');
let cliOutput = '';
const io: CliIo = {
  stdout: (text) => {
    cliOutput += text;
  },
  stderr: (text) => {
    cliOutput += text;
  },
  interactive: false,
  cwd: dir,
};

async function perfledger(...args: string[]): Promise<void> {
  const code = await main([...args, '--db', ledgerFile], io);
  if (code !== 0) throw new Error(`perfledger ${args.join(' ')} exited ${code}:\n${cliOutput}`);
}

/** A copy of the ledger, changed by `tamper` with raw SQL, as a hostile administrator could. */
function tamperedCopy(name: string, tamper: (db: Database.Database) => void): string {
  const copy = join(dir, name);
  copyFileSync(ledgerFile, copy);
  if (existsSync(`${ledgerFile}-wal`)) copyFileSync(`${ledgerFile}-wal`, `${copy}-wal`);
  const db = new Database(copy);
  try {
    tamper(db);
  } finally {
    db.close();
  }
  return copy;
}

async function audit(
  file: string,
  withCheckpoint = true,
): Promise<{ lines: string[]; findings: Awaited<ReturnType<typeof auditLedger>> }> {
  const lines: string[] = [];
  const findings = await auditLedger({
    file,
    ...(withCheckpoint
      ? { checkpoints: [join(dir, 'cp.json')], publicKey: join(dir, 'keys', 'auditor.pub') }
      : {}),
    log: (line) => lines.push(line),
  });
  return { lines, findings };
}

beforeAll(async () => {
  // The ledger the auditor is handed: a year of Broxtowe's snapshots imported through the CLI,
  // Q2 published, a correction recorded after publication, then a signed checkpoint.
  const pentana = ['--status-key', 'pentana', '--actor', 'performance.team'];
  await perfledger('import', join(data, '2019-20-q1.csv'), '--as-of', '2019-06-30', ...pentana);
  await perfledger('import', join(data, '2019-20-q2.csv'), '--as-of', '2019-09-30', ...pentana);
  await perfledger(
    'report',
    'quarter',
    '--fy',
    '2019/20',
    '--quarter',
    '2',
    '--publish',
    '--allow-unapproved',
    '--out',
    'q2.md',
    '--format',
    'md',
  );
  await perfledger('import', join(data, '2019-20-q2-correction.csv'), '--as-of', '2019-09-30', ...pentana);
  await perfledger('import', join(data, '2019-20-q3.csv'), '--as-of', '2019-12-31', ...pentana);
  mkdirSync(join(dir, 'keys'));
  await perfledger('keygen', 'keys', '--name', 'auditor');
  await perfledger('checkpoint', '--key', join('keys', 'auditor.key'), '--out', 'cp.json');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('examples/auditor', () => {
  it('verifies the ledger and its checkpoint, lists every due-date revision and explains each', async () => {
    const { lines, findings } = await audit(ledgerFile);
    expect(findings).toMatchObject({ verified: true, problems: [], revisions: 4 });
    expect(findings.moved).toEqual(['DEM1518_02', 'RBCS1620_05', 'DEM1922_01', 'RBCS1620_03']);
    expect(lines).toContain('VERIFIED.');
    expect(
      lines.some((line) =>
        /^Checkpoint .*cp\.json OK: its 146 events are unchanged \(signature valid\)\.$/.test(line),
      ),
    ).toBe(true);
    expect(lines).toContain('Due-date revisions: 4');
    expect(
      lines.some((line) => line.includes('DEM1518_02: 2019-06-30 -> 2020-12-31, effective 2019-09-30')),
    ).toBe(true);
    const story = lines.find((line) =>
      line.includes('the due date of DEM1922_01 moved from 28 Feb 2020 to 30 Jun 2020'),
    );
    expect(story).toMatch(/\(\+123 days, 1 quarter\), effective 31 Dec 2019\./);
    // Imported years later, but with the first Q3 return: that quarter's record, not back-dated.
    expect(story).toMatch(
      /It came with the first return recorded for 2019\/20 Q3, .* not a back-dated correction\./,
    );
    expect(lines).toContain(
      'In all, the due date of DEM1922_01 changed 1 time after registration; it is now 30 Jun 2020.',
    );
  });

  it('reports the break in a copy whose stored revision was edited', async () => {
    const edited = tamperedCopy('edited.db', (db) => {
      db.exec('DROP TRIGGER events_are_append_only_update');
      db.exec(
        `UPDATE events SET data = replace(data, '2020-12-31', '2019-12-31')
         WHERE position = (SELECT min(position) FROM events WHERE type = 'DueDateRevised')`,
      );
    });
    const { lines, findings } = await audit(edited);
    expect(findings.verified).toBe(false);
    expect(findings.problems).toContain('CHAIN_BROKEN');
    expect(lines.some((line) => /^PROBLEM \[CHAIN_BROKEN\] .*hash-mismatch at position \d+/.test(line))).toBe(
      true,
    );
    expect(lines).toContain('NOT VERIFIED: what follows is what the file says, not what was recorded.');
  });

  it('reports a cleanly truncated tail, which only the checkpoint can see', async () => {
    const truncated = tamperedCopy('truncated.db', (db) => {
      db.exec('DROP TRIGGER events_are_append_only_delete');
      db.exec('DELETE FROM events WHERE position > 80');
      db.exec('UPDATE ledger_head SET position = 80, hash = (SELECT hash FROM events WHERE position = 80)');
    });
    expect((await audit(truncated, false)).findings.verified).toBe(true); // the chain alone cannot tell…
    const { findings, lines } = await audit(truncated);
    expect(findings).toMatchObject({ verified: false, problems: ['LOG_TRUNCATED'] }); // …the checkpoint can
    expect(lines.some((line) => line.startsWith('PROBLEM [LOG_TRUNCATED]'))).toBe(true);
  });
});
