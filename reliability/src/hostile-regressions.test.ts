import type { CommandInput, Ledger, PendingEvent } from '@perfledger/core';
import { importSnapshot } from '@perfledger/import';
import { openLedger } from '@perfledger/sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { openHostileLedger } from './scenarios/hostile-input.js';
import { assertRefused, assertRefusedAsync } from './support/assert-refused.js';

// The inputs fast-check found that escaped as a TypeError, a RangeError from SQLite's binding,
// or were silently accepted, before the fixes at the boundary. Kept as fixed cases so they
// stay refused whatever the generators do next.
const target = await openHostileLedger();
afterAll(async () => await target.close());
const { ledger, file } = target;
const comment: CommandInput = { type: 'AddComment', code: 'A1', effectiveOn: '2024-07-01', comment: 'x' };
const event = {
  type: 'CommentAdded',
  effectiveOn: '2024-07-01',
  data: { comment: 'x' },
} as unknown as PendingEvent;
const csv =
  'code,title,directorate,section,stage,due_date,percent_complete,status,comments\r\nIMP_01,T,D,S,In Progress,31/03/2025,5%,Green,c';
const any = (value: unknown) => value as never;

const cases: readonly [string, (ledger: Ledger) => unknown][] = [
  ['execute with null metadata (was a TypeError)', async (l) => await l.execute(comment, any(null))],
  ['execute with metadata 5 (was accepted)', async (l) => await l.execute(comment, any(5))],
  [
    'execute with an idempotency key that is a list (was a RangeError from SQLite)',
    async (l) => await l.execute(comment, any({ idempotencyKey: ['', ''] })),
  ],
  [
    'append with null options (was a TypeError)',
    async (l) => await l.append('action:A1', [event], any(null)),
  ],
  [
    'appendMany with null metadata (was a TypeError)',
    async (l) => await l.appendMany([{ stream: 'action:A1', events: [event] }], any(null)),
  ],
  [
    'append of an event whose type is a BigInt (was a TypeError)',
    async (l) => await l.append('action:A1', [any({ ...event, type: 0n })]),
  ],
  ['getAction with null asOf (was a TypeError)', async (l) => await l.getAction('A1', any(null))],
  [
    'getAction with a code that is not a string (was an answer for "action:[object Object]")',
    async (l) => await l.getAction(any({})),
  ],
  ['getActions(null) (was a TypeError)', async (l) => await l.getActions(any(null))],
  [
    'getActions with a plan that is a list (was accepted)',
    async (l) => await l.getActions(any({ plan: [''] })),
  ],
  [
    'positionAt of a day that does not exist (was rolled over to 1 March)',
    async (l) => await l.positionAt('2023-02-29T00:00:00Z'),
  ],
  [
    'knownAt with a trailing NUL (was accepted)',
    async (l) => await l.getAction('A1', { knownAt: '2024-01-15T09:00:00Z\u0000' }),
  ],
  [
    'knownAt without a zone (meant a different instant on every host)',
    async (l) => await l.positionAt('2024-01-15T09:00:00'),
  ],
  [
    'readStream with an options object of objects (was a RangeError from SQLite)',
    async (l) => await l.readStream('action:A1', any({ fromVersion: {} })),
  ],
  [
    'readAll after NaN (was silently empty)',
    async (l) => {
      const events = [];
      for await (const event of l.readAll({ after: Number.NaN })) events.push(event);
      return events;
    },
  ],
  [
    'importSnapshot with a source name that is a list (was a TypeError)',
    async (l) =>
      await importSnapshot(l, any({ name: [], format: 'csv', content: csv }), { asOf: '2024-06-30' }),
  ],
  [
    'importSnapshot with format 0n (was a TypeError)',
    async (l) =>
      await importSnapshot(l, any({ name: 'q.csv', format: 0n, content: csv }), { asOf: '2024-06-30' }),
  ],
  [
    "importSnapshot with format 'xml' (was read as CSV)",
    async (l) =>
      await importSnapshot(l, any({ name: 'q.csv', format: 'xml', content: csv }), { asOf: '2024-06-30' }),
  ],
  [
    'importSnapshot with status key 0n (was a TypeError)',
    async (l) =>
      await importSnapshot(
        l,
        { name: 'q.csv', format: 'csv', content: csv },
        any({ asOf: '2024-06-30', statusKey: 0n }),
      ),
  ],
  [
    'importSnapshot with null options (was a TypeError)',
    async (l) => await importSnapshot(l, { name: 'q.csv', format: 'csv', content: csv }, any(null)),
  ],
  [
    'importSnapshot from null (was a TypeError)',
    async (l) => await importSnapshot(l, any(null), { asOf: '2024-06-30' }),
  ],
  [
    'importSnapshot from { file: 42 } (was a TypeError)',
    async (l) => await importSnapshot(l, any({ file: 42 }), { asOf: '2024-06-30' }),
  ],
];

const openCases: readonly [string, unknown][] = [
  ['await openLedger(null) (was a TypeError)', null],
  ['await openLedger({}) (opened an anonymous temporary database)', {}],
  ['openLedger with file 42 (was a TypeError)', { file: 42 }],
  ["durability 'bogus' (silently meant 'normal')", { file, durability: 'bogus' }],
  ['busyTimeoutMs NaN (was a TypeError)', { file, busyTimeoutMs: Number.NaN }],
  ['busyTimeoutMs 2^40 (was a RangeError)', { file, busyTimeoutMs: 2 ** 40 }],
  ["readonly 'yes' (was a TypeError)", { file, readonly: 'yes' }],
  ["statusKeys 'x' (was a TypeError)", { file, statusKeys: 'x' }],
  ['upcasters [null] (was a TypeError)', { file, upcasters: [null] }],
  ['upcasters [{}] (was accepted)', { file, upcasters: [{}] }],
  ['clock 5 (was a TypeError at the first append)', { file, clock: 5 }],
];

describe('hostile inputs found by fast-check stay refused', () => {
  it.each(cases)('%s', async (_, work) => {
    const error = await assertRefusedAsync(file, () => work(ledger));
    expect(error.code).toMatch(/^(VALIDATION_FAILED|SNAPSHOT_INVALID)$/);
  });

  it.each(openCases)('%s', async (_, options) => {
    const error = await assertRefused(file, async () => (await openLedger(options as never)).close());
    expect(error.code).toBe('VALIDATION_FAILED');
  });

  it('stores -0 as 0, and the chain still verifies', async () => {
    const result = await ledger.execute({
      type: 'UpdateProgress',
      code: 'A1',
      effectiveOn: '2024-07-01',
      percentComplete: -0,
    });
    expect(result.events).toHaveLength(1);
    expect(Object.is((await ledger.getAction('A1'))?.percentComplete, 0)).toBe(true);
    expect((await ledger.verify()).ok).toBe(true);
  });
});
