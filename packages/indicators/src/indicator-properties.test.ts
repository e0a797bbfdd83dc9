import {
  type EventEnvelope,
  foldIndicator,
  type IndicatorState,
  type Ledger,
  parseIndicatorPeriod,
  previousIndicatorPeriod,
} from '@perfledger/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indicatorHistory } from './indicator-history.js';
import { indicatorItemOf, reportsFor, targetFor } from './indicator-item.js';
import { indicatorRestatements } from './indicator-restatements.js';
import { indicatorView } from './indicator-view.js';
import { dumpIndicatorTables, openIndicatorLedger } from './test-support/indicator-ledger.js';
import {
  applyRandomCommands,
  indicatorHistoryArbitrary,
  RANDOM_PERIODS,
} from './test-support/random-indicator-history.js';

const history = indicatorHistoryArbitrary;
const RUNS = { numRuns: 15 };

async function logUpTo(ledger: Ledger, upTo: number): Promise<EventEnvelope[]> {
  const events: EventEnvelope[] = [];
  for await (const event of ledger.readAll({ upTo })) events.push(event);
  return events;
}

/** Every indicator's state folded straight from the first `upTo` events of the log, by code. */
async function replay(ledger: Ledger, upTo: number): Promise<Map<string, IndicatorState>> {
  const streams = new Map<string, EventEnvelope[]>();
  for (const event of await logUpTo(ledger, upTo)) {
    if (!event.stream.startsWith('indicator:')) continue;
    streams.set(event.stream, [...(streams.get(event.stream) ?? []), event]);
  }
  const states = new Map<string, IndicatorState>();
  for (const events of streams.values()) {
    const state = foldIndicator(events);
    if (state !== undefined) states.set(state.code, state);
  }
  return states;
}

async function withRandomLedger(
  commands: Parameters<typeof applyRandomCommands>[1],
  body: (ledger: Ledger) => Promise<void>,
) {
  const temp = await openIndicatorLedger();
  try {
    await applyRandomCommands(temp.ledger, commands);
    await body(temp.ledger);
  } finally {
    await temp.cleanup();
  }
}

describe('indicator read side, over random accepted histories', () => {
  it('the view as known at position N equals a replay of the first N events', async () => {
    await fc.assert(
      fc.asyncProperty(history, fc.double({ min: 0, max: 1, noNaN: true }), async (commands, fraction) => {
        await withRandomLedger(commands, async (ledger) => {
          const head = (await ledger.head()).position;
          const position = Math.floor(fraction * head);
          const states = [...(await replay(ledger, position)).values()].sort((a, b) =>
            a.code < b.code ? -1 : 1,
          );
          for (const label of RANDOM_PERIODS) {
            const view = await indicatorView(ledger, { period: label, knownAt: { position } });
            const period = parseIndicatorPeriod(label);
            const expected = states
              .filter((state) => reportsFor(state.frequency, period))
              .map((state) => indicatorItemOf(state, period, ledger.statusKeys.get(state.statusKey)));
            expect(view.basis.position).toBe(position);
            expect(view.items).toEqual(expected);
          }
        });
      }),
      { numRuns: 25 },
    );
  });

  it('a correction never loses the first value recorded for its period', async () => {
    await fc.assert(
      fc.asyncProperty(history, async (commands) => {
        await withRandomLedger(commands, async (ledger) => {
          const firstRecorded = new Map<string, unknown>();
          for (const event of await logUpTo(ledger, (await ledger.head()).position)) {
            if (event.type !== 'IndicatorValueRecorded') continue;
            const key = `${event.stream}|${event.data.period}`;
            if (!firstRecorded.has(key)) firstRecorded.set(key, event.data.value);
          }
          for (const code of ['PCT', 'DAYS', 'YES', 'BAND']) {
            const state = await ledger.getIndicator(code);
            for (const [period, entry] of Object.entries(state?.values ?? {})) {
              expect(entry.first.value).toEqual(firstRecorded.get(`indicator:${code}|${period}`));
            }
            const trend = await indicatorHistory(ledger, code);
            for (const line of trend?.periods ?? []) {
              if (state?.values[line.period] !== undefined) {
                expect(line.firstValue).toEqual(firstRecorded.get(`indicator:${code}|${line.period}`));
              }
            }
          }
        });
      }),
      RUNS,
    );
  });

  it('the derived status depends only on the value, target, polarity and tolerance in force', async () => {
    await fc.assert(
      fc.asyncProperty(history, async (commands) => {
        await withRandomLedger(commands, async (ledger) => {
          for (const label of RANDOM_PERIODS) {
            const period = parseIndicatorPeriod(label);
            const view = await indicatorView(ledger, { period: label });
            for (const item of view.items) {
              const state = (await ledger.getIndicator(item.code))!;
              // The same indicator stripped of everything else: no statuses, comments,
              // comparators, other periods' values or targets, no other tolerance.
              const before = previousIndicatorPeriod(period)?.label;
              const { period: targetPeriod } = targetFor(state, period);
              const keep = <T>(record: Readonly<Record<string, T>>, labels: (string | null | undefined)[]) =>
                Object.fromEntries(Object.entries(record).filter(([key]) => labels.includes(key)));
              const bare: IndicatorState = {
                ...state,
                values: keep(state.values, [label, before]),
                targets: keep(state.targets, [targetPeriod]),
                tolerances: state.tolerances.filter((t) => t.effectiveOn <= period.end).slice(-1),
                statuses: {},
                comparators: {},
                comments: {},
              };
              const stripped = indicatorItemOf(bare, period, ledger.statusKeys.get(state.statusKey));
              expect([stripped.derivedStatus, stripped.targetMet]).toEqual([
                item.derivedStatus,
                item.targetMet,
              ]);
            }
          }
        });
      }),
      RUNS,
    );
  });

  it('a rebuild of the projection equals incremental processing, row for row', async () => {
    await fc.assert(
      fc.asyncProperty(history, async (commands) => {
        await withRandomLedger(commands, async (ledger) => {
          const incremental = await dumpIndicatorTables(ledger);
          await ledger.projections.rebuild(['indicators']);
          expect(await dumpIndicatorTables(ledger)).toEqual(incremental);
        });
      }),
      RUNS,
    );
  });

  it('every reader processes every accepted history without failing', async () => {
    await fc.assert(
      fc.asyncProperty(history, fc.double({ min: 0, max: 1, noNaN: true }), async (commands, fraction) => {
        await withRandomLedger(commands, async (ledger) => {
          const position = Math.floor(fraction * (await ledger.head()).position);
          for (const label of RANDOM_PERIODS) {
            const view = await indicatorView(ledger, { period: label, by: 'plan' });
            expect(JSON.parse(JSON.stringify(view))).toEqual(view);
            await indicatorRestatements(ledger, { period: label, knownAt: { position } });
          }
          for (const code of ['PCT', 'days', 'YES', 'BAND'])
            expect(await indicatorHistory(ledger, code)).toBeDefined();
        });
      }),
      RUNS,
    );
  });
});
