import { basename } from 'node:path';
import {
  type AppendResult,
  ConcurrencyError,
  type EventMetadata,
  type Ledger,
  revealHiddenCharacters,
  StorageError,
  streamOf,
} from '@perfledger/core';
import { checkImportOptions } from './check-import-options.js';
import type { DiffContext } from './diff-row.js';
import { explainRefusal, isRefusalOfRows } from './explain-refusal.js';
import type { ImportSnapshotOptions } from './import-options.js';
import type { ImportReport, PeriodDueDate, RowContradiction } from './import-report.js';
import { readSnapshot, type SnapshotSource } from './load-snapshot.js';
import { checkSnapshotTable, type SnapshotRow } from './parse-snapshot.js';
import { type ImportPlan, type PlanReads, planImport } from './plan-import.js';
import { SnapshotImportError } from './snapshot-import-error.js';
import type { SnapshotProblem } from './snapshot-problem.js';
import { SNAPSHOT_TABLE_COLUMNS } from './table-columns.js';

/** The status key of new actions when none is given and their plan has no actions yet. */
const DEFAULT_STATUS_KEY = 'rag';

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

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
 * appended in one atomic `executeAll`, which decides every command by the ledger's rules (once:
 * the import itself only compares): a {@link SnapshotImportError} lists every problem (file,
 * row, column, value) and means nothing from the file was written. The comparison runs inside
 * the append's write transaction (`ledger.transaction`), so concurrent importers (other
 * processes on the same file) never decide on stale state; they wait for each other up to the
 * ledger's `busyTimeoutMs`. The file is hashed as it is read, so its idempotency key costs no
 * memory.
 *
 * @throws SnapshotImportError when the file cannot be read or any row is impossible or breaks a rule.
 * @throws NotARegularFileError when the path (after symbolic links) is not a regular file.
 * @throws InputTooLargeError when the snapshot is over `maxBytes` or `maxRows`.
 * @throws ValidationError when an option is invalid (an unknown status key, a bad as-of date, an unknown key).
 * @throws StorageError (`READ_ONLY`) when the ledger is open read-only.
 * @throws LedgerBusyError when another writer held the database past the busy timeout.
 * @example
 * ```ts
 * import { importSnapshot } from '@perfledger/import';
 * import { openLedger } from '@perfledger/sqlite';
 *
 * const ledger = await openLedger({ file: 'plan.db' });
 * const report = await importSnapshot(ledger, { file: 'fixtures/q2-2019.csv' }, { asOf: '2019-09-30', statusKey: 'pentana', actor: 'j.smith' });
 * report.byType; // { ActionClosed: 1, DueDateRevised: 2, ... }
 * ```
 */
export async function importSnapshot(
  ledger: Ledger,
  input: SnapshotSource,
  options: ImportSnapshotOptions,
): Promise<ImportReport> {
  const checked = checkImportOptions(ledger, options);
  const { asOf, statusKey, actor, plan } = checked;
  if (ledger.readonly) {
    throw new StorageError(
      'READ_ONLY',
      ledger.location,
      `'${ledger.location}' is open read-only; nothing was written.`,
    );
  }

  const snapshot = await readSnapshot(
    input,
    checked.limits,
    { asOf, statusKey: statusKey?.id ?? DEFAULT_STATUS_KEY, plan, actor },
    SNAPSHOT_TABLE_COLUMNS,
  );
  // "Q4" alone in a due date is a quarter of the snapshot's financial year.
  const parsed = checkSnapshotTable(snapshot.name, snapshot.format, snapshot.table, { asOf });
  const label = labelOf(snapshot.name);
  const { idempotencyKey } = snapshot;
  // No idempotency key on the append: every row is decided against what the ledger knows for
  // the date (inside the write transaction), so a repeat appends nothing because nothing is new,
  // and a re-import after a correction, or a renamed copy, is judged row by row, never skipped whole.
  const metadata: EventMetadata = {
    ...(actor === undefined ? {} : { actor }),
    source: `import:${label}`,
    correlationId: `import:${label}:${asOf}`,
  };
  const context: DiffContext = {
    file: snapshot.name,
    label,
    asOf,
    statusKeys: ledger.statusKeys,
    // Without --status-key, a new action takes its plan's key (planImport), else rag.
    statusKey: statusKey ?? ledger.statusKeys.require(DEFAULT_STATUS_KEY),
    statusKeySource: statusKey === undefined ? { kind: 'default' } : { kind: 'option' },
    plan,
  };
  const reads: PlanReads = {
    readHistory: (code) => ledger.readAction(code),
    resolveCode: (code) => ledger.resolveActionCode(code),
    statusKeysOfPlan: async (name) => (await ledger.getActions({ plan: name })).map((a) => a.statusKey),
  };
  const base = {
    file: snapshot.name,
    asOf,
    rows: parsed.rows.length,
    idempotencyKey,
    ...rowNotesOf(parsed.rows),
  };
  if (parsed.problems.length > 0) {
    // Compare and decide the readable rows too (reading only), so that a status the action's
    // key does not know is reported together with the impossible dates, not on the next attempt.
    const planned = await planImport(parsed.rows, reads, context, { decide: true });
    throw new SnapshotImportError(snapshot.name, byRow([...parsed.problems, ...planned.problems]));
  }

  for (let attempt = 1; ; attempt++) {
    try {
      return await ledger.transaction(async (): Promise<ImportReport> => {
        const planned = await planImport(parsed.rows, reads, context, { onRow: checked.onProgress });
        if (planned.problems.length > 0) throw new SnapshotImportError(snapshot.name, planned.problems);
        // The ledger decides every command here, by its own rules; a refusal rolls back.
        const result =
          planned.commands.length === 0 ? undefined : await ledger.executeAll(planned.commands, metadata);
        return { ...base, ...reportOf(planned, parsed.rows, result) };
      });
    } catch (error) {
      // executeAll decides inside the write transaction, so this is rare; deciding again is
      // the documented remedy.
      if (error instanceof ConcurrencyError && attempt < checked.maxAttempts) continue;
      if (isRefusalOfRows(error)) throw await explainRefusal(error, parsed.rows, reads, context);
      throw error;
    }
  }
}

/**
 * The report's counts, true per row: of the rows planned and of the events the ledger decided
 * and wrote. A row `changed` when it appended anything besides its statement; a statement
 * `corrects` the quarter's return when the action already had one for that quarter.
 */
function reportOf(planned: ImportPlan, rows: readonly SnapshotRow[], result: AppendResult | undefined) {
  const events = result === undefined || result.replayed ? [] : result.events;
  const byType: Record<string, number> = {};
  const changedStreams = new Set<string>();
  const statedStreams = new Set<string>();
  for (const event of events) {
    byType[event.type] = (byType[event.type] ?? 0) + 1;
    if (event.type === 'ReturnStated') statedStreams.add(event.stream);
    else changedStreams.add(event.stream);
  }
  const codes = [...planned.rowOfCode.keys()];
  const changed = codes.filter((code) => changedStreams.has(streamOf(code))).length;
  const stated = codes.filter((code) => statedStreams.has(streamOf(code)));
  const appendedAnything = codes.filter(
    (code) => changedStreams.has(streamOf(code)) || statedStreams.has(streamOf(code)),
  ).length;
  return {
    actionsRegistered: planned.actionsRegistered,
    changed,
    unchanged: rows.length - changed,
    alreadyRecorded: rows.length - appendedAnything,
    returnOf: planned.returnQuarter,
    returnsRecorded: stated.length,
    corrections: stated.filter((code) => planned.statedBefore.has(code)).length,
    codesMatched: planned.codesMatched,
    eventsAppended: events.length,
    byType: Object.fromEntries(Object.entries(byType).sort(([a], [b]) => a.localeCompare(b))),
    firstPosition: result?.firstPosition ?? 0,
    lastPosition: result?.lastPosition ?? 0,
    replayed: events.length === 0,
  };
}

/** What the summary says about rows beyond counts: due dates read from periods, contradictions. */
function rowNotesOf(rows: readonly SnapshotRow[]): Pick<ImportReport, 'periodDueDates' | 'contradictions'> {
  const periodDueDates: PeriodDueDate[] = [];
  const contradictions: RowContradiction[] = [];
  for (const row of rows) {
    if (row.dueDate !== null && row.dueDateText !== null && row.duePeriod !== null) {
      periodDueDates.push({
        row: row.row,
        code: row.code,
        text: row.dueDateText,
        period: row.duePeriod,
        dueDate: row.dueDate,
      });
    }
    if (row.stage === 'completed' && row.percentComplete !== null && row.percentComplete < 100) {
      contradictions.push({
        row: row.row,
        code: row.code,
        column: 'percent_complete',
        message: `stage is completed, but % complete is ${row.percentComplete}%`,
      });
    }
  }
  return { periodDueDates, contradictions };
}

/** Problems in row order (whole-file problems first); a row's own order is kept. */
function byRow(problems: readonly SnapshotProblem[]): SnapshotProblem[] {
  return [...problems].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}
