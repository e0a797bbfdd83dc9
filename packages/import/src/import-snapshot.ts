import { basename } from 'node:path';
import {
  ActionClosedError,
  ClockJumpError,
  ConcurrencyError,
  type EventMetadata,
  type Ledger,
  LedgerBusyError,
  LedgerError,
  revealHiddenCharacters,
  StorageError,
  text,
  UnknownActionError,
  ValidationError,
} from '@perfledger/core';
import type { DiffContext } from './diff-row.js';
import { displayValue } from './display-value.js';
import { importIdempotencyKey } from './idempotency-key.js';
import { IMPORT_OPTION_KEYS, type ImportSnapshotOptions } from './import-options.js';
import type { ImportReport } from './import-report.js';
import { readSnapshot, type SnapshotSource } from './load-snapshot.js';
import { checkSnapshotTable } from './parse-snapshot.js';
import { parseUkDate } from './parse-uk-date.js';
import { type ImportPlan, planImport } from './plan-import.js';
import { SnapshotImportError } from './snapshot-import-error.js';
import { snapshotLimitsOf } from './snapshot-limits.js';
import type { SnapshotProblem } from './snapshot-problem.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;
const planText = text(200);
const actorText = text(500);

/** Why a text option is refused (core's own messages, naming any hidden character), or undefined. */
function textProblem(schema: typeof planText, value: unknown): string | undefined {
  const result = schema.safeParse(value);
  return result.success ? undefined : result.error.issues.map((issue) => issue.message).join('; ');
}

function invalidOption(path: string, message: string): ValidationError {
  return new ValidationError(`Option ${path} ${message}; nothing was written.`, [{ path: [path], message }]);
}

/**
 * The file name as it may appear in metadata and generated reasons: short, printable, with any
 * other hidden character (a U+202E in a name such as "q2\u202Evsc.exe") shown as a marker.
 */
function labelOf(file: string): string {
  const label = revealHiddenCharacters(basename(file).replace(CONTROL_CHARACTERS, '')).trim().slice(0, 120);
  return label === '' ? 'snapshot' : label;
}

/**
 * Imports one snapshot (CSV or JSON, one row per action) into the ledger as the events that
 * describe how it differs from what the ledger knows as at `asOf`: a new code registers an
 * action; changed progress, status, due date, comment or details become the matching
 * commands; a completed or cancelled stage closes the action, an open one reopens it, and an
 * empty one leaves it as it is. An
 * unchanged row appends nothing, so importing the same file twice appends nothing the second
 * time; actions missing from the snapshot are left as they are.
 *
 * A file is streamed within the limits `maxBytes` and `maxRows` (64 MiB and 100 000 rows by
 * default): a path that is not a regular file (a directory, FIFO, `/dev/zero`) is refused with
 * a {@link NotARegularFileError}, a file over a limit with an {@link InputTooLargeError}, before
 * it is read when its size says so and otherwise as soon as the limit is passed, so memory is
 * bounded by the limits, not by the file. Codes are compared ignoring case: a row `dc02`
 * updates the existing action `DC02`, and `report.codesMatched` says so.
 *
 * All of the file is checked before anything is written, and everything it implies is
 * appended in one atomic `executeAll`: a {@link SnapshotImportError} lists every problem (file,
 * row, column, value) and means nothing from the file was written. The comparison runs inside
 * the append's write transaction, so concurrent importers (other processes on the same file)
 * never decide on stale state; they wait for each other up to the ledger's `busyTimeoutMs`.
 *
 * @throws SnapshotImportError when the file cannot be read or any row is impossible or breaks a rule.
 * @throws NotARegularFileError when the path (after symbolic links) is not a regular file.
 * @throws InputTooLargeError when the snapshot is over `maxBytes` or `maxRows`.
 * @throws ValidationError when an option is invalid (an unknown status key, a bad as-of date, an unknown key).
 * @throws LedgerBusyError when another writer held the database past the busy timeout.
 * @example
 * ```ts
 * import { openLedger } from '@perfledger/core';
 * import { importSnapshot } from '@perfledger/import';
 *
 * const ledger = openLedger({ file: 'plan.db' });
 * const report = await importSnapshot(ledger, { file: 'fixtures/q2-2019.csv' }, { asOf: '2019-09-30', statusKey: 'pentana', actor: 'j.smith' });
 * report.byType; // { ActionClosed: 1, DueDateRevised: 2, ... }
 * ```
 */
export async function importSnapshot(
  ledger: Ledger,
  input: SnapshotSource,
  options: ImportSnapshotOptions,
): Promise<ImportReport> {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ValidationError('The import options must be an object such as { asOf }; nothing was written.', [
      { path: ['options'], message: 'must be an object' },
    ]);
  }
  const unknown = Object.keys(options).filter((key) => !IMPORT_OPTION_KEYS.has(key));
  if (unknown.length > 0) {
    const names = unknown.map((key) => `'${displayValue(key, 60)}'`).join(', ');
    throw new ValidationError(
      `Unknown import option${unknown.length === 1 ? '' : 's'} ${names} (known: ${[...IMPORT_OPTION_KEYS].join(', ')}); nothing was written.`,
      unknown.map((key) => ({ path: [key], message: 'is not an import option' })),
    );
  }
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw invalidOption('onProgress', 'must be a function (done, total) => void');
  }
  const asOfResult = parseUkDate(typeof options.asOf === 'string' ? options.asOf : '');
  if (!asOfResult.ok) throw invalidOption('asOf', asOfResult.message);
  const asOf = asOfResult.value;
  const statusKey = ledger.statusKeys.require(options.statusKey ?? 'rag');
  const planProblem = options.plan === undefined ? undefined : textProblem(planText, options.plan);
  if (planProblem !== undefined) throw invalidOption('plan', planProblem);
  const actorProblem = options.actor === undefined ? undefined : textProblem(actorText, options.actor);
  if (actorProblem !== undefined) throw invalidOption('actor', actorProblem);
  const maxAttempts = options.maxAttempts ?? 3;
  if (!Number.isSafeInteger(maxAttempts) || maxAttempts < 1) {
    throw invalidOption('maxAttempts', 'must be a whole number of at least 1');
  }
  const limits = snapshotLimitsOf(options);
  if (ledger.readonly) {
    throw new StorageError(
      'READ_ONLY',
      ledger.file,
      `'${ledger.file}' is open read-only; nothing was written.`,
    );
  }

  const snapshot = await readSnapshot(input, limits);
  const parsed = checkSnapshotTable(snapshot.name, snapshot.format, snapshot.table);
  const label = labelOf(snapshot.name);
  const idempotencyKey = importIdempotencyKey({
    content: snapshot.content,
    format: snapshot.format,
    asOf,
    statusKey: statusKey.id,
    plan: options.plan,
    actor: options.actor,
  });
  const metadata: EventMetadata = {
    ...(options.actor === undefined ? {} : { actor: options.actor }),
    source: `import:${label}`,
    correlationId: `import:${label}:${asOf}`,
    idempotencyKey,
  };
  const context: DiffContext = {
    file: snapshot.name,
    label,
    asOf,
    statusKeys: ledger.statusKeys,
    statusKey,
    plan: options.plan,
  };
  const base = { file: snapshot.name, asOf, rows: parsed.rows.length, idempotencyKey };
  const resolveCode = (code: string) => ledger.resolveActionCode(code);
  if (parsed.problems.length > 0) {
    // Compare the readable rows too (reading only), so that a status the action's key does not
    // know is reported together with the impossible dates, not on the next attempt.
    const plan = planImport(parsed.rows, (code) => ledger.readAction(code), context, undefined, resolveCode);
    throw new SnapshotImportError(snapshot.name, byRow([...parsed.problems, ...plan.problems]));
  }

  for (let attempt = 1; ; attempt++) {
    try {
      return ledger.store.transaction(() => {
        const earlier = ledger.store.replayed(idempotencyKey);
        if (earlier !== undefined) {
          return {
            ...base,
            actionsRegistered: 0,
            eventsAppended: 0,
            unchanged: parsed.rows.length,
            codesMatched: [],
            byType: {},
            firstPosition: earlier.firstPosition,
            lastPosition: earlier.lastPosition,
            replayed: true,
          };
        }
        const plan = planImport(
          parsed.rows,
          (code) => ledger.readAction(code),
          context,
          options.onProgress,
          resolveCode,
        );
        if (plan.problems.length > 0) throw new SnapshotImportError(snapshot.name, plan.problems);
        if (plan.commands.length === 0) {
          return {
            ...base,
            ...counts(plan),
            eventsAppended: 0,
            byType: {},
            firstPosition: 0,
            lastPosition: 0,
            replayed: false,
          };
        }
        const result = appendPlan(ledger, plan, metadata, snapshot.name);
        const byType: Record<string, number> = {};
        for (const event of result.events) byType[event.type] = (byType[event.type] ?? 0) + 1;
        return {
          ...base,
          ...counts(plan),
          eventsAppended: result.replayed ? 0 : result.events.length,
          byType: result.replayed ? {} : byType,
          firstPosition: result.firstPosition,
          lastPosition: result.lastPosition,
          replayed: result.replayed,
        };
      });
    } catch (error) {
      // executeAll decides inside its write transaction, so this is rare; deciding again is
      // the documented remedy.
      if (error instanceof ConcurrencyError && attempt < maxAttempts) continue;
      throw error;
    }
  }
}

/** Problems in row order (whole-file problems first); a row's own order is kept. */
function byRow(problems: readonly SnapshotProblem[]): SnapshotProblem[] {
  return [...problems].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}

function counts(plan: ImportPlan) {
  return {
    actionsRegistered: plan.actionsRegistered,
    unchanged: plan.unchanged,
    codesMatched: plan.codesMatched,
  };
}

function appendPlan(ledger: Ledger, plan: ImportPlan, metadata: EventMetadata, file: string) {
  try {
    return ledger.executeAll(plan.commands, metadata);
  } catch (error) {
    // The plan was decided by the same decider on the same state, so a refusal here means the
    // ledger knows a rule the plan did not; name the row when the error names the action.
    if (
      !(error instanceof LedgerError) ||
      error instanceof ConcurrencyError ||
      error instanceof LedgerBusyError ||
      error instanceof StorageError ||
      // The ledger's clock, not the snapshot, is wrong: say so as it is.
      error instanceof ClockJumpError
    ) {
      throw error;
    }
    const code = actionCodeOf(error, plan);
    const row = code === undefined ? null : (plan.rowOfCode.get(code) ?? null);
    throw new SnapshotImportError(
      file,
      [
        {
          file,
          row,
          column: null,
          value: code === undefined ? null : displayValue(code),
          message: error.message,
        },
      ],
      { cause: error },
    );
  }
}

function actionCodeOf(error: LedgerError, plan: ImportPlan): string | undefined {
  if (error instanceof ActionClosedError || error instanceof UnknownActionError) return error.actionCode;
  for (const code of plan.rowOfCode.keys()) {
    if (error.message.includes(`'${code}'`)) return code;
  }
  return undefined;
}
