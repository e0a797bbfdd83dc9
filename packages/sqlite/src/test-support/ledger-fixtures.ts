import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandInput, Ledger, Projection } from '@perfledger/core';
import { steppingClock } from '@perfledger/core/testing';
import { afterEach } from 'vitest';
import { openLedger } from '../open-ledger.js';

// What many of this package's ledger tests set up the same way: temp files removed after each
// test, a clock a second apart, a registration, a projection that reads a stream's history.

/**
 * Fresh temp directories and files for one test file, and the ledgers it wants closed: after each
 * test, every tracked ledger is closed and every directory removed.
 *
 * @example
 * ```ts
 * const temp = useTempFiles('perfledger-checkpoint-');
 * const ledger = temp.track(await openLedger({ file: temp.file() }));
 * ```
 */
export interface TempFiles {
  /** A new, empty temp directory. */
  dir(): string;
  /** `ledger.db` in a new temp directory. */
  file(): string;
  /** Closes `ledger` after the test; returns it. */
  track<L extends Ledger>(ledger: L): L;
}

/**
 * Registers an `afterEach` that closes the tracked ledgers (in the order they were tracked) and
 * then removes the directories; call it once at the top of a test file.
 *
 * @example
 * ```ts
 * const temp = useTempFiles('perfledger-readonly-');
 * const dir = temp.dir();
 * ```
 */
export function useTempFiles(prefix: string): TempFiles {
  const dirs: string[] = [];
  const ledgers: Ledger[] = [];
  afterEach(async () => {
    for (const ledger of ledgers.splice(0)) await ledger.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const dir = (): string => {
    const made = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(made);
    return made;
  };
  return {
    dir,
    file: () => join(dir(), 'ledger.db'),
    track(ledger) {
      ledgers.push(ledger);
      return ledger;
    },
  };
}

/**
 * A clock that reads one second later each time it is read, the first reading one second after
 * `start` (so a log's first event is recorded at 09:00:01 by default).
 *
 * @example
 * ```ts
 * const ledger = await openLedger({ file, clock: tickingClock(), durability: 'normal' });
 * ```
 */
export function tickingClock(start = '2024-01-15T09:00:00Z'): () => Date {
  return steppingClock(new Date(Date.parse(start) + 1_000).toISOString(), 1_000);
}

/**
 * The registration of action FP1922_02 ("Widen the use of e-forms", due 2024-03-31, RAG status)
 * that the integrity tests build their logs on.
 *
 * @example
 * ```ts
 * await ledger.execute(REGISTER_FP1922_02, { actor: 'officer' });
 * ```
 */
export const REGISTER_FP1922_02: CommandInput = {
  type: 'RegisterAction',
  code: 'FP1922_02',
  effectiveOn: '2023-04-01',
  title: 'Widen the use of e-forms',
  plan: 'Corporate Plan 2018-23',
  directorate: 'Finance',
  section: 'Digital',
  dueDate: '2024-03-31',
  statusKey: 'rag',
};

/**
 * Adds `count` comments to FP1922_02 (registered with {@link REGISTER_FP1922_02}), "Update 1" to
 * "Update <count>", effective 2023-06-30, one append each.
 *
 * @example
 * ```ts
 * await ledger.execute(REGISTER_FP1922_02);
 * await addFp1922Updates(ledger, 3); // the log holds 4 events
 * ```
 */
export async function addFp1922Updates(ledger: Ledger, count: number): Promise<void> {
  for (let i = 1; i <= count; i++) {
    await ledger.execute({
      type: 'AddComment',
      code: 'FP1922_02',
      effectiveOn: '2023-06-30',
      comment: `Update ${i}`,
    });
  }
}

/**
 * A ledger the integrity tests build on: opened on `file` (a fresh one by default) with normal
 * durability and a {@link tickingClock}, closed after the test, with FP1922_02 registered (by
 * `actor` when given) and `updates` comments added with {@link addFp1922Updates}.
 *
 * @example
 * ```ts
 * const ledger = await fp1922Ledger(temp, { updates: 3 }); // 4 events
 * ```
 */
export async function fp1922Ledger(
  temp: TempFiles,
  options: { readonly file?: string; readonly updates?: number; readonly actor?: string } = {},
): Promise<Ledger> {
  const { file = temp.file(), updates = 0, actor } = options;
  const ledger = temp.track(await openLedger({ file, clock: tickingClock(), durability: 'normal' }));
  await ledger.execute(REGISTER_FP1922_02, actor === undefined ? undefined : { actor });
  await addFp1922Updates(ledger, updates);
  return ledger;
}

/**
 * A registration of `code` ("Action <code>", Corporate Plan 2023-27, Place / Planning, effective
 * 2023-04-01, due 2024-03-31, RAG status), with `extra` fields replacing or adding to those.
 *
 * @example
 * ```ts
 * await ledger.execute(registerAction('A1', { dueDate: '2024-12-31' }));
 * ```
 */
export function registerAction(code: string, extra: Record<string, unknown> = {}): CommandInput {
  return {
    type: 'RegisterAction',
    code,
    effectiveOn: '2023-04-01',
    title: `Action ${code}`,
    plan: 'Corporate Plan 2023-27',
    directorate: 'Place',
    section: 'Planning',
    dueDate: '2024-03-31',
    statusKey: 'rag',
    ...extra,
  } as CommandInput;
}

/**
 * A projection whose rows depend on what came before, like the real ones: a running count per
 * stream of its registration and progress updates, with the percentage of each update. It reads
 * the stream's earlier events (`history`) instead of its own table.
 *
 * @example
 * ```ts
 * const ledger = await openLedger({ file, projections: [progressLogProjection()] });
 * ```
 */
export function progressLogProjection(version = 1): Projection {
  const counted = new Set(['ActionRegistered', 'ProgressUpdated']);
  return {
    name: 'progress_log',
    version,
    eventTypes: ['ActionRegistered', 'ProgressUpdated'],
    history: true,
    tables: [
      {
        name: 'progress_log',
        columns: [
          { name: 'position', type: 'integer' },
          { name: 'stream', type: 'text' },
          { name: 'percent', type: 'integer', nullable: true },
          { name: 'nth', type: 'integer' },
        ],
        primaryKey: ['position'],
      },
    ],
    rows: (event, history) => {
      const nth = history.filter((earlier) => counted.has(earlier.type)).length + 1;
      const percent = event.type === 'ProgressUpdated' ? event.data.percentComplete : null;
      return [{ table: 'progress_log', values: [event.position, event.stream, percent, nth] }];
    },
  };
}

/**
 * A registration of `code` in the 2019/20 Business Plan (Resources / Finance Services, effective
 * 2019-04-01, due 2019-12-31, Pentana status), as the projection tests seed their logs.
 *
 * @example
 * ```ts
 * for (const code of ['FP1922_02', 'DEM1518_02']) await ledger.execute(registerPentanaAction(code));
 * ```
 */
export function registerPentanaAction(code: string): CommandInput {
  return registerAction(code, {
    effectiveOn: '2019-04-01',
    plan: 'Business Plan 2019/20',
    directorate: 'Resources',
    section: 'Finance Services',
    dueDate: '2019-12-31',
    statusKey: 'pentana',
  });
}
