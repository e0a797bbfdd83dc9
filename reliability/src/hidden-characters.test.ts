import { join } from 'node:path';
import { type CommandInput, hasHiddenCharacters } from '@perfledger/core';
import { importSnapshot } from '@perfledger/import';
import { openLedger } from '@perfledger/sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { renderLegacyLedger, runHiddenCharacters, TROJAN_TITLE } from './scenarios/hidden-characters.js';
import { assertRefused, assertRefusedAsync } from './support/assert-refused.js';
import { makeTempDir, removeDir } from './support/database-files.js';
import { BIDI_CONTROLS, OTHER_HIDDEN_CHARACTERS } from './support/hostile-values.js';

// Issue 11, item 7: bidirectional control characters (U+202E, "Trojan Source", CVE-2021-42574)
// were accepted in titles and reached every rendered output, where they reorder what a committee
// member or an auditor reads. Now the write side refuses them, and the read side shows them as
// markers in whatever an older build stored.

const dir = makeTempDir('perfledger-hidden-regression-');
afterAll(() => removeDir(dir));

const header = 'code,title,directorate,section,stage,due_date,percent_complete,status,comments,plan';

describe('bidi controls and other hidden characters', () => {
  it('the original attack: a snapshot title with U+202E is refused with file, row, column and code point', async () => {
    const file = join(dir, 'attack.db');
    (await openLedger({ file })).close();
    const ledger = await openLedger({ file });
    try {
      const content = `${header}\r\nDC02,${TROJAN_TITLE},Resources,Finance,In Progress,31/03/2025,10,Green,ok,Plan`;
      const error = await assertRefusedAsync(
        file,
        async () =>
          await importSnapshot(ledger, { name: 'q2.csv', format: 'csv', content }, { asOf: '2024-06-30' }),
      );
      expect(error.code).toBe('SNAPSHOT_INVALID');
      expect(error.message).toContain("Snapshot 'q2.csv' has 1 problem");
      expect(error.message).toContain(
        'row 2, title: must not contain bidirectional control characters, which can reorder what a reader sees: U+202E RIGHT-TO-LEFT OVERRIDE at character 14 (and 2 more hidden characters)',
      );
      expect(hasHiddenCharacters(error.message)).toBe(false);
    } finally {
      await ledger.close();
    }
  });

  it.each([...BIDI_CONTROLS, ...OTHER_HIDDEN_CHARACTERS].map((c) => [c.codePointAt(0)?.toString(16), c]))(
    'U+%s in a title is refused, typed, with nothing written',
    async (_, hidden) => {
      const file = join(dir, `title-${hidden.codePointAt(0)}.db`);
      const ledger = await openLedger({ file });
      try {
        const command: CommandInput = {
          type: 'RegisterAction',
          code: 'DC02',
          effectiveOn: '2024-04-01',
          title: `Pay supplier ${hidden}0001£`,
          plan: 'Plan',
          directorate: 'Resources',
          section: 'Finance',
          dueDate: '2025-03-31',
          statusKey: 'rag',
        };
        const error = await assertRefused(file, async () => await ledger.execute(command));
        expect(error.code).toBe('VALIDATION_FAILED');
        expect(error.message).toMatch(/title: .* at character 14/);
      } finally {
        await ledger.close();
      }
    },
  );

  it('a ledger written by an older build renders the attack title as visible markers', async () => {
    const { outputs } = await renderLegacyLedger(join(dir, 'legacy.db'), [
      TROJAN_TITLE,
      'j.smith\u200F',
      'ok\u2028',
    ]);
    const shown = 'Pay supplier [U+202E]0001£ [U+2066]now[U+2069]';
    expect(outputs.some((output) => output.includes(shown))).toBe(true);
    expect(outputs.some((output) => output.includes('j.smith[U+200F]'))).toBe(true);
    expect(outputs.some((output) => output.includes('Pay supplier \\u202e0001£'))).toBe(true);
  });

  it('random hidden text: refused on write, never raw on read (the stress scenario, small)', async () => {
    const result = await runHiddenCharacters({ runs: 60, ledgers: 4, seed: 11 });
    expect(result.problems).toEqual([]);
    expect(result.refused).toBe(60);
    expect(result.outputs).toBeGreaterThan(4 * 8);
  }, 60_000);
});
