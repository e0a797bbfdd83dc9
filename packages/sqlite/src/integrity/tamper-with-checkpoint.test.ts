import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CommandInput,
  createCheckpoint,
  generateSigningKey,
  type LedgerVerification,
  type SignedCheckpoint,
  verifyLedger,
} from '@perfledger/core';
import { eventHash, GENESIS_HASH } from '@perfledger/core/internal';
import Database from 'better-sqlite3';
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger, openReadonlyLedger } from '../open-ledger.js';
import { EVENT_TABLE_COLUMNS, INTEGER_EVENT_COLUMNS } from '../test-support/event-columns.js';
import { rebuildStoredTree } from '../testing/stored-tree.js';

const key = generateSigningKey();
const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'perfledger-tamper-'));
  dirs.push(dir);
  return join(dir, 'ledger.db');
}

// ---------------------------------------------------------------------------------------------
// Building a log: every step appends exactly one event, so positions and steps line up.

const codes = ['FP1922_02', 'DEM1518_02', 'RBCS1620_05'] as const;

/** One event to append: which action, and (once it is registered) a comment or a progress change. */
interface Step {
  readonly action: number;
  readonly kind: 'comment' | 'progress';
  readonly amount: number;
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  action: fc.integer({ min: 0, max: codes.length - 1 }),
  kind: fc.constantFrom('comment' as const, 'progress' as const),
  amount: fc.integer({ min: 0, max: 99 }),
});

interface LogBuilder {
  readonly file: string;
  /** Appends one event per step; takes a checkpoint whenever the log reaches one of `at`. */
  append(steps: readonly Step[], at?: readonly number[]): Promise<SignedCheckpoint[]>;
  close(): Promise<void>;
}

async function logBuilder(file: string): Promise<LogBuilder> {
  let now = Date.parse('2024-01-15T09:00:00Z');
  const ledger = await openLedger({
    file,
    durability: 'normal',
    clock: () => {
      now += 1000;
      return new Date(now);
    },
  });
  // Reopened, it carries on from what the log already holds.
  const progress = new Map<string, number>();
  for (const code of codes) {
    const state = await ledger.getAction(code);
    if (state !== undefined) progress.set(code, state.percentComplete ?? 0);
  }
  let counter = (await ledger.head()).position;
  const commandFor = (step: Step): CommandInput => {
    const code = codes[step.action]!;
    const last = progress.get(code);
    if (last === undefined) {
      progress.set(code, 0);
      return {
        type: 'RegisterAction',
        code,
        effectiveOn: '2023-04-01',
        title: `Action ${code}`,
        plan: 'Corporate Plan 2018-23',
        directorate: 'Finance',
        section: 'Digital',
        dueDate: '2024-03-31',
        statusKey: 'rag',
      };
    }
    counter += 1;
    if (step.kind === 'comment') {
      return { type: 'AddComment', code, effectiveOn: '2023-06-30', comment: `Update ${counter}` };
    }
    const next = (last + 1 + step.amount) % 101; // never equal to `last`, so one event is recorded
    progress.set(code, next);
    return { type: 'UpdateProgress', code, effectiveOn: '2023-06-30', percentComplete: next };
  };
  return {
    file,
    async append(steps, at = []) {
      const checkpoints: SignedCheckpoint[] = [];
      if (at.includes((await ledger.head()).position))
        checkpoints.push(await createCheckpoint(ledger, key.privateKeyPem));
      for (const step of steps) {
        const result = await ledger.execute(commandFor(step), { actor: 'officer', source: 'cli' });
        expect(result.events).toHaveLength(1);
        if (at.includes(result.lastPosition))
          checkpoints.push(await createCheckpoint(ledger, key.privateKeyPem));
      }
      return checkpoints;
    },
    close: () => ledger.close(),
  };
}

/** Builds a log from `steps` with one checkpoint after `size` events, and closes it. */
async function buildLog(
  steps: readonly Step[],
  size: number,
): Promise<{ file: string; checkpoint: SignedCheckpoint }> {
  const builder = await logBuilder(tempFile());
  const [checkpoint] = await builder.append(steps, [size]);
  await builder.close();
  return { file: builder.file, checkpoint: checkpoint! };
}

async function verifyFile(
  file: string,
  checkpoints: readonly SignedCheckpoint[],
): Promise<LedgerVerification> {
  const ledger = await openReadonlyLedger(file);
  try {
    return await verifyLedger(ledger, {
      checkpoints: checkpoints.map((checkpoint, i) => ({ label: `cp-${i + 1}.json`, checkpoint })),
      publicKey: key.publicKeyPem,
    });
  } finally {
    await ledger.close();
  }
}

async function plainChainOk(file: string): Promise<boolean> {
  const ledger = await openReadonlyLedger(file);
  try {
    return (await ledger.verify()).ok;
  } finally {
    await ledger.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Tampering, as someone with write access to the file would do it: a raw connection, with the
// append-only triggers dropped first.

const COLUMNS = EVENT_TABLE_COLUMNS;
const INTEGER_COLUMNS = new Set<string>(INTEGER_EVENT_COLUMNS);

type Row = Record<(typeof COLUMNS)[number], string | number | null>;

type Tampering =
  | { readonly kind: 'flip'; readonly row: number; readonly column: number; readonly offset: number }
  | { readonly kind: 'delete'; readonly row: number }
  | { readonly kind: 'swap'; readonly row: number; readonly other: number }
  | { readonly kind: 'truncate'; readonly keep: number; readonly moveHead: boolean }
  | { readonly kind: 'rewrite'; readonly from: number };

function withRawConnection(file: string, work: (db: Database.Database) => void): void {
  const db = new Database(file);
  try {
    db.exec(
      'DROP TRIGGER IF EXISTS events_are_append_only_update; DROP TRIGGER IF EXISTS events_are_append_only_delete;',
    );
    db.transaction(() => work(db))();
  } finally {
    db.close();
  }
}

function readRow(db: Database.Database, position: number): Row {
  return db.prepare('SELECT * FROM events WHERE position = ?').get(position) as Row;
}

function tamper(file: string, tampering: Tampering): void {
  withRawConnection(file, (db) => {
    switch (tampering.kind) {
      case 'flip': {
        const row = readRow(db, tampering.row);
        const present = COLUMNS.filter((column) => row[column] !== null);
        const column = present[tampering.column % present.length]!;
        const value = row[column]!;
        let flipped: string | number;
        if (INTEGER_COLUMNS.has(column)) {
          flipped = (value as number) ^ (1 << 20); // far from any real value: no UNIQUE clash
        } else {
          const text = value as string;
          const at = tampering.offset % text.length;
          flipped = text.slice(0, at) + String.fromCharCode(text.charCodeAt(at) ^ 1) + text.slice(at + 1);
        }
        db.prepare(`UPDATE events SET ${column} = ? WHERE position = ?`).run(flipped, tampering.row);
        break;
      }
      case 'delete':
        db.prepare('DELETE FROM events WHERE position = ?').run(tampering.row);
        break;
      case 'swap': {
        const a = readRow(db, tampering.row);
        const b = readRow(db, tampering.other);
        const rest = COLUMNS.filter((column) => column !== 'position');
        // Park both rows out of the way first: (stream, stream_version) and event_id are unique.
        db.prepare(
          "UPDATE events SET event_id = event_id || '-parked', stream_version = -stream_version WHERE position IN (?, ?)",
        ).run(tampering.row, tampering.other);
        const set = db.prepare(
          `UPDATE events SET ${rest.map((c) => `${c} = @${c}`).join(', ')} WHERE position = @position`,
        );
        set.run({ ...b, position: tampering.row });
        set.run({ ...a, position: tampering.other });
        break;
      }
      case 'truncate': {
        db.prepare('DELETE FROM events WHERE position > ?').run(tampering.keep);
        if (tampering.moveHead) {
          const last = tampering.keep === 0 ? undefined : readRow(db, tampering.keep);
          db.prepare('UPDATE ledger_head SET position = ?, hash = ?, recorded_at = ? WHERE id = 1').run(
            tampering.keep,
            last?.hash ?? GENESIS_HASH,
            last?.recorded_at ?? '',
          );
        }
        break;
      }
      case 'rewrite':
        rewriteTail(db, tampering.from);
        break;
    }
  });
}

/** Changes every event from `from` on and recomputes the whole chain after it, head included. */
function rewriteTail(db: Database.Database, from: number): void {
  let prevHash = from === 1 ? GENESIS_HASH : (readRow(db, from - 1).hash as string);
  const rows = db.prepare('SELECT * FROM events WHERE position >= ? ORDER BY position').all(from) as Row[];
  const update = db.prepare(
    'UPDATE events SET data = ?, actor = ?, prev_hash = ?, hash = ? WHERE position = ?',
  );
  let last: Row | undefined;
  for (const row of rows) {
    const data = { ...(JSON.parse(row.data as string) as object), note: 'Quietly rewritten.' };
    const dataJson = canonicalize(data) ?? 'null';
    const actor = 'mallory';
    const hash = eventHash(prevHash, {
      position: row.position as number,
      eventId: row.event_id as string,
      stream: row.stream as string,
      streamVersion: row.stream_version as number,
      type: row.type as string,
      schemaVersion: row.schema_version as number,
      dataJson,
      effectiveOn: row.effective_on as string,
      recordedAt: row.recorded_at as string,
      actor,
      source: row.source as string | null,
      correlationId: row.correlation_id as string | null,
      causationId: row.causation_id as string | null,
      idempotencyKey: row.idempotency_key as string | null,
    });
    update.run(dataJson, actor, prevHash, hash, row.position);
    prevHash = hash;
    last = row;
  }
  if (last !== undefined) {
    db.prepare('UPDATE ledger_head SET position = ?, hash = ?, recorded_at = ? WHERE id = 1').run(
      last.position,
      prevHash,
      last.recorded_at,
    );
  }
  // The forger recomputes the Merkle tree too, so the plain chain (and tree) check passes.
  rebuildStoredTree(db);
}

// ---------------------------------------------------------------------------------------------

const logArb = fc
  .array(stepArb, { minLength: 5, maxLength: 40 })
  .chain((steps) =>
    fc.record({ steps: fc.constant(steps), size: fc.integer({ min: 1, max: steps.length }) }),
  );

/** A tampering of a log of `length` events, aimed at or before the checkpoint at `size`. */
function tamperingArb(length: number, size: number): fc.Arbitrary<Tampering> {
  const atOrBefore = fc.integer({ min: 1, max: size });
  return fc.oneof(
    fc.record({
      kind: fc.constant('flip' as const),
      row: atOrBefore,
      column: fc.nat(),
      offset: fc.nat(),
    }),
    fc.record({ kind: fc.constant('delete' as const), row: atOrBefore }),
    fc
      .tuple(atOrBefore, fc.integer({ min: 1, max: length }))
      .filter(([a, b]) => a !== b)
      .map(([row, other]) => ({ kind: 'swap' as const, row, other })),
    fc.record({
      kind: fc.constant('truncate' as const),
      keep: fc.integer({ min: 0, max: size - 1 }),
      moveHead: fc.boolean(),
    }),
    fc.record({ kind: fc.constant('rewrite' as const), from: atOrBefore }),
  );
}

const STATEMENTS = [
  /^The hash chain is broken: (gap|broken-link|hash-mismatch|stream-gap|head-mismatch) at position \d+: .+\.$/,
  /^Checkpoint cp-1\.json \(size \d+, head [0-9a-f]{12}…\) is not a prefix of this log: the event at position \d+ (now hashes to [0-9a-f]{12}…; history up to that point was rewritten|is missing; history up to that point was changed)\.$/,
  /^The log now ends at position \d+, but Checkpoint cp-1\.json recorded \d+ events: the tail was truncated\.$/,
  /^Checkpoint cp-1\.json \(size \d+, head [0-9a-f]{12}…\) cannot be confirmed: the log was altered within the history it covers \(.+\)\.$/,
];

describe('verifyLedger with a checkpoint', () => {
  it('detects every tampering at or before the checkpoint, with a statement of what broke', async () => {
    await fc.assert(
      fc.asyncProperty(
        logArb.chain(({ steps, size }) =>
          fc.record({
            steps: fc.constant(steps),
            size: fc.constant(size),
            tampering: tamperingArb(steps.length, size),
          }),
        ),
        async ({ steps, size, tampering }) => {
          const { file, checkpoint } = await buildLog(steps, size);
          expect((await verifyFile(file, [checkpoint])).ok).toBe(true);
          tamper(file, tampering);

          const result = await verifyFile(file, [checkpoint]);
          expect(result.ok).toBe(false);
          const [verdict] = result.checkpoints;
          expect(verdict?.ok).toBe(false);
          expect(verdict?.signature).toBe('valid');
          expect(result.problems.length).toBeGreaterThan(0);
          for (const problem of result.problems) {
            expect(
              STATEMENTS.some((statement) => statement.test(problem.message)),
              problem.message,
            ).toBe(true);
          }
          if (tampering.kind === 'rewrite') {
            // The case the plain chain cannot catch: every hash and the head were recomputed.
            expect(await plainChainOk(file)).toBe(true);
            expect(verdict?.prefix).toBe('rewritten');
            expect(verdict?.problems.map((p) => p.code)).toEqual(['CHECKPOINT_MISMATCH']);
          }
          if (tampering.kind === 'truncate') {
            expect(await plainChainOk(file)).toBe(tampering.moveHead);
            expect(verdict?.prefix).toBe('truncated');
            expect(verdict?.problems.map((p) => p.code)).toEqual(['LOG_TRUNCATED']);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('passes an untouched log with any checkpoints, before and after more events are appended', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(stepArb, { minLength: 5, maxLength: 40 }),
        fc.array(stepArb, { minLength: 1, maxLength: 10 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 3 }),
        async (steps, more, sizes) => {
          const at = sizes.map((size) => size % (steps.length + 1));
          const builder = await logBuilder(tempFile());
          const checkpoints = await builder.append(steps, at);
          expect(checkpoints).toHaveLength(new Set(at).size);
          await builder.close();
          const before = await verifyFile(builder.file, checkpoints);
          expect(before.problems).toEqual([]);
          expect(before.ok).toBe(true);
          expect(before.checkpoints.map((c) => c.prefix)).toEqual(checkpoints.map(() => 'confirmed'));

          const again = await logBuilder(builder.file);
          await again.append(more);
          await again.close();
          const after = await verifyFile(builder.file, checkpoints);
          expect(after.problems).toEqual([]);
          expect(after.ok).toBe(true);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('named tamperings', () => {
  const steps: Step[] = Array.from({ length: 12 }, (_, i) => ({
    action: i % codes.length,
    kind: i % 2 === 0 ? 'comment' : 'progress',
    amount: i,
  }));

  it('a rewritten and re-hashed history passes the plain chain but not the checkpoint', async () => {
    const { file, checkpoint } = await buildLog(steps, 8);
    tamper(file, { kind: 'rewrite', from: 5 });
    expect(await plainChainOk(file)).toBe(true);
    const result = await verifyFile(file, [checkpoint]);
    expect(result.ok).toBe(false);
    expect(result.chain.ok).toBe(true);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.message).toMatch(
      /^Checkpoint cp-1\.json \(size 8, head [0-9a-f]{12}…\) is not a prefix of this log: the event at position 8 now hashes to [0-9a-f]{12}…; history up to that point was rewritten\.$/,
    );
  });

  it('a tail cut off together with the recorded head is reported as truncated', async () => {
    const { file, checkpoint } = await buildLog(steps, 10);
    tamper(file, { kind: 'truncate', keep: 7, moveHead: true });
    expect(await plainChainOk(file)).toBe(true);
    const result = await verifyFile(file, [checkpoint]);
    expect(result.problems.map((p) => p.message)).toEqual([
      'The log now ends at position 7, but Checkpoint cp-1.json recorded 10 events: the tail was truncated.',
    ]);
  });

  it('a rewrite after the checkpoint is outside what the checkpoint can vouch for', async () => {
    const { file, checkpoint } = await buildLog(steps, 6);
    tamper(file, { kind: 'rewrite', from: 9 });
    const result = await verifyFile(file, [checkpoint]);
    expect(result.ok).toBe(true);
    expect(result.checkpoints[0]?.prefix).toBe('confirmed');
  });

  it('an edited byte inside the checkpointed history is reported by the chain and the checkpoint', async () => {
    const { file, checkpoint } = await buildLog(steps, 8);
    tamper(file, { kind: 'flip', row: 3, column: COLUMNS.indexOf('data'), offset: 5 });
    const result = await verifyFile(file, [checkpoint]);
    expect(result.problems.map((p) => p.code)).toEqual(['CHAIN_BROKEN', 'HISTORY_ALTERED']);
    expect(result.problems[1]?.message).toContain('hash-mismatch at position 3');
  });
});
