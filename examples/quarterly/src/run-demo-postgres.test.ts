import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '@perfledger/cli';
import { dropLedger, findTestServer, uniqueLedgerName } from '@perfledger/postgres/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { runDemo } from './run-demo.js';

// `npm run demo -- --db postgres://…`: the same demo on a PostgreSQL server, found by the rule
// every PostgreSQL test follows (skipped without one; PERFLEDGER_REQUIRE_POSTGRES=1 fails instead).
const { url } = await findTestServer();

const root = mkdtempSync(join(tmpdir(), 'perfledger-example-quarterly-pg-'));
const ledger = uniqueLedgerName('demo');
afterAll(async () => {
  rmSync(root, { recursive: true, force: true });
  if (url !== undefined) await dropLedger(url, ledger);
});

describe.skipIf(url === undefined)(
  'examples/quarterly on PostgreSQL (npm run demo -- --db postgres://…)',
  () => {
    it('runs the main job end to end in a PostgreSQL ledger, with the same results as on SQLite', async () => {
      let transcript = '';
      const io: CliIo = {
        stdout: (text) => {
          transcript += text;
        },
        stderr: (text) => {
          transcript += text;
        },
        interactive: false,
        cwd: root,
      };
      const result = await runDemo({
        root,
        io,
        log: (line) => {
          transcript += `${line}\n`;
        },
        postgres: { url: url!, ledger },
      });
      expect(result.db).toBe(url);
      expect(transcript).toContain(
        '15 rows, 15 new actions, 61 events appended, 15 rows changed, 0 rows unchanged.',
      );
      expect(transcript).toMatch(
        /Quarter-end report 2019\/20 Q3 \(2019-10-01 to 2019-12-31\), as now known \(ledger position 155\)/,
      );
      expect(transcript).toContain('the due date of DEM1922_01 moved from 28 Feb 2020 to 30 Jun 2020');
      expect(transcript).toMatch(/The 2019\/20 Q2 report published at position 112 matches/);
      expect(transcript).toMatch(/Chain OK: 155 events/);
      expect(transcript).toMatch(/Projection audit OK at position 155: audit_trail \d+ rows/);
      expect(transcript).toContain(`The ledger is '${ledger}' in `);
    });
  },
);
