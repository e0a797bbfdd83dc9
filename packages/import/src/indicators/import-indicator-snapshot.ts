import { basename } from 'node:path';
import {
  type AppendResult,
  ConcurrencyError,
  type EventMetadata,
  type Ledger,
  revealHiddenCharacters,
  StorageError,
} from '@perfledger/core';
import { checkImportOptions } from '../check-import-options.js';
import { readSnapshot, type SnapshotSource } from '../load-snapshot.js';
import { SnapshotImportError } from '../snapshot-import-error.js';
import type { SnapshotProblem } from '../snapshot-problem.js';
import { decidePlannedIndicators, explainIndicatorRefusal } from './explain-indicator-refusal.js';
import type { ImportIndicatorOptions } from './import-indicator-options.js';
import { INDICATOR_TABLE_COLUMNS } from './indicator-columns.js';
import type { IndicatorImportReport } from './indicator-import-report.js';
import { checkIndicatorTable } from './parse-indicator-snapshot.js';
import {
  type IndicatorPlanContext,
  type IndicatorPlanReads,
  planIndicatorImport,
} from './plan-indicator-import.js';

/** The status key of new indicators when none is given: Pentana's indicator key, as seed 001 prints. */
const DEFAULT_INDICATOR_STATUS_KEY = 'pentana-indicator';

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

function labelOf(file: string): string {
  const label = revealHiddenCharacters(basename(file).replace(CONTROL_CHARACTERS, '')).trim().slice(0, 120);
  return label === '' ? 'snapshot' : label;
}

/**
 * Imports one indicator snapshot (CSV or JSON, one row per indicator and period) into the
 * ledger as the events that describe how it differs from what the ledger knows: new
 * indicators are registered; each row sets its period's target, records its value (a
 * different value than the one held is a correction, with the row's comment as the reason),
 * reports its status, records its national comparator and its comment; `previous` is recorded
 * as the previous period's value when the ledger has none. Importing the same snapshot again
 * appends nothing.
 *
 * The file is read with the action importer's readers and limits ({@link importSnapshot}):
 * every cell is checked first, and a {@link SnapshotImportError} lists every problem (file,
 * row, column, value) and means nothing was written. Everything else is appended in one atomic
 * `executeAll` inside the ledger's write transaction, which decides each command by the
 * ledger's rules; a refusal rolls everything back and is reported on its row and column.
 *
 * @throws SnapshotImportError when the file cannot be read or any row is impossible or breaks a rule.
 * @throws NotARegularFileError, InputTooLargeError as for action snapshots.
 * @throws ValidationError when an option is invalid (an unknown status key or key, a bad as-of date).
 * @throws StorageError (`READ_ONLY`) when the ledger is open read-only.
 * @example
 * ```ts
 * import { importIndicatorSnapshot } from '@perfledger/import';
 * const report = await importIndicatorSnapshot(ledger, { file: 'fixtures/indicators/seed-001-2019-20-q1.csv' }, { asOf: '2019-06-30' });
 * report.indicatorsRegistered; // 26
 * ```
 */
export async function importIndicatorSnapshot(
  ledger: Ledger,
  input: SnapshotSource,
  options: ImportIndicatorOptions,
): Promise<IndicatorImportReport> {
  const checked = checkImportOptions(ledger, options, 'importIndicatorSnapshot options');
  const { asOf, actor, plan } = checked;
  if (ledger.readonly) {
    throw new StorageError(
      'READ_ONLY',
      ledger.location,
      `'${ledger.location}' is open read-only; nothing was written.`,
    );
  }
  const statusKey = checked.statusKey ?? ledger.statusKeys.require(DEFAULT_INDICATOR_STATUS_KEY);
  const snapshot = await readSnapshot(
    input,
    checked.limits,
    { asOf, statusKey: statusKey.id, plan, actor },
    INDICATOR_TABLE_COLUMNS,
  );
  const parsed = checkIndicatorTable(snapshot.name, snapshot.format, snapshot.table, { asOf });
  const label = labelOf(snapshot.name);
  const metadata: EventMetadata = {
    ...(actor === undefined ? {} : { actor }),
    source: `import:${label}`,
    correlationId: `import:${label}:${asOf}`,
  };
  const context: IndicatorPlanContext = { file: snapshot.name, label, asOf, plan, statusKey: statusKey.id };
  const reads: IndicatorPlanReads = { getIndicator: (code) => ledger.getIndicator(code) };
  const codes = new Set(parsed.rows.map((row) => row.code)).size;
  if (parsed.problems.length > 0) {
    // Plan the readable rows too (reading only), so that every problem is reported at once.
    const planned = await planIndicatorImport(parsed.rows, reads, context);
    const decided =
      planned.problems.length > 0
        ? []
        : await decidePlannedIndicators(planned.commands, reads, ledger.statusKeys, context, parsed.rows);
    throw new SnapshotImportError(
      snapshot.name,
      byRow([...parsed.problems, ...planned.problems, ...decided]),
    );
  }

  for (let attempt = 1; ; attempt++) {
    try {
      return await ledger.transaction(async (): Promise<IndicatorImportReport> => {
        const planned = await planIndicatorImport(parsed.rows, reads, context, checked.onProgress);
        if (planned.problems.length > 0)
          throw new SnapshotImportError(snapshot.name, byRow(planned.problems));
        const result =
          planned.commands.length === 0
            ? undefined
            : await ledger.executeAll(
                planned.commands.map((each) => each.command),
                metadata,
              );
        return {
          file: snapshot.name,
          asOf,
          rows: parsed.rows.length,
          indicators: codes,
          indicatorsRegistered: planned.registered.length,
          corrections: planned.corrections,
          previousRecorded: planned.previousRecorded,
          idempotencyKey: snapshot.idempotencyKey,
          notes: planned.notes,
          ...countsOf(result),
        };
      });
    } catch (error) {
      if (error instanceof ConcurrencyError && attempt < checked.maxAttempts) continue;
      const explained = await explainIndicatorRefusal(error, parsed.rows, reads, context, ledger.statusKeys);
      if (explained !== undefined) throw explained;
      throw error;
    }
  }
}

function countsOf(result: AppendResult | undefined) {
  const events = result === undefined || result.replayed ? [] : result.events;
  const byType: Record<string, number> = {};
  for (const event of events) byType[event.type] = (byType[event.type] ?? 0) + 1;
  return {
    eventsAppended: events.length,
    byType: Object.fromEntries(Object.entries(byType).sort(([a], [b]) => a.localeCompare(b))),
    firstPosition: result?.firstPosition ?? 0,
    lastPosition: result?.lastPosition ?? 0,
    replayed: events.length === 0,
  };
}

/** Problems in row order (whole-file problems first); a row's own order is kept. */
function byRow(problems: readonly SnapshotProblem[]): SnapshotProblem[] {
  return [...problems].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}
