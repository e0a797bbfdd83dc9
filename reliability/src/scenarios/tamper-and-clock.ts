import { join } from 'node:path';
import {
  ClockJumpError,
  type Ledger,
  parseRecordedAt,
  publishReport,
  readVerifiedMark,
  VerificationFailedError,
  verifyPublishedReport,
} from '@perfledger/core';
import { steppingClock } from '@perfledger/core/testing';
import { openLedger, openReadonlyLedger } from '@perfledger/sqlite';
import { tamperWithEvent } from '@perfledger/sqlite/testing';
import Database from 'better-sqlite3';
import { makeTempDir, removeDir } from '../support/database-files.js';
import { seededRandom } from '../support/random.js';
import { standardProjections } from '../support/standard-projections.js';

/**
 * What an attacker with write access to the file does (issue 11, items 4 and 5):
 * - `edit`: drop the append-only triggers, change an event's data, recreate them;
 * - `backdate`: record an event before its predecessor, every hash after it recomputed;
 * - `rewrite-before-mark`: change an event before the verified mark, every hash after it and the
 *   head recomputed (a self-consistent chain);
 * - `cut-tail`: delete the events after a point before the mark and move the head back to it;
 * - `replace-after-mark`: `INSERT OR REPLACE` an event after the mark (the schema stays as it was).
 */
export const TAMPERINGS = [
  'edit',
  'backdate',
  'rewrite-before-mark',
  'cut-tail',
  'replace-after-mark',
] as const;

/** One of {@link TAMPERINGS}. */
export type Tampering = (typeof TAMPERINGS)[number];

/** What {@link runTamperRounds} found. */
export interface TamperOutcome {
  readonly rounds: number;
  /** Refusals by publishReport, verifyPublishedReport (read-only) and ledger.projections.rebuild. */
  readonly refused: number;
  /** Tamperings the full chain walk alone found (the others need the verified mark). */
  readonly foundByFullVerify: number;
  readonly byKind: Readonly<Record<Tampering, number>>;
  readonly problems: readonly string[];
}

const REGISTER = {
  type: 'RegisterAction',
  effectiveOn: '2024-01-01',
  title: 'Adopt the local plan',
  plan: 'Corporate Plan 2024-27',
  directorate: 'Place',
  section: 'Planning',
  dueDate: '2026-03-31',
  statusKey: 'rag',
} as const;

/**
 * Builds a ledger with a random history, publishes a report (which records the verified mark),
 * appends more, tampers with the file in one of the {@link TAMPERINGS} ways, and checks that
 * publishing, reproducing and rebuilding each refuse with `VERIFICATION_FAILED` and that no
 * event or head was written by any of them.
 */
export async function runTamperRounds(options: { rounds: number; seed: number }): Promise<TamperOutcome> {
  const random = seededRandom(options.seed);
  const problems: string[] = [];
  const byKind = Object.fromEntries(TAMPERINGS.map((kind) => [kind, 0])) as Record<Tampering, number>;
  let refused = 0;
  let foundByFullVerify = 0;
  for (let round = 0; round < options.rounds; round++) {
    const kind = TAMPERINGS[round % TAMPERINGS.length]!;
    byKind[kind] += 1;
    const dir = makeTempDir('perfledger-tamper-');
    try {
      const file = join(dir, 'ledger.db');
      const ledger = await openLedger({
        file,
        clock: steppingClock('2024-04-01T09:00:00Z', 60_000),
        projections: standardProjections,
      });
      await appendHistory(ledger, random.int(6, 30), random);
      const report = await publishReport(ledger, {
        fy: '2024/25',
        quarter: 1,
        content: 'report',
        format: 'md',
        generator: 'stress@1',
      });
      await appendHistory(ledger, random.int(2, 10), random, true);
      const mark = (await readVerifiedMark(ledger))?.position ?? 0;
      const head = (await ledger.head()).position;
      await ledger.close();
      await tamper(file, kind, { mark, head }, random);
      const before = logOf(file);

      const label = `round ${round} (${kind}, mark ${mark}, head ${head})`;
      const writer = await openLedger({ file, projections: standardProjections, projectionMode: 'catch-up' });
      const reader = await openReadonlyLedger(file);
      try {
        const attempts: [string, () => unknown][] = [
          [
            'publishReport',
            async () =>
              await publishReport(writer, {
                fy: '2024/25',
                quarter: 1,
                content: 'forged',
                format: 'md',
                generator: 'stress@1',
              }),
          ],
          ['verifyPublishedReport', async () => await verifyPublishedReport(reader, report, 'report')],
          ['rebuild', async () => await writer.projections.rebuild()],
        ];
        for (const [name, attempt] of attempts) {
          try {
            await attempt();
            problems.push(`${label}: ${name} accepted a tampered log`);
          } catch (error) {
            if (error instanceof VerificationFailedError && error.break !== null) refused += 1;
            else problems.push(`${label}: ${name} failed with ${String(error)}, not VERIFICATION_FAILED`);
          }
        }
        if (!(await reader.verify()).ok) foundByFullVerify += 1;
      } finally {
        await writer.close();
        await reader.close();
      }
      if (logOf(file) !== before) problems.push(`${label}: the events or the head changed`);
    } finally {
      removeDir(dir);
    }
  }
  return { rounds: options.rounds, refused, foundByFullVerify, byKind, problems };
}

async function appendHistory(
  ledger: Ledger,
  count: number,
  random: ReturnType<typeof seededRandom>,
  registered = false,
): Promise<void> {
  if (!registered) {
    await ledger.executeAll([
      { ...REGISTER, code: 'A1' },
      { ...REGISTER, code: 'A2', title: 'Review leisure services' },
    ]);
  }
  for (let i = 0; i < count; i++) {
    const code = random.pick(['A1', 'A2']);
    await ledger.execute(
      random.chance(0.5)
        ? { type: 'UpdateProgress', code, effectiveOn: '2024-06-30', percentComplete: random.int(0, 99) }
        : { type: 'AddComment', code, effectiveOn: '2024-06-30', comment: `note ${i}` },
    );
  }
}

async function tamper(
  file: string,
  kind: Tampering,
  { mark, head }: { mark: number; head: number },
  random: ReturnType<typeof seededRandom>,
): Promise<void> {
  switch (kind) {
    case 'edit':
      await tamperWithEvent(file, random.int(1, head), { actor: 'mallory' });
      return;
    case 'backdate': {
      const at = random.int(2, head);
      const raw = new Database(file, { readonly: true });
      const previous = raw
        .prepare('SELECT recorded_at FROM events WHERE position = ?')
        .pluck()
        .get(at - 1);
      raw.close();
      const micros = parseRecordedAt(previous as string) - random.int(0, 86_400_000_000);
      await tamperWithEvent(
        file,
        at,
        { recorded_at: new Date(Math.floor(micros / 1000)).toISOString() },
        { rechain: true },
      );
      return;
    }
    case 'rewrite-before-mark':
      await tamperWithEvent(file, random.int(1, mark), { actor: 'mallory' }, { rechain: true });
      return;
    case 'cut-tail': {
      const keep = random.int(1, mark - 1);
      const raw = new Database(file);
      raw.exec('DROP TRIGGER events_are_append_only_delete');
      raw.prepare('DELETE FROM events WHERE position > ?').run(keep);
      raw
        .prepare('UPDATE ledger_head SET position = ?, hash = (SELECT hash FROM events WHERE position = ?)')
        .run(keep, keep);
      raw.close();
      return;
    }
    case 'replace-after-mark':
      await tamperWithEvent(
        file,
        random.int(mark + 1, head),
        { actor: 'mallory' },
        { method: 'keep-schema' },
      );
      return;
  }
}

/** The log's own rows (events, head) as text, to prove nothing was written. */
function logOf(file: string): string {
  const raw = new Database(file, { readonly: true });
  try {
    return JSON.stringify(
      ['events', 'ledger_head'].map((t) => raw.prepare(`SELECT * FROM ${t} ORDER BY 1`).all()),
    );
  } finally {
    raw.close();
  }
}

/** What {@link runClockChaos} found. */
export interface ClockOutcome {
  readonly appends: number;
  readonly refused: number;
  readonly events: number;
  readonly problems: readonly string[];
}

/**
 * Appends on a clock that jumps back, stands still, creeps and leaps (sometimes centuries), with
 * a random `maxClockJumpDays`; checks that every leap past the bound was refused with
 * `CLOCK_JUMP` writing nothing, and that the recorded times strictly increase and never jump
 * past the bound.
 */
export async function runClockChaos(options: { appends: number; seed: number }): Promise<ClockOutcome> {
  const random = seededRandom(options.seed);
  const problems: string[] = [];
  const DAY = 86_400_000;
  const bound = random.int(1, 2_000);
  const dir = makeTempDir('perfledger-clock-');
  let now = Date.parse('2024-01-15T09:00:00Z');
  let refused = 0;
  try {
    const ledger = await openLedger({
      file: join(dir, 'ledger.db'),
      durability: 'normal',
      clock: () => new Date(now),
      maxClockJumpDays: bound,
    });
    try {
      for (let i = 0; i < options.appends; i++) {
        const roll = random.next();
        const offset =
          roll < 0.3
            ? -random.int(0, 3 * 365 * DAY)
            : roll < 0.8
              ? random.int(0, 10 * DAY)
              : random.int(0, 975 * 365 * DAY);
        now += offset;
        const head = await ledger.head();
        try {
          await ledger.append('action:C1', [
            { type: 'CommentAdded', effectiveOn: '2024-01-15', data: { comment: `${i}` } } as never,
          ]);
        } catch (error) {
          if (!(error instanceof ClockJumpError)) problems.push(`append ${i}: ${String(error)}`);
          if (JSON.stringify(await ledger.head()) !== JSON.stringify(head))
            problems.push(`append ${i}: refused but written`);
          refused += 1;
          now -= offset; // the clock is put right
        }
      }
      const times: ReturnType<typeof parseRecordedAt>[] = [];
      for await (const event of ledger.readAll()) times.push(parseRecordedAt(event.recordedAt));
      for (let i = 1; i < times.length; i++) {
        if (!(times[i]! > times[i - 1]!)) problems.push(`position ${i + 1} is not recorded after ${i}`);
        if (times[i]! - times[i - 1]! > bound * DAY * 1000)
          problems.push(`position ${i + 1} jumps past the bound`);
      }
      if (!(await ledger.verify()).ok) problems.push('the chain does not verify');
      return { appends: options.appends, refused, events: times.length, problems };
    } finally {
      await ledger.close();
    }
  } finally {
    removeDir(dir);
  }
}
