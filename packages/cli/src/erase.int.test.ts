import { join } from 'node:path';
import { personalFieldsOf } from '@perfledger/core';
import { openReadonlyLedger } from '@perfledger/sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliHarness, ledgerBytes, makeTempDir, removeTempDir } from './test-support/cli-harness.js';

// `perfledger erase`: erasable personal data (docs/erasure.md) from the command line.

const fixtures = join(import.meta.dirname, '..', '..', '..', 'examples', 'quarterly', 'data');

let dir: string;
const { run, out, err } = cliHarness(() => dir);

beforeEach(() => {
  dir = makeTempDir('perfledger-erase-');
});
afterEach(() => removeTempDir(dir));

async function importQ1(): Promise<void> {
  const code = await run(
    '--db',
    'plan.db',
    'import',
    join(fixtures, '2019-20-q1.csv'),
    '--as-of',
    '2019-06-30',
    '--status-key',
    'pentana',
  );
  expect(code, err()).toBe(0);
}

/**
 * The first comment (or reason) of the log, and the positions of every event holding that text:
 * an import records a return's comment both as the return's statement and as the action's.
 */
async function firstComment(): Promise<{ position: number; positions: number[]; text: string }> {
  const ledger = await openReadonlyLedger(join(dir, 'plan.db'));
  try {
    const holding = new Map<string, number[]>();
    let first: string | undefined;
    for await (const event of ledger.readAll()) {
      for (const field of personalFieldsOf(event.type)) {
        const value = (event.data as Record<string, unknown>)[field];
        if (typeof value !== 'string') continue;
        first ??= value;
        holding.set(value, [...(holding.get(value) ?? []), event.position]);
      }
    }
    if (first === undefined) throw new Error('the fixture has no comment');
    const positions = holding.get(first)!;
    return { position: positions[0]!, positions, text: first };
  } finally {
    await ledger.close();
  }
}

describe('perfledger erase', () => {
  it('--enable, then erasing a comment: the trail shows the marker, and verify still passes', async () => {
    expect(await run('--db', 'plan.db', 'erase', '--enable'), err()).toBe(0);
    expect(out()).toMatch(/^Personal data is erasable from position 1 on/);
    await importQ1();
    const { positions, text } = await firstComment();
    for (const position of positions) {
      const code = await run(
        '--db',
        'plan.db',
        'erase',
        String(position),
        '--reason',
        'SAR-2024-017',
        '--actor',
        'dpo',
      );
      expect(code, err()).toBe(0);
      expect(out()).toMatch(new RegExp(`^Erased [a-z, ]+ of the event at position ${position} `));
      expect(out()).toMatch(/It now reads as '\[erased on \d{4}-\d{2}-\d{2}\]'/);
    }
    expect(await run('--db', 'plan.db', 'verify'), err()).toBe(0);
    expect(await run('--db', 'plan.db', 'trail', '--format', 'json'), err()).toBe(0);
    expect(out()).not.toContain(text);
    expect(out()).toContain('[erased on ');
  });

  it('a refused erasure exits non-zero, names the problem, and leaves the file byte-identical', async () => {
    await importQ1();
    const { position } = await firstComment();
    const before = ledgerBytes(join(dir, 'plan.db'));
    // Recorded before erasure was enabled: the text is part of the chain.
    expect(await run('--db', 'plan.db', 'erase', String(position), '--reason', 'SAR-1')).not.toBe(0);
    expect(err()).toMatch(/before personal data became erasable/);
    expect(await run('--db', 'plan.db', 'erase', 'not-an-event', '--reason', 'SAR-1')).not.toBe(0);
    expect(await run('--db', 'plan.db', 'erase', String(position))).not.toBe(0);
    expect(err()).toMatch(/--reason/);
    expect(ledgerBytes(join(dir, 'plan.db')).equals(before)).toBe(true);
  });
});
