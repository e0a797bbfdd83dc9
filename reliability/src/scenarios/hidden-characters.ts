import { join } from 'node:path';
import { explain, queryTrail, trailToCsv, trailToJson } from '@perfledger/audit-trail';
import { type CommandInput, findHiddenCharacters } from '@perfledger/core';
import { quarterEndView, restatements } from '@perfledger/quarter-end';
import { openLedger } from '@perfledger/sqlite';
import { writeLegacyEvents } from '@perfledger/sqlite/testing';
import fc from 'fast-check';
import { assertRefused } from '../support/assert-refused.js';
import { makeTempDir, removeDir } from '../support/database-files.js';
import { BIDI_CONTROLS, OTHER_HIDDEN_CHARACTERS } from '../support/hostile-values.js';
import { standardProjections } from '../support/standard-projections.js';

/** The original attack: a title that displays as "Pay supplier £1000" while it says otherwise. */
export const TROJAN_TITLE = 'Pay supplier \u202E0001£ \u2066now\u2069';

const REGISTER = {
  type: 'RegisterAction',
  code: 'A1',
  effectiveOn: '2024-04-01',
  title: 'Adopt the local plan',
  plan: 'Corporate Plan 2024-27',
  directorate: 'Place',
  section: 'Planning',
  dueDate: '2025-03-31',
  statusKey: 'rag',
} as const satisfies CommandInput;

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing what older builds refused
const OLD_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** Text an older build accepted: printable, trimmed, with at least one hidden character inside. */
export const legacyHiddenText: fc.Arbitrary<string> = fc
  .tuple(
    fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 10 }),
    fc.array(fc.constantFrom(...BIDI_CONTROLS, ...OTHER_HIDDEN_CHARACTERS), { minLength: 1, maxLength: 4 }),
    fc.string({ unit: 'grapheme', maxLength: 10 }),
  )
  .map(([a, hidden, b]) => `x${a}${hidden.join('y')}${b}x`.replace(OLD_CONTROLS, ''));

/** The outcome of {@link runHiddenCharacters}. */
export interface HiddenCharactersResult {
  /** Commands with a hidden character that were refused, typed, with nothing written. */
  readonly refused: number;
  /** Legacy ledgers whose rendered outputs were checked. */
  readonly ledgers: number;
  /** Rendered outputs checked for raw hidden characters. */
  readonly outputs: number;
  readonly problems: readonly string[];
}

/**
 * The Trojan Source attack against both sides of the ledger: `runs` commands whose title, comment
 * or reason holds a bidi control or another hidden character must be refused (typed, naming the
 * code point, bytes unchanged); and `ledgers` ledgers that an older build wrote with such text must
 * render every output (trail CSV and JSON, explanations, quarter-end restatement descriptions and
 * disagreement messages) without one raw hidden character, JSON keeping the exact value.
 *
 * @example
 * ```ts
 * const r = await runHiddenCharacters({ runs: 200, ledgers: 10, seed: 1 });
 * ```
 */
export async function runHiddenCharacters(options: {
  readonly runs: number;
  readonly ledgers: number;
  readonly seed: number;
}): Promise<HiddenCharactersResult> {
  const problems: string[] = [];
  let refused = 0;
  let outputs = 0;
  let ledgers = 0;
  const dir = makeTempDir('perfledger-hidden-');
  try {
    const file = join(dir, 'write.db');
    const ledger = await openLedger({ file });
    try {
      await ledger.execute(REGISTER);
      const poisoned = fc.oneof(
        legacyHiddenText.map((title): CommandInput => ({ ...REGISTER, code: 'A2', title })),
        legacyHiddenText.map(
          (comment): CommandInput => ({ type: 'AddComment', code: 'A1', effectiveOn: '2024-06-30', comment }),
        ),
        legacyHiddenText.map(
          (reason): CommandInput => ({
            type: 'ReviseDueDate',
            code: 'A1',
            effectiveOn: '2024-06-30',
            to: '2025-06-30',
            reason,
          }),
        ),
      );
      const details = await fc.check(
        fc.asyncProperty(poisoned, async (command) => {
          const error = await assertRefused(file, async () => await ledger.execute(command));
          if (
            error.code !== 'VALIDATION_FAILED' ||
            !/U\+[0-9A-F]{4,6} .* at character \d+/.test(error.message)
          ) {
            throw new Error(`refused without naming the character: ${error.code} ${error.message}`);
          }
          refused++;
        }),
        { numRuns: options.runs, seed: options.seed },
      );
      if (details.failed) {
        problems.push(
          `write: counterexample ${fc.stringify(details.counterexample)}: ${String(details.errorInstance)}`,
        );
      }
    } finally {
      await ledger.close();
    }

    const rendered = await fc.check(
      fc.asyncProperty(fc.array(legacyHiddenText, { minLength: 3, maxLength: 6 }), async (texts) => {
        ledgers++;
        const { checked } = await renderLegacyLedger(join(dir, `legacy-${ledgers}.db`), texts);
        outputs += checked;
      }),
      { numRuns: options.ledgers, seed: options.seed },
    );
    if (rendered.failed) {
      problems.push(
        `read: counterexample ${fc.stringify(rendered.counterexample)}: ${String(rendered.errorInstance)}`,
      );
    }
    return { refused, ledgers: rendered.numRuns, outputs, problems };
  } finally {
    removeDir(dir);
  }
}

/**
 * Writes a ledger as an older build would have (`texts` in a title, comments, a reason, an actor,
 * a status), then renders it every way the libraries offer and throws if any output holds a raw
 * hidden character, or JSON does not give back the stored title exactly.
 *
 * @example
 * ```ts
 * await renderLegacyLedger('/tmp/legacy.db', [TROJAN_TITLE, 'ok', 'ok']);
 * ```
 */
export async function renderLegacyLedger(
  file: string,
  texts: readonly string[],
): Promise<{ checked: number; outputs: string[] }> {
  const t = (i: number) => texts[i % texts.length] as string;
  (await openLedger({ file })).close();
  await writeLegacyEvents(file, [
    {
      stream: 'action:L1',
      type: 'ActionRegistered',
      effectiveOn: '2024-04-01',
      actor: t(1),
      data: {
        code: 'L1',
        title: t(0),
        plan: REGISTER.plan,
        directorate: REGISTER.directorate,
        section: REGISTER.section,
        owner: t(2),
        dueDate: REGISTER.dueDate,
        statusKey: 'rag',
      },
    },
    { stream: 'action:L1', type: 'StatusChanged', effectiveOn: '2024-05-01', data: { status: 'Green' } },
    {
      stream: 'action:L1',
      type: 'CommentAdded',
      effectiveOn: '2024-05-01',
      actor: t(2),
      data: { comment: t(1) },
    },
  ]);
  const ledger = await openLedger({ file, projections: standardProjections });
  try {
    const cutOff = (await ledger.head()).position;
    await writeLegacyEvents(file, [
      {
        stream: 'action:L1',
        type: 'DueDateRevised',
        effectiveOn: '2024-06-01',
        actor: t(0),
        data: { from: '2025-03-31', to: '2025-09-30', reason: t(2), approver: t(1) },
      },
      { stream: 'action:L1', type: 'ActionDetailsAmended', effectiveOn: '2024-06-01', data: { title: t(1) } },
    ]);
    await ledger.projections.catchUp(); // the events written behind the ledger's back
    const rows = await queryTrail(ledger, { code: 'L1' });
    const view = await quarterEndView(ledger, { fy: '2024/25', quarter: 1 });
    const outputs = [
      await trailToCsv(rows),
      (await trailToCsv(rows, { formulaGuard: false })).replaceAll('\r\n', '\n'),
      await trailToJson(rows),
      ...(await Promise.all(
        (['title', 'comment', 'dueDate', 'owner', 'status'] as const).map(
          async (field) => (await explain(ledger, 'L1', { field })).text,
        ),
      )),
      ...(
        await restatements(ledger, { fy: '2024/25', quarter: 1, knownAt: { position: cutOff } })
      ).items.flatMap((item) => item.events.map((event) => event.description)),
      ...view.disagreements.map((d) => d.message),
    ].map((output) => output.replaceAll('\r\n', '\n'));
    for (const output of outputs) {
      const [found] = findHiddenCharacters(output);
      if (found !== undefined) {
        throw new Error(
          `a rendered output holds a raw ${found.label}: ${JSON.stringify(output.slice(0, 200))}`,
        );
      }
    }
    const parsed = JSON.parse(await trailToJson(rows)) as { field: string; after: string | null }[];
    if (parsed.find((row) => row.field === 'title')?.after !== t(0)) {
      throw new Error('the trail JSON does not give back the stored title exactly');
    }
    return { checked: outputs.length, outputs };
  } finally {
    await ledger.close();
  }
}
