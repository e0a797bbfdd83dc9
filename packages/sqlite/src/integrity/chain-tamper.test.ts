import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type BusinessDate,
  type EventMetadata,
  formatRecordedAt,
  type PendingEvent,
  parseRecordedAt,
  type VerifyResult,
  verifyChainIncrementally,
} from '@perfledger/core';
import { text } from '@perfledger/core/schemas';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openLedger, openReadonlyLedger } from '../open-ledger.js';
import { steppingClock, tamperWithEvent } from '../testing/index.js';

// A tamperer with write access to the file: drops the append-only triggers, then edits rows.
//
// Not covered here, because it is not detectable from the file alone: truncating the tail AND
// rewriting ledger_head to the new last row (or rewriting every hash after an edit) leaves a
// self-consistent chain. Only a head published elsewhere (a checkpoint, issue 5) catches it.

const STREAMS = ['action:A1', 'action:B2', 'action:C3'] as const;
const date = fc.constantFrom('2023-04-01', '2023-06-30', '2023-12-31', '2024-02-29');
const word = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 24 })
  .filter((s) => text(10_000).safeParse(s).success);
const optionalWord = fc.option(
  fc
    .string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 })
    .filter((s) => s.trim() !== '' && s === s.trim()),
  { nil: undefined },
);

const pendingEvent: fc.Arbitrary<PendingEvent> = fc.oneof(
  fc.record({
    type: fc.constant('CommentAdded' as const),
    effectiveOn: date.map((d) => d as BusinessDate),
    data: fc.record({ comment: word }),
  }),
  fc.record({
    type: fc.constant('ProgressUpdated' as const),
    effectiveOn: date.map((d) => d as BusinessDate),
    data: fc.record({ percentComplete: fc.integer({ min: 0, max: 100 }) }),
  }),
);

const append: fc.Arbitrary<LogAppend> = fc.record({
  stream: fc.constantFrom(...STREAMS),
  events: fc.array(pendingEvent, { minLength: 1, maxLength: 3 }),
  metadata: fc.record({
    actor: optionalWord,
    source: optionalWord,
    correlationId: optionalWord,
    causationId: optionalWord,
  }),
  keyed: fc.boolean(),
});

const log = fc.array(append, { minLength: 1, maxLength: 6 });

const TEXT_COLUMNS = [
  'event_id',
  'stream',
  'type',
  'data',
  'effective_on',
  'recorded_at',
  'actor',
  'source',
  'correlation_id',
  'causation_id',
  'idempotency_key',
  'prev_hash',
  'hash',
] as const;
const INTEGER_COLUMNS = ['stream_version', 'schema_version'] as const;

type Tampering =
  | { kind: 'byte'; row: number; column: (typeof TEXT_COLUMNS)[number]; byte: number; delta: number }
  | { kind: 'integer'; row: number; column: (typeof INTEGER_COLUMNS)[number]; delta: number }
  | { kind: 'renumber'; row: number; offset: number }
  | { kind: 'delete'; row: number }
  | { kind: 'swap'; row: number; other: number }
  | { kind: 'truncate'; rows: number }
  | { kind: 'head'; byte: number; delta: number }
  // A forged row, correctly chained (every hash from it on recomputed), recorded no later than
  // the row before it: `micros` before (0: the same instant).
  | { kind: 'backdate'; row: number; micros: number };

const index = fc.nat();
const delta = fc.integer({ min: 1, max: 255 });
const tampering: fc.Arbitrary<Tampering> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('byte' as const),
      row: index,
      column: fc.constantFrom(...TEXT_COLUMNS),
      byte: index,
      delta,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('integer' as const),
      row: index,
      column: fc.constantFrom(...INTEGER_COLUMNS),
      delta,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('renumber' as const),
      row: index,
      offset: fc.integer({ min: 1, max: 5 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), row: index }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('swap' as const), row: index, other: index }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('truncate' as const), rows: index }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('head' as const), byte: index, delta }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('backdate' as const),
      row: index,
      micros: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 400 * 86_400_000_000 })),
    }),
  },
);

/** How the verifier names a break (core exports the result type, not this member of it). */
type ChainBreakKind = Extract<VerifyResult, { ok: false }>['break']['kind'];

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'perfledger-tamper-'));
}

interface LogAppend {
  readonly stream: string;
  readonly events: readonly PendingEvent[];
  readonly metadata: EventMetadata;
  readonly keyed: boolean;
}

/** Writes a random log and returns the file (closed) and its number of events. */
async function writeLog(
  appends: readonly LogAppend[],
  dir: string,
): Promise<{ file: string; count: number }> {
  const file = join(dir, 'tampered.db');
  const ledger = await openLedger({
    file,
    durability: 'normal',
    clock: steppingClock('2024-01-15T09:00:00Z', 1_000),
  });
  try {
    for (const [i, { stream, events, metadata, keyed }] of appends.entries()) {
      const options: EventMetadata = keyed ? { ...metadata, idempotencyKey: `append-${i}` } : metadata;
      await ledger.append(stream, events, options);
    }
    return { file, count: (await ledger.head()).position };
  } finally {
    await ledger.close();
  }
}

async function verify(file: string): Promise<VerifyResult> {
  const ledger = await openLedger({ file });
  try {
    return await ledger.verify();
  } finally {
    await ledger.close();
  }
}

/** Applies the tampering and returns the break the verifier must report. */
function tamper(file: string, count: number, t: Tampering): { kind: ChainBreakKind; position: number } {
  const db = new Database(file);
  try {
    db.exec('DROP TRIGGER events_are_append_only_update; DROP TRIGGER events_are_append_only_delete;');
    const row = 'row' in t ? (t.row % count) + 1 : 0;
    switch (t.kind) {
      case 'byte': {
        const { value } = db
          .prepare(`SELECT CAST(${t.column} AS BLOB) AS value FROM events WHERE position = ?`)
          .get(row) as {
          value: Buffer | null;
        };
        if (value === null || value.length === 0) {
          db.prepare(`UPDATE events SET ${t.column} = 'x' WHERE position = ?`).run(row);
        } else {
          const bytes = Buffer.from(value);
          const at = t.byte % bytes.length;
          bytes[at] = (bytes[at]! + t.delta) & 0xff;
          db.prepare(`UPDATE events SET ${t.column} = CAST(? AS TEXT) WHERE position = ?`).run(bytes, row);
        }
        return { kind: t.column === 'prev_hash' ? 'broken-link' : 'hash-mismatch', position: row };
      }
      case 'integer':
        // Far beyond any real version, so no (stream, version) pair collides.
        db.prepare(`UPDATE events SET ${t.column} = ${t.column} + ? WHERE position = ?`).run(
          t.delta * 1_000,
          row,
        );
        return { kind: 'hash-mismatch', position: row };
      case 'renumber':
        db.prepare('UPDATE events SET position = ? WHERE position = ?').run(count + t.offset, row);
        return { kind: 'gap', position: row };
      case 'delete':
        db.prepare('DELETE FROM events WHERE position = ?').run(row);
        return row === count ? { kind: 'head-mismatch', position: count } : { kind: 'gap', position: row };
      case 'swap': {
        fc.pre(count >= 2);
        const a = row;
        let b = (t.other % count) + 1;
        if (b === a) b = (a % count) + 1;
        const read = db.prepare('SELECT * FROM events WHERE position = ?');
        const rowA = read.get(a) as Record<string, unknown>;
        const rowB = read.get(b) as Record<string, unknown>;
        db.prepare('DELETE FROM events WHERE position IN (?, ?)').run(a, b);
        const insert = db.prepare(
          `INSERT INTO events VALUES (@position, @event_id, @stream, @stream_version, @type, @schema_version, @data,
             @effective_on, @recorded_at, @actor, @source, @correlation_id, @causation_id, @idempotency_key, @prev_hash, @hash)`,
        );
        insert.run({ ...rowB, position: a });
        insert.run({ ...rowA, position: b });
        return { kind: 'broken-link', position: Math.min(a, b) };
      }
      case 'truncate': {
        const rows = (t.rows % count) + 1;
        db.prepare('DELETE FROM events WHERE position > ?').run(count - rows);
        return { kind: 'head-mismatch', position: count };
      }
      case 'backdate': {
        fc.pre(count >= 2);
        const at = (t.row % (count - 1)) + 2;
        const before = db
          .prepare('SELECT recorded_at FROM events WHERE position = ?')
          .pluck()
          .get(at - 1) as string;
        const recordedAt = formatRecordedAt(parseRecordedAt(before) - t.micros);
        tamperWithEvent(file, at, { recorded_at: recordedAt }, { rechain: true });
        return { kind: 'recorded-time', position: at };
      }
      case 'head': {
        const { hash } = db.prepare('SELECT hash FROM ledger_head').get() as { hash: string };
        const bytes = Buffer.from(hash, 'latin1');
        const at = t.byte % bytes.length;
        bytes[at] = (bytes[at]! + t.delta) & 0xff;
        db.prepare('UPDATE ledger_head SET hash = CAST(? AS TEXT)').run(bytes);
        return { kind: 'head-mismatch', position: count };
      }
    }
  } finally {
    db.close();
  }
}

describe('the hash chain', () => {
  it('an untouched log always verifies', async () => {
    await fc.assert(
      fc.asyncProperty(log, async (appends) => {
        const dir = tempDir();
        try {
          const { file, count } = await writeLog(appends, dir);
          expect(await verify(file)).toMatchObject({ ok: true, count, headPosition: count });
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 25 },
    );
  });

  it('detects every tampering, at the first row it affects', async () => {
    await fc.assert(
      fc.asyncProperty(log, tampering, async (appends, t) => {
        const dir = tempDir();
        try {
          const { file, count } = await writeLog(appends, dir);
          const expected = tamper(file, count, t);
          const result = await verify(file);
          expect(result.ok).toBe(false);
          if (!result.ok) {
            expect(result.break).toMatchObject(expected);
            expect(result.break.message).toContain(`${expected.kind} at position ${expected.position}`);
            // Every row before the break verified; after a truncation, every row left did.
            const verified =
              expected.kind === 'head-mismatch' ? count - removed(t, count) : expected.position - 1;
            expect(result.count).toBe(verified);
          }
          // The incremental check from the genesis (no mark yet) detects it too.
          const reader = await openReadonlyLedger(file);
          try {
            expect((await verifyChainIncrementally(reader)).result.ok).toBe(false);
          } finally {
            await reader.close();
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 80 },
    );
  });

  it('reports the kinds named in its documentation on fixed examples', async () => {
    const dir = tempDir();
    try {
      const appends = [
        {
          stream: 'action:A1',
          events: [
            { type: 'CommentAdded', effectiveOn: '2023-04-01' as BusinessDate, data: { comment: 'a' } },
          ] as PendingEvent[],
          metadata: {},
          keyed: false,
        },
        {
          stream: 'action:B2',
          events: [
            {
              type: 'ProgressUpdated',
              effectiveOn: '2023-04-01' as BusinessDate,
              data: { percentComplete: 40 },
            },
          ] as PendingEvent[],
          metadata: { actor: 'j.smith' },
          keyed: true,
        },
        {
          stream: 'action:A1',
          events: [
            { type: 'CommentAdded', effectiveOn: '2023-06-30' as BusinessDate, data: { comment: 'b' } },
          ] as PendingEvent[],
          metadata: {},
          keyed: false,
        },
      ];
      const { file, count } = await writeLog(appends, dir);
      // 40% becomes 90%: the auditor's nightmare.
      const db = new Database(file);
      db.exec('DROP TRIGGER events_are_append_only_update');
      db.prepare(`UPDATE events SET data = '{"percentComplete":90}' WHERE position = 2`).run();
      db.close();
      expect(await verify(file)).toEqual({
        ok: false,
        count: 1,
        break: {
          kind: 'hash-mismatch',
          position: 2,
          message: 'hash-mismatch at position 2: its stored content no longer matches its hash',
        },
      });
      expect(count).toBe(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the recorded-time axis', () => {
  it('a forged, correctly chained row recorded before its predecessor fails verification', async () => {
    const dir = tempDir();
    try {
      const comment = (c: string) => ({
        stream: 'action:A1',
        events: [
          { type: 'CommentAdded', effectiveOn: '2023-04-01' as BusinessDate, data: { comment: c } },
        ] as PendingEvent[],
        metadata: {},
        keyed: false,
      });
      const { file } = await writeLog([comment('a'), comment('b'), comment('c'), comment('d')], dir);
      // Recorded 09:00:00, :01, :02, :03. The forger moves position 3 to 08:00 and recomputes
      // every hash from it on, and the head: the chain links, only the time axis is wrong.
      tamperWithEvent(file, 3, { recorded_at: '2024-01-15T08:00:00.000000Z' }, { rechain: true });
      // What the attack bought: "as known at 08:30" now includes events 1 to 3, recorded after it.
      const reader = await openReadonlyLedger(file);
      try {
        expect(await reader.positionAt('2024-01-15T08:30:00Z')).toBe(3);
      } finally {
        await reader.close();
      }
      expect(await verify(file)).toEqual({
        ok: false,
        count: 2,
        break: {
          kind: 'recorded-time',
          position: 3,
          message:
            'recorded-time at position 3: it was recorded at 2024-01-15T08:00:00.000000Z, before position 2 (2024-01-15T09:00:01.000000Z); recorded times must strictly increase with position, so "as known at" a time would be wrong',
        },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** How many rows the tampering removed from the end of the log. */
function removed(t: Tampering, count: number): number {
  if (t.kind === 'truncate') return (t.rows % count) + 1;
  if (t.kind === 'delete') return 1;
  return 0;
}
