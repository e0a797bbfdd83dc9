import { join } from 'node:path';
import type { CommandInput, Ledger } from '@perfledger/core';
import { importSnapshot } from '@perfledger/import';
import { openLedger, openReadonlyLedger } from '@perfledger/sqlite';
import fc from 'fast-check';
import { assertRefused, assertRefusedAsync } from '../support/assert-refused.js';
import { makeTempDir, removeDir } from '../support/database-files.js';
import {
  hugeString,
  invalidCode,
  invalidDate,
  invalidExpectedVersion,
  invalidKnownAt,
  invalidPercent,
  invalidText,
  wrongType,
} from '../support/hostile-values.js';
import { standardProjections } from '../support/standard-projections.js';

/** A ledger with a little history, every standard projection inline, for hostile input to bounce off. */
export interface HostileLedger {
  readonly ledger: Ledger;
  readonly file: string;
  readonly dir: string;
  close(): Promise<void>;
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

/** Opens a fresh ledger: A1 open (20%, Green), A2 closed, the standard projections inline. */
export async function openHostileLedger(): Promise<HostileLedger> {
  const dir = makeTempDir('perfledger-hostile-');
  const file = join(dir, 'ledger.db');
  const ledger = await openLedger({ file, projections: standardProjections });
  await ledger.executeAll([
    { ...REGISTER, code: 'A1' },
    { ...REGISTER, code: 'A2', title: 'Review leisure services' },
    { type: 'UpdateProgress', code: 'A1', effectiveOn: '2024-03-31', percentComplete: 20 },
    { type: 'ChangeStatus', code: 'A1', effectiveOn: '2024-03-31', status: 'Green' },
    { type: 'CloseAction', code: 'A2', effectiveOn: '2024-06-30', outcome: 'completed' },
  ]);
  return {
    ledger,
    file,
    dir,
    async close() {
      await ledger.close();
      removeDir(dir);
    },
  };
}

type FieldKind =
  | 'code'
  | 'date'
  | 'date?'
  | 'percent'
  | 'outcome'
  | 'statusKey'
  | `text:${number}`
  | `text?:${number}`;

interface ValidCommand {
  readonly command: CommandInput;
  readonly fields: Readonly<Record<string, FieldKind>>;
}

const COMMON = { code: 'code', effectiveOn: 'date?', note: 'text?:10000' } as const;

/** One well-formed command of each type that the hostile ledger would accept. */
const VALID_COMMANDS: readonly ValidCommand[] = [
  {
    command: {
      ...REGISTER,
      code: 'NEW_01',
      effectiveOn: '2024-07-01',
      description: 'A new action',
      owner: 'Head of Planning',
      note: 'registered in Q2',
    },
    fields: {
      ...COMMON,
      title: 'text:500',
      description: 'text?:5000',
      plan: 'text:200',
      directorate: 'text:200',
      section: 'text:200',
      owner: 'text?:200',
      dueDate: 'date',
      statusKey: 'statusKey',
    },
  },
  {
    command: { type: 'UpdateProgress', code: 'A1', effectiveOn: '2024-07-01', percentComplete: 55 },
    fields: { ...COMMON, percentComplete: 'percent' },
  },
  {
    command: { type: 'ChangeStatus', code: 'A1', effectiveOn: '2024-07-01', status: 'Amber' },
    fields: { ...COMMON, status: 'text:100' },
  },
  {
    command: {
      type: 'ReviseDueDate',
      code: 'A1',
      effectiveOn: '2024-07-01',
      to: '2027-01-31',
      reason: 'Examination in public delayed',
      approver: 'Cabinet',
      approvalReference: 'CAB/2024/17',
    },
    fields: {
      ...COMMON,
      to: 'date',
      reason: 'text:5000',
      approver: 'text?:200',
      approvalReference: 'text?:200',
    },
  },
  {
    command: { type: 'CloseAction', code: 'A1', effectiveOn: '2024-07-01', outcome: 'completed' },
    fields: { ...COMMON, outcome: 'outcome' },
  },
  {
    command: { type: 'ReopenAction', code: 'A2', effectiveOn: '2024-07-01', reason: 'Scope extended' },
    fields: { ...COMMON, reason: 'text:5000' },
  },
  {
    command: {
      type: 'AmendActionDetails',
      code: 'A1',
      effectiveOn: '2024-07-01',
      title: 'Adopt the new local plan',
    },
    fields: {
      ...COMMON,
      title: 'text?:500',
      description: 'text?:5000',
      owner: 'text?:200',
      directorate: 'text?:200',
      section: 'text?:200',
      plan: 'text?:200',
    },
  },
  {
    command: { type: 'AddComment', code: 'A1', effectiveOn: '2024-07-01', comment: 'On track for adoption.' },
    fields: { ...COMMON, comment: 'text:10000' },
  },
];

/** Well-formed commands that break a business rule on the hostile ledger. */
const RULE_BREAKING: readonly CommandInput[] = [
  { type: 'UpdateProgress', code: 'NOPE_99', effectiveOn: '2024-07-01', percentComplete: 5 },
  { type: 'UpdateProgress', code: 'A1', effectiveOn: '2023-12-31', percentComplete: 5 },
  { type: 'ChangeStatus', code: 'A1', effectiveOn: '2024-07-01', status: 'Purple' },
  { type: 'ReviseDueDate', code: 'A1', effectiveOn: '2024-07-01', to: '2026-03-31', reason: 'No change' },
  { type: 'UpdateProgress', code: 'A2', effectiveOn: '2024-07-01', percentComplete: 5 },
  { ...REGISTER, code: 'A1' },
  { type: 'ReopenAction', code: 'A1', effectiveOn: '2024-07-01', reason: 'Not closed' },
  { type: 'CloseAction', code: 'A1', effectiveOn: '2024-02-01', outcome: 'completed' },
  { ...REGISTER, code: 'NEW_02', statusKey: 'no-such-key' },
];

function invalidFor(kind: FieldKind): fc.Arbitrary<unknown> {
  if (kind === 'code') return invalidCode;
  if (kind === 'date' || kind === 'date?') return invalidDate;
  if (kind === 'percent') return invalidPercent;
  if (kind === 'outcome')
    return fc.oneof(wrongType, fc.constantFrom('Completed', 'done', 'closed', '', ' completed'));
  if (kind === 'statusKey')
    return fc.oneof(wrongType, hugeString, fc.constantFrom('', 'no-such-key', 'r a g'));
  return invalidText(Number(kind.split(':')[1]));
}

/** Adds an own key to a plain-data object the way JSON.parse would (so `__proto__` is a real key). */
function withOwnKey(value: object, key: string, extra: unknown): unknown {
  const json = JSON.stringify(value);
  const inner = json === '{}' ? '' : `,${json.slice(1, -1)}`;
  return JSON.parse(`{${JSON.stringify(key)}:${JSON.stringify(extra ?? null)}${inner}}`) as unknown;
}

const EXTRA_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'percentcomplete', 'extra'] as const;

/**
 * Commands that are malformed or break a rule: a field of the wrong type or value, a required
 * field missing, an unknown own key (`__proto__` included), a value that is no command at all,
 * or a well-formed command the rules refuse.
 */
export const malformedCommand: fc.Arbitrary<unknown> = fc.oneof(
  fc
    .constantFrom(...VALID_COMMANDS)
    .chain(({ command, fields }) =>
      fc
        .constantFrom(...Object.keys(fields))
        .chain((field) =>
          invalidFor(fields[field]!).map((value) => ({ ...command, [field]: value }) as unknown),
        ),
    ),
  fc.constantFrom(...VALID_COMMANDS).chain(({ command, fields }) => {
    const required = ['type', ...Object.keys(fields).filter((field) => !fields[field]!.includes('?'))];
    return fc.constantFrom(...required).map((field) => {
      const { [field]: _removed, ...rest } = command as unknown as Record<string, unknown>;
      return rest as unknown;
    });
  }),
  fc
    .tuple(fc.constantFrom(...VALID_COMMANDS), fc.constantFrom(...EXTRA_KEYS), fc.jsonValue({ maxDepth: 1 }))
    .map(([{ command }, key, extra]) => withOwnKey(command, key, extra)),
  fc
    .tuple(
      fc.constantFrom(...VALID_COMMANDS),
      fc.oneof(wrongType, fc.constantFrom('__proto__', 'constructor', 'toString', 'registeraction', '')),
    )
    .map(([{ command }, type]) => ({ ...command, type }) as unknown),
  wrongType,
  fc.string(),
  fc.constantFrom(...RULE_BREAKING),
);

/** Metadata that is not an object of short, clean strings. */
export const malformedMetadata: fc.Arbitrary<unknown> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('actor', 'source', 'correlationId', 'causationId', 'idempotencyKey'),
      invalidText(500),
    )
    .map(([key, value]) => ({ [key]: value })),
  fc.constantFrom<unknown>(null, 5, 'j.smith', true, [], ['actor']),
);

/** A fast-check property with a name, so tests and the stress run can report on each. */
export interface NamedProperty {
  readonly name: string;
  /** Synchronous, or asynchronous for entry points that return a promise (`importSnapshot`). */
  readonly property: fc.IRawProperty<unknown[]>;
}

const validComment = {
  type: 'CommentAdded',
  effectiveOn: '2024-07-01',
  data: { comment: 'raw comment' },
} as const;

/** Raw events that are not valid for the catalogue: unknown types, bad dates, bad or extra data. */
const malformedEvent: fc.Arbitrary<unknown> = fc.oneof(
  fc
    .oneof(wrongType, fc.constantFrom('__proto__', 'constructor', 'toString', 'commentAdded', ''))
    .map((type) => ({ ...validComment, type })),
  invalidDate.map((effectiveOn) => ({ ...validComment, effectiveOn })),
  invalidText(10_000).map((comment) => ({ ...validComment, data: { comment } })),
  fc.oneof(wrongType, fc.constant({})).map((data) => ({ ...validComment, data })),
  fc
    .constantFrom(...EXTRA_KEYS)
    .map((key) => ({ ...validComment, data: withOwnKey(validComment.data, key, { polluted: true }) })),
  invalidPercent.map((percentComplete) => ({
    type: 'ProgressUpdated',
    effectiveOn: '2024-07-01',
    data: { percentComplete },
  })),
  wrongType,
);

/** Files a snapshot may be read from that are not valid snapshots. */
const SNAPSHOT_HEADER = [
  'code',
  'title',
  'directorate',
  'section',
  'stage',
  'due_date',
  'percent_complete',
  'status',
  'comments',
];
const SNAPSHOT_ROWS = [
  [
    'IMP_01',
    'Open the new library',
    'People',
    'Libraries',
    'In Progress',
    '31/03/2025',
    '25%',
    'Green',
    'On track.',
  ],
  [
    'IMP_02',
    'Resurface the high street',
    'Place',
    'Highways',
    'In Progress',
    '30 Sep 2025',
    '10%',
    'Amber',
    'Contractor appointed.',
  ],
];

const INVALID_CELLS: Readonly<Record<string, readonly string[]>> = {
  code: ['.IMP', 'IMP 01', 'z'.repeat(65), 'IMP\u000001', 'IMP_01'],
  title: ['Open\u0007 library', `x${'\uD800'}x`, 't'.repeat(501)],
  directorate: ['P\u001beople', 'd'.repeat(201)],
  section: ['S\u0000', 's'.repeat(201)],
  stage: ['Banana', 'In Progress?!', 'x\u0001'],
  due_date: [
    '31-Apr-2020',
    '29/02/2023',
    '2023-02-29',
    '31/04/2020',
    '00/01/2020',
    '32/01/2020',
    'soon',
    'NaN',
  ],
  percent_complete: ['NaN', 'Infinity', '-5%', '150%', 'abc', '-Infinity', '1e309'],
  status: ['Purple', 'G\u0000reen'],
  comments: [`c${'\uDFFF'}`, 'c\u007f', 'c'.repeat(10_001)],
};

function toCsv(rows: readonly (readonly string[])[]): string {
  return rows
    .map((cells) =>
      cells.map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(','),
    )
    .join('\r\n');
}

function toJson(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return JSON.stringify(rows.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i]]))));
}

const badCell = fc
  .tuple(
    fc.integer({ min: 0, max: SNAPSHOT_ROWS.length - 1 }),
    fc.constantFrom(...Object.keys(INVALID_CELLS)),
  )
  .chain(([row, column]) =>
    fc.constantFrom(...INVALID_CELLS[column]!).map((value) => {
      const rows = SNAPSHOT_ROWS.map((cells) => [...cells]);
      // 'IMP_01' as a code is only invalid as a duplicate, on the second row.
      const target = column === 'code' && value === 'IMP_01' ? 1 : row;
      rows[target]![SNAPSHOT_HEADER.indexOf(column)] = value;
      return rows;
    }),
  );

const badHeader = fc
  .tuple(
    fc.integer({ min: 0, max: SNAPSHOT_HEADER.length - 1 }),
    fc.constantFrom('drop', '__proto__', 'constructor', 'duplicate'),
  )
  .map(([index, how]) => {
    const header = [...SNAPSHOT_HEADER];
    const rows = SNAPSHOT_ROWS.map((cells) => [...cells]);
    if (how === 'drop') {
      header.splice(index, 1);
      for (const cells of rows) cells.splice(index, 1);
    } else if (how === 'duplicate') {
      header.push(header[index]!);
      for (const cells of rows) cells.push(cells[index]!);
    } else header[index] = how;
    return { header, rows };
  });

/** CSV snapshots with a bad cell, a bad header, or broken structure. */
export const malformedCsv: fc.Arbitrary<string> = fc.oneof(
  badCell.map((rows) => toCsv([SNAPSHOT_HEADER, ...rows])),
  badHeader.map(({ header, rows }) => toCsv([header, ...rows])),
  fc.constantFrom(
    `${toCsv([SNAPSHOT_HEADER, ...SNAPSHOT_ROWS])}\r\n"IMP_03,unterminated`,
    `${toCsv([SNAPSHOT_HEADER, ...SNAPSHOT_ROWS])}\r\nIMP_03,a,b,c,In Progress,31/03/2025,5%,Green,x,extra,cells`,
    '',
    '\uFEFF',
    '\u0000\u0001\u0002',
    `${'x,'.repeat(1 << 19)}x`,
  ),
  hugeString.map((cell) =>
    toCsv([SNAPSHOT_HEADER, [...SNAPSHOT_ROWS[0]!.slice(0, 1), cell, ...SNAPSHOT_ROWS[0]!.slice(2)]]),
  ),
);

/** JSON snapshots with bad values, keys (an own `__proto__` included), elements or syntax. */
export const malformedJson: fc.Arbitrary<string> = fc.oneof(
  badCell.map((rows) => toJson(SNAPSHOT_HEADER, rows)),
  fc
    .tuple(fc.integer({ min: 2, max: 8 }), fc.constantFrom<unknown>(true, {}, [], { nested: 'x' }, [1, 2]))
    .map(([column, value]) =>
      toJson(SNAPSHOT_HEADER, [SNAPSHOT_ROWS[0]!.map((cell, i) => (i === column ? value : cell))]),
    ),
  fc
    .constantFrom('__proto__', 'constructor', 'toString')
    .map((key) => `[{"${key}":"x",${toJson(SNAPSHOT_HEADER, [SNAPSHOT_ROWS[0]!]).slice(2, -1)}]`),
  fc.constantFrom(
    '{}',
    '5',
    'null',
    '"snapshot"',
    '[null]',
    '[5]',
    '[[]]',
    '[{',
    '[{"code": NaN}]',
    '[{"code": Infinity}]',
    `[{"code":"IMP_01","percent_complete":1e999}]`,
    '\u0000',
  ),
  hugeString.map((title) =>
    toJson(SNAPSHOT_HEADER, [[SNAPSHOT_ROWS[0]![0], title, ...SNAPSHOT_ROWS[0]!.slice(2)]]),
  ),
);

const validImportOptions = { asOf: '2024-06-30', statusKey: 'rag' } as const;

/** Import options that are invalid: bad as-of dates, unknown status keys, bad plan or actor, bad attempts. */
const malformedImportOptions: fc.Arbitrary<unknown> = fc.oneof(
  fc
    .oneof(invalidDate, fc.constantFrom('31-Apr-2020', '29/02/2023', '31/04/2020'))
    .filter((asOf) => asOf !== '2020-01-01T00:00:00Z')
    .map((asOf) => ({ ...validImportOptions, asOf })),
  fc
    .oneof(wrongType, fc.constantFrom('', 'no-such-key'))
    .map((statusKey) => ({ ...validImportOptions, statusKey })),
  invalidText(200).map((plan) => ({ ...validImportOptions, plan })),
  invalidText(500).map((actor) => ({ ...validImportOptions, actor })),
  fc
    .constantFrom<unknown>(0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '3', null)
    .map((maxAttempts) => ({ ...validImportOptions, maxAttempts })),
  fc.constantFrom<unknown>(null, 5, 'rag', [], true),
);

/** Snapshot sources that are not a readable snapshot. */
const malformedSource: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, 5, 'q2.csv', [], true),
  wrongType.map((content) => ({ name: 'q2.csv', format: 'csv', content })),
  fc.oneof(wrongType, fc.constantFrom('xml', 'CSV', '')).map((format) => ({
    name: 'q2.csv',
    format,
    content: toCsv([SNAPSHOT_HEADER, ...SNAPSHOT_ROWS]),
  })),
  wrongType.map((name) => ({
    name,
    format: 'csv',
    content: toCsv([SNAPSHOT_HEADER, ...SNAPSHOT_ROWS.slice(0, 1)]).replace('IMP_01', 'IMP_09'),
  })),
  fc.oneof(wrongType, fc.constantFrom('/nonexistent/q2.csv', '/', 'q2.txt', '')).map((file) => ({ file })),
);

/**
 * The hostile-input properties: for every public entry point that takes input, malformed input
 * is refused with a typed LedgerError and leaves the database byte for byte unchanged.
 *
 * @example
 * ```ts
 * for (const { name, property } of hostileInputProperties(target)) await fc.assert(property, { numRuns: 50 });
 * ```
 */
export function hostileInputProperties(target: HostileLedger): NamedProperty[] {
  const { ledger, file } = target;
  const validCommand = VALID_COMMANDS[1]!.command;
  const refused = async (work: () => unknown) => {
    await assertRefused(file, work);
  };
  const refusedAsync = async (work: () => unknown) => {
    await assertRefusedAsync(file, work);
  };
  const drain = async (iterable: AsyncIterable<unknown>) => {
    for await (const _ of iterable) {
      // reading is the point
    }
  };
  return [
    {
      name: 'execute(command)',
      property: fc.asyncProperty(
        malformedCommand,
        async (command) => await refused(async () => await ledger.execute(command as CommandInput)),
      ),
    },
    {
      name: 'execute(command, metadata)',
      property: fc.asyncProperty(
        malformedMetadata,
        async (metadata) => await refused(async () => await ledger.execute(validCommand, metadata as never)),
      ),
    },
    {
      name: 'executeAll(commands)',
      property: fc.asyncProperty(
        fc.array(fc.constantFrom(...VALID_COMMANDS.slice(1, 3).map((c) => c.command)), { maxLength: 3 }),
        malformedCommand,
        fc.nat(),
        async (valid, bad, at) => {
          const commands: unknown[] = [...valid];
          commands.splice(at % (valid.length + 1), 0, bad);
          await refused(async () => await ledger.executeAll(commands as CommandInput[]));
        },
      ),
    },
    {
      name: 'executeAll(not a list)',
      property: fc.asyncProperty(
        fc.oneof(
          wrongType.filter((v) => !Array.isArray(v)),
          fc.string(),
          fc.constant({ length: 1, 0: validCommand }),
        ),
        async (commands) => await refused(async () => await ledger.executeAll(commands as CommandInput[])),
      ),
    },
    {
      name: 'append(stream, events, options)',
      property: fc.asyncProperty(
        fc.oneof(
          fc.record({
            stream: invalidText(200),
            events: fc.constant<unknown>([validComment]),
            options: fc.constant<unknown>({}),
          }),
          fc.record({
            stream: fc.constant('action:A1'),
            events: fc.constant<unknown>([validComment]),
            options: invalidExpectedVersion.map((expectedVersion) => ({ expectedVersion }) as unknown),
          }),
          fc.record({
            stream: fc.constant('action:A1'),
            events: fc.constant<unknown>([validComment]),
            options: fc.constantFrom<unknown>(
              { expectedVersion: 99 },
              { expectedVersion: 'no-stream' },
              { expectedVersion: 0 },
            ),
          }),
          fc.record({
            stream: fc.constant('action:A1'),
            events: fc.oneof(
              fc
                .array(malformedEvent, { minLength: 1, maxLength: 3 })
                .map((events) => [validComment, ...events] as unknown),
              wrongType.filter((v) => !Array.isArray(v)),
            ),
            options: fc.constant<unknown>({}),
          }),
          fc.record({
            stream: fc.constant('action:A1'),
            events: fc.constant<unknown>([validComment]),
            options: fc.oneof(malformedMetadata, fc.constantFrom<unknown>(null, 5, 'any')),
          }),
        ),
        async ({ stream, events, options }) =>
          await refused(async () => await ledger.append(stream as string, events as never, options as never)),
      ),
    },
    {
      name: 'appendMany(requests, metadata)',
      property: fc.asyncProperty(
        fc.oneof(
          fc.record({
            requests: fc
              .oneof(
                invalidText(200).map((stream) => ({ stream, events: [validComment] }) as unknown),
                invalidExpectedVersion.map(
                  (expectedVersion) =>
                    ({ stream: 'action:A1', events: [validComment], expectedVersion }) as unknown,
                ),
                malformedEvent.map((event) => ({ stream: 'action:A1', events: [event] }) as unknown),
                wrongType,
              )
              .map((bad) => [{ stream: 'action:A2', events: [validComment] }, bad] as unknown),
            metadata: fc.constant<unknown>({}),
          }),
          fc.record({
            requests: fc.constant<unknown>([{ stream: 'action:A1', events: [validComment] }]),
            metadata: malformedMetadata,
          }),
          fc.record({
            requests: wrongType.filter((v) => !Array.isArray(v)),
            metadata: fc.constant<unknown>({}),
          }),
        ),
        async ({ requests, metadata }) =>
          await refused(async () => await ledger.appendMany(requests as never, metadata as never)),
      ),
    },
    {
      name: 'getAction(code, { asAt, knownAt })',
      property: fc.asyncProperty(
        fc.oneof(
          fc.record({
            code: fc.constant<unknown>('A1'),
            asOf: invalidDate.map((asAt) => ({ asAt }) as unknown),
          }),
          fc.record({
            code: fc.constant<unknown>('A1'),
            asOf: invalidKnownAt.map((knownAt) => ({ knownAt }) as unknown),
          }),
          fc.record({
            code: fc.constant<unknown>('A1'),
            asOf: fc.constantFrom<unknown>(null, 5, '2024-01-01', true, []),
          }),
          fc.record({ code: wrongType.filter((v) => typeof v !== 'string'), asOf: fc.constant<unknown>({}) }),
        ),
        async ({ code, asOf }) =>
          await refused(async () => await ledger.getAction(code as string, asOf as never)),
      ),
    },
    {
      name: 'getActions({ plan, asAt, knownAt })',
      property: fc.asyncProperty(
        fc.oneof(
          invalidDate.map((asAt) => ({ asAt }) as unknown),
          invalidKnownAt.map((knownAt) => ({ knownAt }) as unknown),
          fc
            .tuple(fc.constantFrom('plan', 'directorate', 'section'), wrongType)
            .map(([key, value]) => ({ [key]: value }) as unknown),
          fc.constantFrom<unknown>(null, 5, 'Corporate Plan', true, []),
        ),
        async (query) => await refused(async () => await ledger.getActions(query as never)),
      ),
    },
    {
      name: 'positionAt(knownAt)',
      property: fc.asyncProperty(
        invalidKnownAt,
        async (knownAt) => await refused(async () => await ledger.positionAt(knownAt as never)),
      ),
    },
    {
      name: 'readAction / readStream / readAll / readByEffectiveDate options',
      property: fc.asyncProperty(
        fc.oneof(
          fc.record({
            how: fc.constantFrom('readAction', 'readStream'),
            key: fc.constantFrom('fromVersion', 'toVersion', 'upTo'),
            value: invalidExpectedVersion.filter((v) => typeof v !== 'string'),
          }),
          fc.record({
            how: fc.constant('readAll'),
            key: fc.constantFrom('after', 'upTo', 'batchSize'),
            value: invalidExpectedVersion.filter((v) => typeof v !== 'string'),
          }),
          fc.record({
            how: fc.constant('readAll'),
            key: fc.constant('types'),
            value: fc.oneof(
              wrongType.filter((v) => !Array.isArray(v)),
              fc.constantFrom<unknown>(['NoSuchType'], [5], 'ProgressUpdated', ['ProgressUpdated', null]),
            ),
          }),
          fc.record({
            how: fc.constant('readByEffectiveDate'),
            key: fc.constantFrom('from', 'to', 'upTo', 'batchSize'),
            value: fc.oneof(
              invalidDate.filter((v) => typeof v !== 'number'),
              fc.constant<unknown>(Number.NaN),
            ),
          }),
          fc.record({
            how: fc.constantFrom('readAction', 'readStream'),
            key: fc.constant('(stream)'),
            value: wrongType.filter((v) => typeof v !== 'string'),
          }),
        ),
        async ({ how, key, value }) =>
          await refused(async () => {
            const options = key === '(stream)' ? {} : ({ [key]: value } as never);
            if (how === 'readAction')
              return await ledger.readAction(key === '(stream)' ? (value as string) : 'A1', options);
            if (how === 'readStream')
              return await ledger.readStream(key === '(stream)' ? (value as string) : 'action:A1', options);
            if (how === 'readAll') return drain(ledger.readAll(options));
            return drain(ledger.readByEffectiveDate(options));
          }),
      ),
    },
    {
      name: 'await importSnapshot(CSV content)',
      property: fc.asyncProperty(
        malformedCsv,
        async (content) =>
          await refusedAsync(
            async () =>
              await importSnapshot(ledger, { name: 'q2.csv', format: 'csv', content }, validImportOptions),
          ),
      ),
    },
    {
      name: 'await importSnapshot(JSON content)',
      property: fc.asyncProperty(
        malformedJson,
        async (content) =>
          await refusedAsync(
            async () =>
              await importSnapshot(ledger, { name: 'q2.json', format: 'json', content }, validImportOptions),
          ),
      ),
    },
    {
      name: 'await importSnapshot(source, options)',
      property: fc.asyncProperty(
        fc.oneof(
          fc.record({
            source: fc.constant<unknown>({
              name: 'q2.csv',
              format: 'csv',
              content: toCsv([SNAPSHOT_HEADER, ...SNAPSHOT_ROWS]),
            }),
            options: malformedImportOptions,
          }),
          fc.record({ source: malformedSource, options: fc.constant<unknown>(validImportOptions) }),
        ),
        async ({ source, options }) =>
          await refusedAsync(async () => await importSnapshot(ledger, source as never, options as never)),
      ),
    },
    {
      name: 'openLedger / openReadonlyLedger options',
      property: fc.asyncProperty(
        fc.oneof(
          fc.record({ key: fc.constant('file'), value: fc.oneof(wrongType, fc.constant('')) }),
          fc.record({
            key: fc.constant('readonly'),
            value: fc.oneof(
              wrongType.filter((v) => typeof v !== 'boolean'),
              fc.constantFrom('yes', 'true', ''),
            ),
          }),
          fc.record({
            key: fc.constant('durability'),
            value: fc.oneof(wrongType, fc.constantFrom('FULL', 'off', 'extra', '')),
          }),
          fc.record({
            key: fc.constant('busyTimeoutMs'),
            value: fc.constantFrom<unknown>(
              Number.NaN,
              -1,
              1.5,
              Number.POSITIVE_INFINITY,
              '100',
              2 ** 31,
              null,
              true,
            ),
          }),
          fc.record({
            key: fc.constant('statusKeys'),
            value: fc.oneof(
              wrongType.filter((v) => !Array.isArray(v) || v.length > 0),
              fc.constant<unknown>([null]),
              fc.constant<unknown>([{ id: 'rag' }]),
            ),
          }),
          fc.record({
            key: fc.constant('upcasters'),
            value: fc.oneof(
              wrongType.filter((v) => !Array.isArray(v) || v.length > 0),
              fc.constant<unknown>([{}]),
              fc.constant<unknown>([null]),
            ),
          }),
          fc.record({ key: fc.constant('clock'), value: wrongType }),
          fc.record({
            key: fc.constant('maxClockJumpDays'),
            value: fc.oneof(
              wrongType.filter((v) => !(Number.isSafeInteger(v) && (v as number) >= 1)),
              fc.constantFrom<unknown>(0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '365', 2 ** 53),
            ),
          }),
          fc.record({
            key: fc.constant('(options)'),
            value: fc.constantFrom<unknown>(null, 5, 'plan.db', true),
          }),
        ),
        fc.boolean(),
        async ({ key, value }, readonly) =>
          await refused(async () => {
            let opened: Ledger;
            if (key === '(options)') opened = await openLedger(value as never);
            else if (!readonly || key === 'readonly')
              opened = await openLedger({ file, [key]: value } as never);
            else if (key === 'file') opened = await openReadonlyLedger(value as string);
            else opened = await openReadonlyLedger(file, { [key]: value } as never);
            await opened.close();
            return 'opened';
          }),
      ),
    },
  ];
}
