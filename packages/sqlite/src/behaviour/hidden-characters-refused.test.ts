import type { CommandInput, EventMetadata, Ledger, PendingEvent } from '@perfledger/core';
import { codePointNotation, defineStatusKey, ValidationError } from '@perfledger/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempLedger, type TempLedger } from '../testing/index.js';

// The write boundary: every text a command, an event or an append's metadata carries is refused
// when it holds a hidden character anywhere, with a ValidationError naming the field and the
// character by code point and position, and nothing is written.

const BIDI_CONTROLS = [
  0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c,
];
const OTHER_HIDDEN = [0x200b, 0x2060, 0xfeff, 0x00ad, 0x2028, 0x2029, 0x0085, 0x009b, 0x0007, 0xe0041];
const hidden = fc.constantFrom(...BIDI_CONTROLS, ...OTHER_HIDDEN);

// Every command with every optional text field filled in.
const COMMANDS: readonly CommandInput[] = [
  {
    type: 'RegisterAction',
    code: 'NEW01',
    effectiveOn: '2023-04-01',
    title: 'Widen the use of e-forms',
    description: 'All forms online',
    plan: 'Corporate Plan',
    directorate: 'Place',
    section: 'Policy',
    owner: 'J. Smith',
    dueDate: '2024-03-31',
    statusKey: 'rag',
    note: 'From the plan',
  },
  { type: 'UpdateProgress', code: 'DC02', effectiveOn: '2023-06-30', percentComplete: 40, note: 'On track' },
  { type: 'ChangeStatus', code: 'DC02', effectiveOn: '2023-06-30', status: 'Green', note: 'Steady' },
  {
    type: 'ReviseDueDate',
    code: 'DC02',
    effectiveOn: '2023-06-30',
    to: '2024-06-30',
    reason: 'Supplier delay',
    approver: 'Cabinet',
    approvalReference: 'CAB-2023-14',
    note: 'Agreed',
  },
  { type: 'CloseAction', code: 'DC02', effectiveOn: '2023-06-30', outcome: 'completed', note: 'Done' },
  { type: 'ReopenAction', code: 'DC02', effectiveOn: '2023-06-30', reason: 'Audit finding', note: 'Again' },
  {
    type: 'AmendActionDetails',
    code: 'DC02',
    effectiveOn: '2023-06-30',
    title: 'Widen e-forms',
    description: 'Most forms online',
    owner: 'A. Jones',
    directorate: 'Resources',
    section: 'Digital',
    plan: 'Digital Plan',
    note: 'Restructure',
  },
  { type: 'AddComment', code: 'DC02', effectiveOn: '2023-06-30', comment: 'Pilot went live', note: 'Q1' },
];

// Fields whose refusal is the date or choice schema's own ("must be a real calendar date"):
// refused all the same, but not by the text rule, so the message does not name the character.
const NOT_TEXT = new Set(['effectiveOn', 'dueDate', 'to', 'outcome']);

// Every event type's data with every optional text field filled in.
interface RawEvent {
  readonly type: string;
  readonly effectiveOn: string;
  readonly data: Record<string, unknown>;
}
const EVENTS: readonly RawEvent[] = [
  {
    type: 'ActionRegistered',
    effectiveOn: '2023-04-01',
    data: {
      code: 'EV01',
      title: 'Widen the use of e-forms',
      description: 'All forms online',
      plan: 'Corporate Plan',
      directorate: 'Place',
      section: 'Policy',
      owner: 'J. Smith',
      dueDate: '2024-03-31',
      statusKey: 'rag',
      note: 'n',
    },
  },
  { type: 'StatusChanged', effectiveOn: '2023-06-30', data: { status: 'Green', note: 'n' } },
  {
    type: 'DueDateRevised',
    effectiveOn: '2023-06-30',
    data: {
      from: '2024-03-31',
      to: '2024-06-30',
      reason: 'Supplier delay',
      approver: 'Cabinet',
      approvalReference: 'CAB-14',
      note: 'n',
    },
  },
  { type: 'ActionReopened', effectiveOn: '2023-06-30', data: { reason: 'Audit finding', note: 'n' } },
  {
    type: 'ActionDetailsAmended',
    effectiveOn: '2023-06-30',
    data: {
      title: 'T',
      description: 'D',
      owner: 'O',
      directorate: 'Dir',
      section: 'S',
      plan: 'P',
      note: 'n',
    },
  },
  { type: 'CommentAdded', effectiveOn: '2023-06-30', data: { comment: 'Pilot went live', note: 'n' } },
  {
    type: 'ReportPublished',
    effectiveOn: '2023-06-30',
    data: {
      fy: '2023/24',
      quarter: 1,
      basedOnPosition: 1,
      basedOnHeadHash: 'a'.repeat(64),
      contentHash: 'b'.repeat(64),
      format: 'html',
      generator: '@perfledger/cli@0.1.0',
      reportId: 'CAB-2023-07',
      parameters: { warningWindowDays: '30' },
      note: 'n',
    },
  },
];
const EVENT_NOT_TEXT = new Set([
  'dueDate',
  'from',
  'to',
  'statusKey',
  'fy',
  'basedOnHeadHash',
  'contentHash',
  'format',
]);

const METADATA: EventMetadata = {
  actor: 'j.smith',
  source: 'import:q1.csv',
  correlationId: 'import:q1.csv:2023-06-30',
  causationId: 'cause-1',
  idempotencyKey: 'key-1',
};

/** Every string in a value, as a path and the string. */
function stringsOf(value: unknown, path: (string | number)[] = []): [(string | number)[], string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => stringsOf(inner, [...path, key]));
}

function withString<T>(value: T, path: readonly (string | number)[], text: string): T {
  if (path.length === 0) return text as T;
  const [head, ...rest] = path;
  const copy = { ...(value as Record<string | number, unknown>) };
  copy[head as string] = withString(copy[head as string], rest, text);
  return copy as T;
}

/** `text` with `codePoint` inserted before its `at`-th character (modulo its length + 1). */
function insert(text: string, codePoint: number, at: number): { text: string; character: number } {
  const characters = Array.from(text);
  const index = at % (characters.length + 1);
  characters.splice(index, 0, String.fromCodePoint(codePoint));
  return { text: characters.join(''), character: index + 1 };
}

let temp: TempLedger;
let ledger: Ledger;

beforeAll(async () => {
  temp = await createTempLedger({ prefix: 'perfledger-hidden-' });
  ledger = temp.ledger;
  await ledger.execute({ ...(COMMANDS[0] as CommandInput), code: 'DC02' } as CommandInput);
});
afterAll(async () => await temp.cleanup());

async function expectRefused(
  work: () => Promise<unknown>,
  field: string,
  codePoint: number | undefined,
  character?: number,
) {
  const before = await ledger.head();
  let error: unknown;
  try {
    await work();
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(ValidationError);
  const issues = (error as ValidationError).issues;
  expect(issues.some((issue) => issue.path.includes(field))).toBe(true);
  if (codePoint !== undefined) {
    const named = `${codePointNotation(codePoint)} `;
    const issue = issues.find((i) => i.path.includes(field) && i.message.includes(named));
    expect(issue?.message, (error as Error).message).toContain(`at character ${character}`);
    expect((error as Error).message).toContain(named);
  }
  // Nothing was written.
  expect(await ledger.head()).toEqual(before);
}

const commandField = fc
  .constantFrom(...COMMANDS)
  .chain((command) =>
    fc.tuple(
      fc.constant(command),
      fc.constantFrom(...stringsOf(command).filter(([path]) => path[0] !== 'type')),
    ),
  );

describe('the write boundary refuses hidden characters', () => {
  it('in every text field of every command, anywhere in the text (property)', async () => {
    await fc.assert(
      fc.asyncProperty(commandField, hidden, fc.nat(), async ([command, [path, value]], codePoint, at) => {
        const poisoned = insert(value, codePoint, at);
        const field = String(path[0]);
        await expectRefused(
          () => ledger.execute(withString(command, path, poisoned.text)),
          field,
          NOT_TEXT.has(field) ? undefined : codePoint,
          poisoned.character,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('in every text field of every event type, when events are appended directly (property)', async () => {
    const eventField = fc
      .constantFrom(...EVENTS)
      .chain((event) => fc.tuple(fc.constant(event), fc.constantFrom(...stringsOf(event.data))));
    await fc.assert(
      fc.asyncProperty(eventField, hidden, fc.nat(), async ([event, [path, value]], codePoint, at) => {
        const poisoned = insert(value, codePoint, at);
        const field = String(path[path.length - 1]);
        const data = withString(event.data, path, poisoned.text);
        const stream = event.type === 'ActionRegistered' ? 'action:EV01' : 'action:DC02';
        await expectRefused(
          () => ledger.append(stream, [{ ...event, data } as unknown as PendingEvent]),
          field,
          EVENT_NOT_TEXT.has(field) || path[0] === 'code' ? undefined : codePoint,
          poisoned.character,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('in stream names and in every metadata field (property)', async () => {
    const comment = {
      type: 'CommentAdded',
      effectiveOn: '2023-06-30',
      data: { comment: 'c' },
    } as unknown as PendingEvent;
    const metadataField = fc.constantFrom(...(Object.keys(METADATA) as (keyof EventMetadata)[]));
    await fc.assert(
      fc.asyncProperty(
        metadataField,
        hidden,
        fc.nat(),
        fc.boolean(),
        async (key, codePoint, at, inStream) => {
          if (inStream) {
            const poisoned = insert('action:DC02', codePoint, at);
            await expectRefused(
              () => ledger.append(poisoned.text, [comment]),
              'stream',
              codePoint,
              poisoned.character,
            );
            return;
          }
          const poisoned = insert(METADATA[key] as string, codePoint, at);
          const metadata = { ...METADATA, [key]: poisoned.text };
          await expectRefused(
            () => ledger.execute(COMMANDS[7] as CommandInput, metadata),
            key,
            codePoint,
            poisoned.character,
          );
          await expectRefused(
            () => ledger.append('action:DC02', [comment], metadata),
            key,
            codePoint,
            poisoned.character,
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('in a status key’s label and values', async () => {
    for (const codePoint of BIDI_CONTROLS) {
      const c = String.fromCodePoint(codePoint);
      for (const key of [
        { id: 'brag', label: `B${c}RAG`, values: ['Green'] },
        { id: 'brag', label: 'BRAG', values: ['Green', `Bl${c}ue`] },
      ]) {
        expect(() => defineStatusKey(key)).toThrow(codePointNotation(codePoint));
      }
    }
  });

  it('names the field and the character in the message a person reads', async () => {
    const title = 'Widen the use of e-\u202Emrof';
    await expect(ledger.execute({ ...(COMMANDS[6] as CommandInput), title } as CommandInput)).rejects.toThrow(
      /title: must not contain bidirectional control characters, which can reorder what a reader sees: U\+202E RIGHT-TO-LEFT OVERRIDE at character 20/,
    );
  });

  it('still accepts the joiners and scripts real text needs', async () => {
    for (const comment of ['Team 👩‍💻 ready', 'مهدی‌زاده', 'Baner 🏴󠁧󠁢󠁷󠁬󠁳󠁿 Cymru', 'عبد الله (2024)']) {
      const before = (await ledger.head()).position;
      await ledger.execute({ type: 'AddComment', code: 'DC02', effectiveOn: '2023-06-30', comment });
      expect((await ledger.head()).position).toBe(before + 1);
      expect((await ledger.readAction('DC02')).at(-1)?.data).toEqual({ comment });
    }
  });
});
