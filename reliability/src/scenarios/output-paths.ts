import { existsSync, linkSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import {
  createCheckpoint,
  generateSigningKey,
  LEDGER_FILE_SUFFIXES,
  LedgerError,
  writeCheckpoint,
  writeOutputFile,
} from '@perfledger/core';
import { openLedger, openReadonlyLedger } from '@perfledger/sqlite';
import { databaseBytes, makeTempDir, removeDir, sameBytes } from '../support/database-files.js';
import { seededRandom } from '../support/random.js';

/** What {@link runOutputPathAttack} tried and what went wrong. */
export interface OutputPathAttackResult {
  readonly attempts: number;
  /** Attempts refused with `OUTPUT_IS_LEDGER`, as every one must be. */
  readonly refused: number;
  readonly problems: readonly string[];
}

/**
 * Issue 11, item 1, as a randomised attack: write a report or a checkpoint over one of
 * a ledger's own files (the database, -wal, -shm, -journal; present or not) with `force`, through
 * a random spelling: relative or absolute, `.`, `..` and doubled separators, a symlinked directory,
 * a symbolic link (relative, absolute, chained, dangling) or a hard link. Every attempt must be
 * refused with `OUTPUT_IS_LEDGER`; the ledger must stay byte-identical and verify, and no
 * temporary file may be left.
 */
export async function runOutputPathAttack(options: {
  readonly attempts: number;
  readonly seed: number;
}): Promise<OutputPathAttackResult> {
  const random = seededRandom(options.seed);
  const dir = makeTempDir('perfledger-output-attack-');
  const problems: string[] = [];
  let refused = 0;
  try {
    const data = join(dir, 'data');
    const links = join(dir, 'links');
    mkdirSync(join(data, 'sub'), { recursive: true });
    mkdirSync(links);
    symlinkSync(data, join(dir, 'alias'));
    const file = join(data, 'plan.db');
    const writer = await openLedger({ file });
    await writer.execute({
      type: 'RegisterAction',
      code: 'ATTACK_01',
      effectiveOn: '2024-04-01',
      title: 'Survive the output-path attack',
      plan: 'Corporate Plan 2024-27',
      directorate: 'Resources',
      section: 'ICT',
      dueDate: '2025-03-31',
      statusKey: 'rag',
    });
    const key = generateSigningKey();
    const checkpoint = await createCheckpoint(writer, key.privateKeyPem);
    // Kept open for the first half (the -wal and -shm exist), closed for the second (they do not).
    let open: { close(): Promise<void> } | undefined = writer;
    const before = () => databaseBytes(file);
    let snapshot = before();
    const directories = [
      () => data,
      () => join(dir, 'alias'),
      () => relative(process.cwd(), data),
      () => `./${relative(process.cwd(), join(dir, 'alias'))}`,
    ];
    const noise = ['', './', 'sub/../', '/', './sub/./../'];
    let linkCount = 0;
    for (let attempt = 0; attempt < options.attempts; attempt++) {
      if (open !== undefined && attempt >= options.attempts / 2) {
        await open.close();
        open = undefined;
        snapshot = before();
      }
      const suffix = random.pick(LEDGER_FILE_SUFFIXES);
      let target = `${random.pick(directories)()}/${random.pick(noise)}${random.pick(noise)}plan.db${suffix}`;
      const wrap = random.pick([
        'none',
        'symlink',
        'relative symlink',
        'chained symlink',
        'hard link',
      ] as const);
      if (wrap !== 'none' && !(wrap === 'hard link' && !existsSync(target))) {
        const link = join(links, `l${linkCount++}`);
        if (wrap === 'hard link') linkSync(target, link);
        else if (wrap === 'symlink') symlinkSync(resolve(target), link);
        else if (wrap === 'relative symlink') symlinkSync(relative(links, resolve(target)), link);
        else {
          const inner = join(links, `l${linkCount++}`);
          symlinkSync(resolve(target), inner);
          symlinkSync(inner, link);
        }
        target = link;
      }
      const ledgerFiles = [
        random.chance(0.5) ? file : `${random.pick(directories)()}/${random.pick(noise)}plan.db`,
      ];
      const how = random.pick(['report', 'checkpoint'] as const);
      try {
        if (how === 'report') writeOutputFile(target, '# Quarter-end report\n', { force: true, ledgerFiles });
        else writeCheckpoint(target, checkpoint, { overwrite: true, ledgerFiles });
        problems.push(`${how} over '${target}' (${wrap}) was written`);
      } catch (error) {
        if (error instanceof LedgerError && error.code === 'OUTPUT_IS_LEDGER') refused++;
        else problems.push(`${how} over '${target}' (${wrap}): ${String(error)}`);
      }
      if (!sameBytes(snapshot, before())) {
        problems.push(`the ledger changed after a ${how} over '${target}' (${wrap})`);
        break;
      }
    }
    open?.close();
    const reader = await openReadonlyLedger(file);
    try {
      if (!(await reader.verify()).ok) problems.push('the ledger no longer verifies');
    } finally {
      await reader.close();
    }
    const leftovers = [data, links].flatMap((d) =>
      readdirSync(d).filter((n) => n.startsWith('.perfledger-')),
    );
    if (leftovers.length > 0) problems.push(`temporary files left behind: ${leftovers.join(', ')}`);
    return { attempts: options.attempts, refused, problems };
  } finally {
    removeDir(dir);
  }
}
