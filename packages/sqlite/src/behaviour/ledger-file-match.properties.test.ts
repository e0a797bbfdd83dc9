import {
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { Ledger } from '@perfledger/core';
import { checkOutputFile, LEDGER_FILE_SUFFIXES, OutputFileError, writeOutputFile } from '@perfledger/core';
import { ledgerBytes as ledgerFileBytes } from '@perfledger/core/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger, openReadonlyLedger } from '../open-ledger.js';
import { registerAction } from '../test-support/ledger-fixtures.js';

// A ledger at <dir>/data/plan.db, reachable through <dir>/alias (a symlink to data) and
// <dir>/alias2 (a symlink to alias), with <dir>/data/sub for `sub/..` spellings.
let dir: string;
let data: string;
let db: string;
let links: string;
let linkCount = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'perfledger-spellings-'));
  data = join(dir, 'data');
  links = join(dir, 'links');
  mkdirSync(join(data, 'sub'), { recursive: true });
  mkdirSync(links);
  symlinkSync(data, join(dir, 'alias'));
  symlinkSync('alias', join(dir, 'alias2'));
  db = join(data, 'plan.db');
  const ledger = await openLedger({ file: db });
  await ledger.execute(registerAction('SPELL_01')); // any one event
  await ledger.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ledgerBytes = (): Buffer => ledgerFileBytes(db);

const directory = fc.constantFrom(
  () => data,
  () => join(dir, 'alias'),
  () => join(dir, 'alias2'),
  () => relative(process.cwd(), data),
  () => `./${relative(process.cwd(), join(dir, 'alias'))}`,
);
const noise = fc.array(fc.constantFrom('', './', 'sub/../', './sub/./../', '/', 'sub//../'), {
  maxLength: 3,
});
const wrapping = fc.constantFrom('none', 'symlink', 'relative symlink', 'symlink to a symlink', 'hard link');

/** A spelling of `<data>/plan.db<suffix>`, perhaps behind a symbolic or hard link made for it. */
function spell(
  name: string,
  base: () => string,
  extra: readonly string[],
  suffix: string,
  wrap: string,
): string {
  const spelled = `${base()}/${extra.join('')}${name}${suffix}`;
  if (wrap === 'none') return spelled;
  const link = join(links, `l${linkCount++}`);
  if (wrap === 'hard link') {
    if (!existsSync(spelled)) return spelled; // only an existing file can be hard-linked
    linkSync(spelled, link);
  } else if (wrap === 'symlink') {
    symlinkSync(resolve(spelled), link);
  } else if (wrap === 'relative symlink') {
    symlinkSync(relative(links, resolve(spelled)), link);
  } else {
    const inner = join(links, `l${linkCount++}`);
    symlinkSync(resolve(spelled), inner);
    symlinkSync(inner, link);
  }
  return link;
}

describe('the ledger-file refusal, over path spellings (fast-check)', () => {
  // 'not created yet' and 'empty file' cannot be recognised by content: only the --db list protects them.
  const states = [
    ['closed', 'plan.db'],
    ['open', 'plan.db'],
    ['not created yet', 'future.db'],
    ['an empty file', 'empty.db'],
  ] as const;
  for (const [state, name] of states) {
    it(`refuses every spelling of the database, -wal, -shm and -journal, with force (ledger ${state})`, async () => {
      let reader: Ledger | undefined;
      if (state === 'open') reader = await openReadonlyLedger(db); // -wal and -shm exist while it is open
      if (state === 'an empty file') writeFileSync(join(data, name), '');
      try {
        const before = ledgerBytes();
        fc.assert(
          fc.property(
            fc.constantFrom(...LEDGER_FILE_SUFFIXES),
            directory,
            noise,
            wrapping,
            directory,
            noise,
            (suffix, base, extra, wrap, dbBase, dbExtra) => {
              const target = spell(name, base, extra, suffix, wrap);
              const ledgerFiles = [`${dbBase()}/${dbExtra.join('')}${name}`];
              for (const attempt of [
                () => writeOutputFile(target, 'overwritten', { force: true, ledgerFiles }),
                () => checkOutputFile(target, { force: true, ledgerFiles }),
              ]) {
                let caught: unknown;
                try {
                  attempt();
                } catch (error) {
                  caught = error;
                }
                expect(caught).toBeInstanceOf(OutputFileError);
                expect((caught as OutputFileError).code).toBe('OUTPUT_IS_LEDGER');
              }
            },
          ),
          { numRuns: 300 },
        );
        expect(ledgerBytes()).toEqual(before);
        expect(existsSync(join(data, 'future.db'))).toBe(false);
        if (state === 'an empty file') expect(readFileSync(join(data, name))).toHaveLength(0);
      } finally {
        reader?.close();
      }
      const reopened = await openReadonlyLedger(db);
      expect((await reopened.verify()).ok).toBe(true);
      await reopened.close();
    });
  }

  it('and refuses nothing else: a name that only starts like a ledger file is written', async () => {
    fc.assert(
      fc.property(
        fc
          .stringMatching(/^[-a-z0-9._]{1,8}$/)
          .filter((tail) => !(LEDGER_FILE_SUFFIXES as readonly string[]).includes(tail)),
        directory,
        noise,
        (tail, base, extra) => {
          const target = `${base()}/${extra.join('')}plan.db${tail}`;
          const written = writeOutputFile(target, 'report', { force: true, ledgerFiles: [db] });
          expect(readFileSync(written, 'utf8')).toBe('report');
          rmSync(written);
        },
      ),
      { numRuns: 200 },
    );
  });
});
