import { randomBytes } from 'node:crypto';
import { LedgerError } from '../errors/ledger-error.js';
import type { Ledger } from '../ledger/ledger.js';
import { assertOptions, optionalCount } from '../ledger/validate-arguments.js';
import type { SqlValue } from '../store/event-store.js';
import type { Checkpoint } from './checkpoint.js';
import {
  countRowsBefore,
  type Difference,
  FirstDifference,
  LiveLookup,
  liveDigest,
  type NamedValues,
  offerExtraRows,
  shapeProblem,
} from './compare-table.js';
import type { ProgressCallback } from './progress.js';
import type { Projection, ProjectionTable } from './projection.js';
import type {
  ProjectionProblem,
  ProjectionRowValues,
  ProjectionVerdict,
  ProjectionVerification,
} from './projection-problem.js';
import { encodeValues, jsonValueOf, RowDigest, showValue } from './projection-value.js';
import { replayRows, type TableKeys, tableKeysOf } from './replay-rows.js';
import { validateProjections } from './validate-projections.js';

/**
 * Options for {@link verifyProjections}.
 *
 * @example
 * ```ts
 * const options: VerifyProjectionsOptions = { batchSize: 500, onProgress: ({ done, total }) => log(done, total) };
 * ```
 */
export interface VerifyProjectionsOptions {
  /** The projections to check; the ledger's own (`ledger.projections.list`) by default. */
  readonly projections?: readonly Projection[];
  /** Events per batch while replaying, and rows per batch while reading tables; 1 000 by default. */
  readonly batchSize?: number;
  /** Called after each batch of the replay. */
  readonly onProgress?: ProgressCallback;
}

const OPTION_KEYS = ['projections', 'batchSize', 'onProgress'];

/** Times the check is repeated when the ledger moves on while it runs. */
const ATTEMPTS = 3;

/** Rebuilt rows looked up in the live table per query, when a table differs. */
const LOOKUP_CHUNK = 200;

interface TableVerdict {
  name: string;
  rows: number;
  compared: boolean;
}

/** What one projection is compared at: the live checkpoint, and the position it is replayed to. */
interface Plan {
  readonly projection: Projection;
  readonly checkpoint: Checkpoint | undefined;
  /** Replayed up to this position (the checkpoint's, capped at the head); undefined: not compared. */
  readonly upTo: number | undefined;
  readonly problems: ProjectionProblem[];
  readonly tables: TableVerdict[];
}

/** A table whose live rows are compared with the replay. */
interface Compared {
  readonly plan: Plan;
  readonly table: ProjectionTable;
  readonly verdict: TableVerdict;
  readonly expected: RowDigest;
}

/**
 * Checks that projection tables, which live outside the hash chain and can be edited without
 * `verify` noticing, still hold exactly what the log implies. The log is replayed through each
 * projection's declared {@link Projection.rows}, up to the position its live checkpoint claims
 * (nothing is written anywhere), and every table it declares is compared with the live one: first
 * by an order-independent digest of all its rows (keyed with a secret random per run, so rows
 * cannot be crafted to match it); only a table whose digest differs is compared row by row, by
 * primary key, to find its first difference in key order: a problem naming the table, the row's
 * key and both rows (a row deleted, inserted or changed). A projection whose checkpoint is
 * missing, of another version, interrupted, behind or ahead of the head is a problem too.
 *
 * Engine-neutral: it reads through the store port and portable SQL (`ledger.query`), so it works
 * on every engine and on `openReadonlyLedger`, and never writes. Memory stays bounded by batches,
 * plus each table's key fingerprints (to skip rows whose key an earlier row took, as the engines
 * do) and the ledger's bounded stream histories. If the ledger moves on while it runs (another
 * process appends), the check is repeated from a fresh head; after three tries it gives up.
 *
 * @throws ValidationError for unknown options or a malformed projection; LedgerError
 *   `LEDGER_BUSY` when the ledger kept changing during three tries.
 * @example
 * ```ts
 * const ledger = await openReadonlyLedger('plan.db', { projections: [quarterEndProjection, slippageProjection, auditTrailProjection] });
 * const result = await verifyProjections(ledger);
 * for (const problem of result.problems) console.error(`[${problem.code}] ${problem.message}`);
 * ```
 */
export async function verifyProjections(
  ledger: Ledger,
  options: VerifyProjectionsOptions = {},
): Promise<ProjectionVerification> {
  assertOptions(options, OPTION_KEYS, 'verifyProjections options');
  optionalCount(options.batchSize, 'options.batchSize', 1);
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw new LedgerError('VALIDATION_FAILED', 'options.onProgress must be a function.');
  }
  const projections = options.projections ?? ledger.projections.list;
  if (options.projections !== undefined) validateProjections(options.projections);
  for (let attempt = 1; ; attempt += 1) {
    const before = await stateOf(ledger, projections);
    const result = await verifyOnce(ledger, projections, options);
    if ((await stateOf(ledger, projections)) === before) return result;
    if (attempt === ATTEMPTS) {
      throw new LedgerError(
        'LEDGER_BUSY',
        `'${ledger.location}' kept changing while its projections were verified (${ATTEMPTS} tries); verify again when it is quiet.`,
      );
    }
  }
}

/** The head and every checkpoint, as one string: equal before and after means nothing moved. */
async function stateOf(ledger: Ledger, projections: readonly Projection[]): Promise<string> {
  const head = await ledger.store.head();
  const checkpoints = await Promise.all(projections.map((p) => ledger.store.projections.checkpoint(p.name)));
  return JSON.stringify([head.position, head.hash, checkpoints]);
}

async function verifyOnce(
  ledger: Ledger,
  projections: readonly Projection[],
  options: VerifyProjectionsOptions,
): Promise<ProjectionVerification> {
  const batchSize = options.batchSize ?? 1_000;
  const head = (await ledger.store.head()).position;
  const plans: Plan[] = [];
  for (const projection of projections) {
    plans.push(planOf(projection, await ledger.store.projections.checkpoint(projection.name), head));
  }
  const replayed = plans.filter((p) => p.upTo !== undefined);
  const secret = randomBytes(16).toString('hex');
  const compared = await readableTables(ledger, replayed, secret);

  // Pass 1: the digest of every table's expected rows, in one read of the log.
  const expected = new Map(compared.map((c) => [c.table.name, c]));
  const keys = new Map<string, Map<string, TableKeys>>();
  let eventsRead = await replayRows(
    ledger,
    replayed.map((p) => {
      const projectionKeys = tableKeysOf(p.projection);
      keys.set(p.projection.name, projectionKeys);
      return {
        projection: p.projection,
        upTo: p.upTo!,
        keys: projectionKeys,
        onRow: (table: ProjectionTable, values: readonly SqlValue[]) => {
          expected.get(table.name)?.expected.add(encodeValues(values));
        },
      };
    }),
    { batchSize, ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }) },
  );

  // The live digests; the tables that differ get a keyed comparison.
  const differing: { compared: Compared; first: FirstDifference }[] = [];
  for (const c of compared) {
    const live = await liveDigest(ledger.query, c.table, secret, batchSize, encodeValues);
    if (live.equals(c.expected)) {
      c.verdict.compared = true;
      c.verdict.rows = live.count;
      continue;
    }
    const first = new FirstDifference(c.table);
    // Live rows whose key no expected row has: inserted.
    await offerExtraRows(
      ledger.query,
      keys.get(c.plan.projection.name)!.get(c.table.name)!,
      first,
      batchSize,
    );
    differing.push({ compared: c, first });
  }
  keys.clear();

  // Pass 2, only for projections with a differing table: each expected row looked up by key.
  if (differing.length > 0) {
    const lookups = new Map(
      differing.map(({ compared: c, first }) => [
        c.table.name,
        new LiveLookup(ledger.query, first, tableKeysOf(c.plan.projection).get(c.table.name)!, LOOKUP_CHUNK),
      ]),
    );
    const again = [...new Set(differing.map(({ compared: c }) => c.plan))];
    eventsRead += await replayRows(
      ledger,
      again.map((p) => ({
        projection: p.projection,
        upTo: p.upTo!,
        keys: tableKeysOf(p.projection),
        onRow: async (table: ProjectionTable, values: readonly SqlValue[]) => {
          await lookups.get(table.name)?.add(values);
        },
      })),
      { batchSize },
    );
    for (const lookup of lookups.values()) await lookup.flush();
    for (const { compared: c, first } of differing) {
      c.verdict.compared = true;
      const found = first.found;
      if (found === undefined) {
        // The digests differ but no row does: only possible if the table moved meanwhile, which
        // the caller's before/after comparison repeats the check for.
        c.verdict.rows = c.expected.count;
        continue;
      }
      c.verdict.rows = await countRowsBefore(ledger.query, first, found.keyValues, batchSize);
      c.plan.problems.push(rowProblem(c.plan.projection.name, c.table.name, found, c.plan.upTo!));
    }
  }

  const verdicts = plans.map((p) => verdictOf(p, head));
  return Object.freeze({
    ok: verdicts.every((verdict) => verdict.ok),
    head,
    eventsRead,
    projections: Object.freeze(verdicts),
    problems: Object.freeze(verdicts.flatMap((verdict) => verdict.problems)),
  });
}

/** The tables of the replayed projections that exist and can be read with their declared columns. */
async function readableTables(ledger: Ledger, plans: readonly Plan[], secret: string): Promise<Compared[]> {
  const names = plans.flatMap((p) => p.projection.tables.map((table) => table.name));
  const existing = new Set(names.length === 0 ? [] : await ledger.store.projections.existingTables(names));
  const compared: Compared[] = [];
  for (const p of plans) {
    const name = p.projection.name;
    for (const table of p.projection.tables) {
      const verdict = p.tables.find((t) => t.name === table.name)!;
      if (!existing.has(table.name)) {
        p.problems.push({
          code: 'PROJECTION_TABLE_MISSING',
          message: `Projection ${name}'s table ${table.name} is missing from the database.`,
          projection: name,
          table: table.name,
        });
        continue;
      }
      const shape = await shapeProblem(ledger.query, table);
      if (shape !== undefined) {
        p.problems.push({
          code: 'PROJECTION_TABLE_SHAPE',
          message: `Projection ${name}'s table ${table.name} is not as declared: ${shape}.`,
          projection: name,
          table: table.name,
        });
        continue;
      }
      compared.push({ plan: p, table, verdict, expected: new RowDigest(secret) });
    }
  }
  return compared;
}

/** Decides whether, and up to where, to compare a projection, from its checkpoint. */
function planOf(projection: Projection, checkpoint: Checkpoint | undefined, head: number): Plan {
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
  // Whatever the state, its tables must equal a replay up to the position its checkpoint claims.
  return { projection, checkpoint, upTo: Math.min(checkpoint.position, head), problems, tables };
}

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

function rowOf(values: NamedValues): ProjectionRowValues {
  return Object.freeze(Object.fromEntries(values.map(([column, value]) => [column, jsonValueOf(value)])));
}

function showRow(values: NamedValues): string {
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
