import type Database from 'better-sqlite3';
import type { EventType } from '../events/index.js';
import type { Ledger } from '../ledger/ledger.js';
import type { SqlDatabase } from '../store/sql-database.js';
import { translateSqliteError } from '../store/sqlite-errors.js';
import { type ColumnShape, columnsOf, compareTable, type TableComparison } from './compare-table.js';
import type { ProgressCallback } from './progress.js';
import type { Projection, ProjectionHandler } from './projection.js';
import type {
  ProjectionProblem,
  ProjectionRow,
  ProjectionVerdict,
  ProjectionVerification,
} from './projection-problem.js';
import { withScratchDatabase } from './scratch-database.js';
import { jsonValue, type SqliteValue, showValue } from './sqlite-value.js';

/** Options for {@link verifyProjections}. */
export interface VerifyProjectionsOptions {
  /** Events per batch while rebuilding; 1 000 by default. */
  readonly batchSize?: number;
  /** Where the scratch database goes (in a new directory, removed afterwards); the OS temp directory by default. */
  readonly scratchDirectory?: string;
  /** Called after each batch of the rebuild. */
  readonly onProgress?: ProgressCallback;
}

interface Checkpoint {
  readonly version: number;
  readonly position: number;
  readonly state: 'ready' | 'rebuilding';
}

/** What one projection is compared at: the live checkpoint, and the position it was rebuilt to. */
interface Plan {
  readonly projection: Projection;
  readonly checkpoint: Checkpoint | undefined;
  /** Rebuilt up to this position (the checkpoint's, capped at the head); undefined: not compared. */
  readonly upTo: number | undefined;
  readonly problems: ProjectionProblem[];
  readonly tables: TableVerdict[];
}

/**
 * Checks that projection tables, which live outside the hash chain and can be edited without
 * `verify` noticing, still hold exactly what the log implies. Each projection is rebuilt from
 * the ledger's own events into a scratch database (a temporary file, removed afterwards whether
 * the check passes, fails or throws), up to the position its live checkpoint claims, and every
 * table it declares is compared with the live one row for row, in primary-key order. The first
 * difference in each table is a problem naming the table, the row's key and both rows: a row
 * deleted, inserted or changed. A projection whose checkpoint is missing, of another version,
 * interrupted, behind or ahead of the head is a problem too.
 *
 * Reads only, in one snapshot (a savepoint), so it works on `openReadonlyLedger` and never
 * changes the live file, even while another process appends. Memory stays flat: events are read
 * in batches, and both sides of each table are streamed and merged a row at a time. Like a
 * rebuild, it relies on a projection being a function of its events alone (reading only its own
 * tables), which is the contract of {@link Projection}.
 *
 * @example
 * ```ts
 * const ledger = openReadonlyLedger('plan.db');
 * const result = verifyProjections(ledger, [quarterEndProjection, slippageProjection, auditTrailProjection]);
 * for (const problem of result.problems) console.error(`[${problem.code}] ${problem.message}`);
 * ```
 */
export function verifyProjections(
  ledger: Ledger,
  projections: readonly Projection[],
  options: VerifyProjectionsOptions = {},
): ProjectionVerification {
  const live = ledger.store.database;
  live.exec('SAVEPOINT perfledger_verify_projections');
  try {
    const head = ledger.head().position;
    const plans = projections.map((projection) => plan(live, projection, head));
    const compared = plans.filter((p) => p.upTo !== undefined);
    let eventsRead = 0;
    if (compared.length > 0) {
      withScratchDatabase(options.scratchDirectory, (scratch) => {
        const file = scratch.name;
        try {
          eventsRead = rebuild(ledger, scratch, compared, options);
          for (const p of compared) compareTables(live, scratch, p);
        } catch (error) {
          throw translateSqliteError(error, file, 0);
        }
      });
    }
    const verdicts = plans.map((p) => verdictOf(p, head));
    return Object.freeze({
      ok: verdicts.every((verdict) => verdict.ok),
      head,
      eventsRead,
      projections: Object.freeze(verdicts),
      problems: Object.freeze(verdicts.flatMap((verdict) => verdict.problems)),
    });
  } finally {
    // Nothing was written, so releasing after a failure is as safe as rolling back.
    live.exec('RELEASE perfledger_verify_projections');
  }
}

/** Reads a projection's checkpoint and decides whether, and up to where, to compare it. */
function plan(live: SqlDatabase, projection: Projection, head: number): Plan {
  const checkpoint = live
    .prepare('SELECT version, position, state FROM projection_checkpoints WHERE name = ?')
    .get(projection.name) as Checkpoint | undefined;
  const problems: ProjectionProblem[] = [];
  const name = projection.name;
  const problem = (code: ProjectionProblem['code'], message: string) =>
    problems.push({ code, message, projection: name });
  const tables = projection.tables.map((table) => ({ name: table.name, rows: 0, compared: false }));
  if (checkpoint === undefined) {
    problem(
      'PROJECTION_MISSING',
      `Projection ${name} has no checkpoint: it was never built in this ledger (or its checkpoint was deleted). Rebuild it with \`perfledger rebuild\`.`,
    );
    return { projection, checkpoint, upTo: undefined, problems, tables };
  }
  if (checkpoint.version !== projection.version) {
    problem(
      'PROJECTION_OUTDATED',
      `Projection ${name} was built by version ${checkpoint.version}, not version ${projection.version}: its tables are not comparable. Rebuild it with \`perfledger rebuild\`.`,
    );
    return { projection, checkpoint, upTo: undefined, problems, tables };
  }
  if (checkpoint.state === 'rebuilding') {
    problem(
      'PROJECTION_REBUILDING',
      `Projection ${name} is part way through a rebuild (at position ${checkpoint.position} of ${head}); finish it with \`perfledger rebuild\`.`,
    );
  } else if (checkpoint.position < head) {
    problem(
      'PROJECTION_BEHIND',
      `Projection ${name} is at position ${checkpoint.position}, behind the head at ${head}: it lacks the last ${head - checkpoint.position} events. Catch it up with \`perfledger rebuild\`.`,
    );
  }
  if (checkpoint.position > head) {
    problem(
      'PROJECTION_AHEAD',
      `Projection ${name}'s checkpoint claims position ${checkpoint.position}, beyond the head at ${head}: the log does not hold the events it claims to include.`,
    );
  }
  // Whatever the state, its tables must equal a rebuild up to the position its checkpoint claims.
  return { projection, checkpoint, upTo: Math.min(checkpoint.position, head), problems, tables };
}

interface TableVerdict {
  name: string;
  rows: number;
  compared: boolean;
}

/** Rebuilds every compared projection into the scratch database, one pass over the log. */
function rebuild(
  ledger: Ledger,
  scratch: Database.Database,
  plans: readonly Plan[],
  options: VerifyProjectionsOptions,
): number {
  const handlers = new Map<string, { handler: ProjectionHandler; wanted: ReadonlySet<string> | undefined }>();
  for (const { projection } of plans) {
    for (const table of projection.tables) scratch.exec(table.sql);
    handlers.set(projection.name, {
      handler: projection.handler(scratch),
      wanted: projection.eventTypes === undefined ? undefined : new Set(projection.eventTypes),
    });
  }
  const upTo = Math.max(...plans.map((p) => p.upTo!));
  if (upTo === 0) return 0;
  const types = unionOfTypes(plans);
  const started = performance.now();
  let read = 0;
  const apply = scratch.transaction((batch: Parameters<ProjectionHandler>[0][]) => {
    for (const p of plans) {
      const { handler, wanted } = handlers.get(p.projection.name)!;
      for (const event of batch) {
        if (event.position > p.upTo!) break;
        if (wanted === undefined || wanted.has(event.type)) handler(event);
      }
    }
  });
  for (const batch of ledger.store.readAllBatches({
    upTo,
    batchSize: options.batchSize ?? 1_000,
    ...(types === undefined ? {} : { types }),
  })) {
    apply(batch);
    read += batch.length;
    const done = batch[batch.length - 1]!.position;
    const seconds = (performance.now() - started) / 1000;
    options.onProgress?.({ done, total: upTo, rate: seconds > 0 ? Math.round(done / seconds) : done });
  }
  return read;
}

function unionOfTypes(plans: readonly Plan[]): EventType[] | undefined {
  const types = new Set<EventType>();
  for (const { projection } of plans) {
    if (projection.eventTypes === undefined) return undefined;
    for (const type of projection.eventTypes) types.add(type);
  }
  return [...types];
}

/** Compares each declared table of one projection with its rebuild; records the first difference of each. */
function compareTables(live: SqlDatabase, scratch: SqlDatabase, p: Plan): void {
  const name = p.projection.name;
  for (const verdict of p.tables) {
    const table = verdict.name;
    const declared = columnsOf(scratch, table);
    const actual = columnsOf(live, table);
    if (actual.length === 0) {
      p.problems.push({
        code: 'PROJECTION_TABLE_MISSING',
        message: `Projection ${name}'s table ${table} is missing from the database.`,
        projection: name,
        table,
      });
      continue;
    }
    if (shapeOf(actual) !== shapeOf(declared)) {
      p.problems.push({
        code: 'PROJECTION_TABLE_SHAPE',
        message: `Projection ${name}'s table ${table} has the columns (${shapeOf(actual)}), but the projection declares (${shapeOf(declared)}).`,
        projection: name,
        table,
      });
      continue;
    }
    const comparison = compareTable(live, scratch, table, declared);
    verdict.compared = true;
    if (comparison.kind === 'same') {
      verdict.rows = comparison.rows;
      continue;
    }
    verdict.rows = comparison.rowsBefore;
    p.problems.push(rowProblem(name, table, comparison, p.upTo!));
  }
}

function shapeOf(columns: readonly ColumnShape[]): string {
  return columns
    .map((c) => `${c.name} ${c.type}${c.notNull ? ' NOT NULL' : ''}${c.pk > 0 ? ` PK${c.pk}` : ''}`)
    .join(', ');
}

type Difference = Exclude<TableComparison, { kind: 'same' }>;

function rowProblem(projection: string, table: string, d: Difference, upTo: number): ProjectionProblem {
  const key = d.key.map(([column, value]) => `${column} = ${showValue(value)}`).join(', ');
  const rebuiltFrom = `a rebuild from the log's first ${upTo} events`;
  const base = { projection, table, key: rowOf(d.key) };
  switch (d.kind) {
    case 'missing-row':
      return {
        ...base,
        code: 'PROJECTION_ROW_MISSING',
        message: `${table}: the row with ${key} is missing from the live table, but ${rebuiltFrom} has it (${showRow(d.rebuilt!)}); it was deleted.`,
        rebuilt: rowOf(d.rebuilt!),
      };
    case 'extra-row':
      return {
        ...base,
        code: 'PROJECTION_ROW_EXTRA',
        message: `${table}: the live table has a row with ${key} (${showRow(d.live!)}) that ${rebuiltFrom} does not produce; it was inserted.`,
        live: rowOf(d.live!),
      };
    default: {
      const values = new Map(d.live!.map(([column, value]) => [column, value]));
      const rebuilt = new Map(d.rebuilt!.map(([column, value]) => [column, value]));
      const changes = d
        .changed!.map(
          (column) =>
            `${column} is ${showValue(values.get(column)!)} in the live table but ${showValue(rebuilt.get(column)!)} in the rebuild`,
        )
        .join('; ');
      return {
        ...base,
        code: 'PROJECTION_ROW_CHANGED',
        message: `${table}: the row with ${key} differs from ${rebuiltFrom}: ${changes}; it was changed.`,
        live: rowOf(d.live!),
        rebuilt: rowOf(d.rebuilt!),
      };
    }
  }
}

function rowOf(values: readonly (readonly [string, SqliteValue])[]): ProjectionRow {
  return Object.freeze(Object.fromEntries(values.map(([column, value]) => [column, jsonValue(value)])));
}

function showRow(values: readonly (readonly [string, SqliteValue])[]): string {
  return values.map(([column, value]) => `${column} ${showValue(value)}`).join(', ');
}

function verdictOf(p: Plan, head: number): ProjectionVerdict {
  const { projection, checkpoint } = p;
  const state =
    checkpoint === undefined
      ? 'missing'
      : checkpoint.version !== projection.version
        ? 'outdated'
        : checkpoint.state;
  return Object.freeze({
    name: projection.name,
    version: projection.version,
    position: checkpoint?.position ?? 0,
    state,
    ok: p.problems.length === 0 && state === 'ready' && checkpoint?.position === head,
    tables: Object.freeze(p.tables.map((table) => Object.freeze({ ...table }))),
    problems: Object.freeze([...p.problems]),
  });
}
