import { existsSync, readFileSync } from 'node:fs';
import {
  type ActionState,
  type BusinessDate,
  builtInStatusKeys,
  type CommandInput,
  ConcurrencyError,
  type EventEnvelope,
  effectiveOrder,
  evolve,
  foldAction,
  type Ledger,
  LedgerError,
  type PendingEvent,
  streamOf,
} from '@perfledger/core';
import { HISTORY_CODES, HISTORY_DATES } from '@perfledger/core/conformance';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../open-ledger.js';
import { createTempLedger, steppingClock, type TempLedger } from '../testing/index.js';

// Random command sequences over a few actions. Most are plausible, some are malformed or break
// a rule (and are refused): both kinds are the point.

// The conformance suite's codes and dates, and one more of each: these histories are wider than
// the suite's (malformed percentages, status spellings, amendments), which is this test's point.
const CODES = [...HISTORY_CODES, 'LA1821_01.1'] as const;
const DATES = [...HISTORY_DATES, '2024-06-30'];
const STATUS_WORDS = [
  ...new Set(builtInStatusKeys.flatMap((key) => key.values)),
  'green',
  ' AMBER ',
  'complete',
  'Blue',
];

const date = fc.constantFrom(...DATES);

function commandFor(codes: readonly string[]): fc.Arbitrary<CommandInput> {
  const code = fc.constantFrom(...codes);
  const base = { code, effectiveOn: date };
  return fc.oneof(
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('RegisterAction' as const),
        ...base,
        title: fc.constantFrom('Widen e-forms', 'Refresh the local plan'),
        plan: fc.constant('Corporate Plan'),
        directorate: fc.constantFrom('Place', 'Resources'),
        section: fc.constant('Policy'),
        dueDate: date,
        statusKey: fc.constantFrom('rag', 'pentana', 'delivery-plan'),
      }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        type: fc.constant('UpdateProgress' as const),
        ...base,
        percentComplete: fc.integer({ min: -2, max: 102 }),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        type: fc.constant('ChangeStatus' as const),
        ...base,
        status: fc.constantFrom(...STATUS_WORDS),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        type: fc.constant('ReviseDueDate' as const),
        ...base,
        to: date,
        reason: fc.constant('Slipped'),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('CloseAction' as const),
        ...base,
        outcome: fc.constantFrom('completed' as const, 'cancelled' as const),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('ReopenAction' as const),
        ...base,
        reason: fc.constant('Reopened'),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record(
        {
          type: fc.constant('AmendActionDetails' as const),
          ...base,
          title: fc.constantFrom('Widen e-forms', 'New title'),
          owner: fc.constantFrom('J. Smith', 'A. Jones'),
        },
        { requiredKeys: ['type', 'code', 'effectiveOn'] },
      ),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('AddComment' as const),
        ...base,
        comment: fc.constant('On track'),
      }),
    },
  ) as fc.Arbitrary<CommandInput>;
}

/**
 * Each action in play is registered first (on an early date, so most later commands are
 * effective after it), then come batches of one to three commands, each run with executeAll.
 */
const scenario = fc.integer({ min: 1, max: CODES.length }).chain((count) => {
  const codes = CODES.slice(0, count);
  const registrations = fc.tuple(
    ...codes.map((code) =>
      fc.record({
        type: fc.constant('RegisterAction' as const),
        code: fc.constant(code),
        effectiveOn: fc.constantFrom('2023-04-01', '2023-04-01', '2023-06-30'),
        title: fc.constant('Widen e-forms'),
        plan: fc.constant('Corporate Plan'),
        directorate: fc.constantFrom('Place', 'Resources'),
        section: fc.constant('Policy'),
        dueDate: date,
        statusKey: fc.constantFrom('rag', 'pentana', 'delivery-plan'),
      }),
    ),
  );
  const command = commandFor(codes);
  const batch = fc.oneof(
    { weight: 4, arbitrary: command.map((c) => [c]) },
    { weight: 1, arbitrary: fc.array(command, { minLength: 2, maxLength: 3 }) },
  );
  return fc
    .tuple(registrations, fc.array(batch, { minLength: 1, maxLength: 20 }))
    .map(([registered, batches]): CommandInput[][] => [...registered.map((r) => [r]), ...batches]);
});

interface Played {
  readonly accepted: EventEnvelope[];
  readonly rejected: number;
}

async function play(
  ledger: Ledger,
  steps: readonly (readonly CommandInput[])[],
  onStep?: (refused: boolean, written: number) => void,
): Promise<Played> {
  const accepted: EventEnvelope[] = [];
  let rejected = 0;
  for (const batch of steps) {
    try {
      const { events } = await ledger.executeAll(batch);
      accepted.push(...events);
      onStep?.(false, events.length);
    } catch (error) {
      if (!(error instanceof LedgerError)) throw error;
      rejected += 1;
      onStep?.(true, 0);
    }
  }
  return { accepted, rejected };
}

async function withTempLedger<T>(run: (temp: TempLedger) => Promise<T>): Promise<T> {
  const temp = await createTempLedger({
    durability: 'normal',
    clock: steppingClock('2024-01-15T09:00:00Z', -250),
  });
  try {
    return await run(temp);
  } finally {
    await temp.cleanup();
  }
}

/** The whole log, read through the ledger's async iterator. */
async function readLog(ledger: Ledger): Promise<EventEnvelope[]> {
  const log: EventEnvelope[] = [];
  for await (const event of ledger.readAll()) log.push(event);
  return log;
}

const DB_RUNS = { numRuns: 40 };

describe('ledger properties over random command sequences', () => {
  it('folding a stream equals getAction, and equals folding what the appends returned', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, (steps) =>
        withTempLedger(async ({ ledger }) => {
          const { accepted } = await play(ledger, steps);
          for (const code of CODES) {
            const stream = await ledger.readStream(streamOf(code));
            expect(foldAction(stream)).toEqual(await ledger.getAction(code));
            expect(foldAction(accepted.filter((e) => e.stream === streamOf(code)))).toEqual(
              await ledger.getAction(code),
            );
          }
        }),
      ),
      DB_RUNS,
    );
  });

  it('the state as known at position N is the replay of the first N events, on either axis', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, date, (steps, asAt) =>
        withTempLedger(async ({ ledger }) => {
          await play(ledger, steps);
          const log = await readLog(ledger);
          for (let n = 0; n <= log.length; n++) {
            const firstN = log.slice(0, n);
            for (const code of CODES) {
              const known = firstN.filter((e) => e.stream === streamOf(code));
              expect(await ledger.getAction(code, { knownAt: { position: n } })).toEqual(foldAction(known));
              expect(await ledger.getAction(code, { knownAt: { position: n }, asAt })).toEqual(
                foldAction(known, asAt as BusinessDate),
              );
            }
          }
        }),
      ),
      { numRuns: 20 },
    );
  });

  it('never breaks an invariant', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, (steps) =>
        withTempLedger(async ({ ledger }) => {
          await play(ledger, steps);
          const log = await readLog(ledger);
          expect(log.map((e) => e.position)).toEqual(log.map((_, i) => i + 1));
          for (let i = 1; i < log.length; i++) expect(log[i]!.recordedAt > log[i - 1]!.recordedAt).toBe(true);
          for (const code of CODES) {
            const events = await ledger.readStream(streamOf(code));
            expect(events.map((e) => e.streamVersion)).toEqual(events.map((_, i) => i + 1));
            const state = await ledger.getAction(code);
            if (state === undefined) {
              expect(events).toEqual([]);
              continue;
            }
            expectStateInvariants(ledger, state, events);
            expectConsistentTimeline(events);
          }
          expect(await ledger.verify()).toEqual({
            ok: true,
            count: log.length,
            headPosition: log.length,
            headHash: log.at(-1)?.hash ?? '0'.repeat(64),
          });
        }),
      ),
      DB_RUNS,
    );
  });

  it('a refused command or batch leaves the database file and its WAL byte for byte unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, (steps) =>
        withTempLedger(async ({ ledger, file }) => {
          let before = snapshot(file);
          await play(ledger, steps, (refused, written) => {
            const after = snapshot(file);
            if (refused) expect(after.equals(before)).toBe(true);
            // The snapshot does see writes: an accepted command that wrote events changes it.
            if (written > 0) expect(after.equals(before)).toBe(false);
            before = after;
          });
        }),
      ),
      DB_RUNS,
    );
  });

  it('replay is deterministic', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, (steps) =>
        withTempLedger(async ({ ledger, file }) => {
          await play(ledger, steps);
          const second = await openLedger({ file, readonly: true });
          try {
            for (const code of CODES) {
              const events = await ledger.readAction(code);
              const once = foldAction(events);
              expect(foldAction(events)).toEqual(once);
              expect(foldAction(await second.readAction(code))).toEqual(once);
              expect(await second.getAction(code)).toEqual(once);
            }
          } finally {
            await second.close();
          }
        }),
      ),
      { numRuns: 20 },
    );
  });
});

describe('two connections on one file', () => {
  const comment = (text: string): PendingEvent => ({
    type: 'CommentAdded',
    effectiveOn: '2023-06-30' as BusinessDate,
    data: { comment: text },
  });

  it('appending at the same expected version: exactly one wins, the other gets ConcurrencyError', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 3 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        (existing, firstGoesFirst, countA, countB) =>
          withTempLedger(async ({ ledger: a, file }) => {
            const b = await openLedger({ file, durability: 'normal' });
            try {
              const stream = 'action:A1';
              if (existing > 0)
                await a.append(
                  stream,
                  Array.from({ length: existing }, (_, i) => comment(`seed ${i}`)),
                );
              // Both have read the stream at the same version before either writes.
              const seenByA = await a.store.streamVersion(stream);
              const seenByB = await b.store.streamVersion(stream);
              expect(seenByA).toBe(seenByB);
              const expectedVersion = seenByA === 0 ? ('no-stream' as const) : seenByA;
              const attempts = [
                () =>
                  a.append(
                    stream,
                    Array.from({ length: countA }, (_, i) => comment(`a${i}`)),
                    { expectedVersion },
                  ),
                () =>
                  b.append(
                    stream,
                    Array.from({ length: countB }, (_, i) => comment(`b${i}`)),
                    { expectedVersion },
                  ),
              ];
              if (!firstGoesFirst) attempts.reverse();
              // One after the other, each awaited: the second sees the first's commit.
              const outcomes: unknown[] = [];
              for (const attempt of attempts) {
                try {
                  outcomes.push(await attempt());
                } catch (error) {
                  outcomes.push(error);
                }
              }
              const errors = outcomes.filter((o) => o instanceof Error);
              expect(errors).toHaveLength(1);
              const [error] = errors;
              expect(error).toBeInstanceOf(ConcurrencyError);
              const winnerCount = firstGoesFirst ? countA : countB;
              expect(error).toMatchObject({ expected: expectedVersion, actual: existing + winnerCount });
              expect(await a.store.streamVersion(stream)).toBe(existing + winnerCount);
              expect(await b.readStream(stream)).toEqual(await a.readStream(stream));
              expect((await b.verify()).ok).toBe(true);
            } finally {
              await b.close();
            }
          }),
      ),
      { numRuns: 30 },
    );
  });
});

function expectStateInvariants(ledger: Ledger, state: ActionState, events: readonly EventEnvelope[]): void {
  // Unknown (null) until reported, never 0; once reported, a whole number from 0 to 100.
  if (state.percentComplete !== null) {
    expect(Number.isInteger(state.percentComplete)).toBe(true);
    expect(state.percentComplete).toBeGreaterThanOrEqual(0);
    expect(state.percentComplete).toBeLessThanOrEqual(100);
  }
  const key = ledger.statusKeys.require(state.statusKey);
  if (state.status !== null) expect(key.values).toContain(state.status);
  const registration = events[0];
  expect(registration?.type).toBe('ActionRegistered');
  if (registration?.type === 'ActionRegistered')
    expect(state.originalDueDate).toBe(registration.data.dueDate);
  expect(state.dueDateRevisions).toBe(events.filter((e) => e.type === 'DueDateRevised').length);
  expect(state.version).toBe(events.length);
  expect(state.eventCount).toBe(events.length);
}

/**
 * Replays a stream in effective order and checks that every fact still makes sense where it
 * landed: back-dated commands must never have made a later fact untrue.
 */
function expectConsistentTimeline(events: readonly EventEnvelope[]): void {
  let state: ActionState | undefined;
  for (const event of effectiveOrder(events)) {
    if (event.type === 'ActionRegistered') {
      expect(state).toBeUndefined();
    } else {
      if (state === undefined) throw new Error(`${event.type} before the registration`);
      if (state.closed !== null) expect(['ActionReopened', 'CommentAdded']).toContain(event.type);
      if (event.type === 'ActionReopened') expect(state.closed).not.toBeNull();
      if (event.type === 'DueDateRevised') {
        expect(event.data.from).toBe(state.dueDate);
        expect(event.data.to).not.toBe(state.dueDate);
      }
    }
    state = evolve(state, event);
  }
}

function snapshot(file: string): Buffer {
  const wal = `${file}-wal`;
  return Buffer.concat([readFileSync(file), existsSync(wal) ? readFileSync(wal) : Buffer.alloc(0)]);
}
