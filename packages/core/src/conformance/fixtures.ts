import { expect } from 'vitest';
import { LedgerError, type LedgerErrorCode } from '../errors/index.js';
import type { EventEnvelope, PendingEvent } from '../events/index.js';
import type { EventStore, LogHead } from '../store/event-store.js';
import type { LedgerClock } from '../store/recorded-clock.js';
import type { BusinessDate } from '../time/index.js';
import type { EngineOpenOptions, EngineUnderTest, OpenedEngine } from './engine-under-test.js';

/** The first recorded time of every conformance ledger. */
export const CLOCK_START = '2024-01-15T09:00:00Z';

/**
 * A deterministic clock for the suite: `start`, then `stepMs` later on every reading, so every
 * recorded time is known in advance and times on both axes can be compared exactly.
 *
 * @example
 * ```ts
 * const opened = await engine.open({ clock: conformanceClock() });
 * ```
 */
export function conformanceClock(start: string = CLOCK_START, stepMs = 1_000): LedgerClock {
  let next = Date.parse(start);
  return () => {
    const reading = new Date(next);
    next += stepMs;
    return reading;
  };
}

/**
 * Opens a fresh ledger, runs `work` on it and disposes of it whatever happens.
 *
 * @example
 * ```ts
 * await withEngine(engine, {}, async ({ store }) => { await store.append(requests); });
 * ```
 */
export async function withEngine<T>(
  engine: EngineUnderTest,
  options: EngineOpenOptions,
  work: (opened: OpenedEngine) => Promise<T>,
): Promise<T> {
  const opened = await engine.open({ clock: conformanceClock(), ...options });
  try {
    return await work(opened);
  } finally {
    await opened.dispose();
  }
}

/** A `CommentAdded` event, valid on every engine, with no domain rule attached. */
export function comment(text: string, effectiveOn = '2023-06-30'): PendingEvent {
  return { type: 'CommentAdded', effectiveOn: effectiveOn as BusinessDate, data: { comment: text } };
}

/** A `ProgressUpdated` event. */
export function progress(percentComplete: number, effectiveOn = '2023-06-30'): PendingEvent {
  return {
    type: 'ProgressUpdated',
    effectiveOn: effectiveOn as BusinessDate,
    data: { percentComplete },
  };
}

/** `count` comments named `${label}0`, `${label}1`, … */
export function comments(label: string, count: number): PendingEvent[] {
  return Array.from({ length: count }, (_, i) => comment(`${label}${i}`));
}

/** The whole log, read through {@link EventStore.readAllBatches}. */
export async function readLog(
  store: EventStore,
  options: { readonly upTo?: number } = {},
): Promise<EventEnvelope[]> {
  const events: EventEnvelope[] = [];
  for await (const batch of store.readAllBatches(options)) events.push(...batch);
  return events;
}

/** What a store holds, to compare before and after something that must write nothing. */
export interface StoreSnapshot {
  readonly head: LogHead;
  readonly log: readonly EventEnvelope[];
}

/** The head and the whole log. */
export async function snapshotOf(store: EventStore): Promise<StoreSnapshot> {
  return { head: await store.head(), log: await readLog(store) };
}

/**
 * The error a promise rejects with; fails the test when it resolves.
 *
 * @example
 * ```ts
 * const error = await rejectionOf(store.append(requests));
 * ```
 */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to be refused, but it succeeded');
}

/** Expects the promise to reject with a {@link LedgerError} of `code`, and returns the error. */
export async function expectLedgerError(
  promise: Promise<unknown>,
  code: LedgerErrorCode,
): Promise<LedgerError> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(LedgerError);
  expect((error as LedgerError).code).toBe(code);
  return error as LedgerError;
}

/** Property runs for an engine (each run opens a fresh ledger). */
export function runsFor(engine: EngineUnderTest, scale = 1): number {
  return Math.max(1, Math.round((engine.propertyRuns ?? 20) * scale));
}
