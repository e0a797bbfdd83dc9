import type { EventEnvelope } from '../events/index.js';
import type { Projection, ProjectionRow, ProjectionTable } from '../projections/projection.js';
import type { EventFact, SqlValue } from '../store/event-store.js';

/** One row per event: every portable column type, a nullable scalar and a partial index. */
export const factsTable: ProjectionTable = {
  name: 'conformance_facts',
  columns: [
    { name: 'position', type: 'integer' },
    { name: 'stream', type: 'text' },
    { name: 'type', type: 'text' },
    { name: 'effective_on', type: 'text' },
    { name: 'value', type: 'scalar', nullable: true },
    { name: 'share', type: 'real', nullable: true },
  ],
  primaryKey: ['position'],
  indexes: [
    { name: 'conformance_facts_by_stream', columns: ['stream', 'position'] },
    {
      name: 'conformance_facts_progress',
      columns: ['stream', 'effective_on'],
      where: { type: 'ProgressUpdated' },
    },
  ],
};

/** One row per stream, offered by every event: only the first is kept (duplicates skipped). */
export const firstSeenTable: ProjectionTable = {
  name: 'conformance_first_seen',
  columns: [
    { name: 'stream', type: 'text' },
    { name: 'position', type: 'integer' },
    { name: 'type', type: 'text' },
  ],
  primaryKey: ['stream'],
};

/** Progress changes with the value before, computed from the stream's history. */
export const changesTable: ProjectionTable = {
  name: 'conformance_changes',
  columns: [
    { name: 'position', type: 'integer' },
    { name: 'stream', type: 'text' },
    { name: 'effective_on', type: 'text' },
    { name: 'before', type: 'integer', nullable: true },
    { name: 'after', type: 'integer' },
  ],
  primaryKey: ['position'],
  // One change per stream and effective date: a second one that day is skipped.
  unique: [['stream', 'effective_on']],
};

function factValue(event: EventFact | EventEnvelope): SqlValue {
  const data = event.data as Record<string, unknown>;
  switch (event.type) {
    case 'ProgressUpdated':
      return data.percentComplete as number;
    case 'StatusChanged':
      return data.status as string;
    case 'DueDateRevised':
      return data.to as string;
    case 'CommentAdded':
      return data.comment as string;
    default:
      return null;
  }
}

/** Every event as a fact row; `share` is the progress as a fraction. */
export const factsProjection: Projection = {
  name: 'conformance_facts',
  version: 1,
  tables: [factsTable],
  rows: (event) => [
    {
      table: 'conformance_facts',
      values: [
        event.position,
        event.stream,
        event.type,
        event.effectiveOn,
        factValue(event),
        event.type === 'ProgressUpdated'
          ? (event.data as { percentComplete: number }).percentComplete / 8
          : null,
      ],
    },
  ],
};

/** The first event seen of each stream ("first registration wins" as a skipped duplicate). */
export const firstSeenProjection: Projection = {
  name: 'conformance_first_seen',
  version: 1,
  tables: [firstSeenTable],
  rows: (event) => [{ table: 'conformance_first_seen', values: [event.stream, event.position, event.type] }],
};

/** Progress changes; reads the stream's earlier events for the value before. */
export const changesProjection: Projection = {
  name: 'conformance_changes',
  version: 1,
  eventTypes: ['ProgressUpdated'],
  history: true,
  tables: [changesTable],
  rows: (event, history) => {
    if (event.type !== 'ProgressUpdated') return [];
    let before: number | null = null;
    for (const earlier of history) {
      if (earlier.type === 'ProgressUpdated')
        before = (earlier.data as { percentComplete: number }).percentComplete;
    }
    return [
      {
        table: 'conformance_changes',
        values: [event.position, event.stream, event.effectiveOn, before, event.data.percentComplete],
      },
    ];
  },
};

/** The three projections the conformance suite registers. */
export const conformanceProjections: readonly Projection[] = [
  factsProjection,
  firstSeenProjection,
  changesProjection,
];

/**
 * The rows the projections should hold after `log`, computed in memory: each event's rows in
 * log order, a row whose primary key or a unique key is already present skipped.
 */
export function expectedRows(
  projections: readonly Projection[],
  log: readonly EventEnvelope[],
): Map<string, Record<string, SqlValue>[]> {
  const tables = new Map<
    string,
    { table: ProjectionTable; rows: Record<string, SqlValue>[]; keys: Set<string> }
  >();
  for (const projection of projections) {
    for (const table of projection.tables) tables.set(table.name, { table, rows: [], keys: new Set() });
  }
  for (const projection of projections) {
    for (const event of log) {
      if (projection.eventTypes !== undefined && !projection.eventTypes.includes(event.type)) continue;
      const history = projection.history
        ? log.filter((e) => e.stream === event.stream && e.position < event.position).map(factOf)
        : [];
      for (const row of projection.rows(event, history)) add(tables, row);
    }
  }
  return new Map([...tables].map(([name, { table, rows }]) => [name, sortByKey(table, rows)]));
}

function add(
  tables: Map<string, { table: ProjectionTable; rows: Record<string, SqlValue>[]; keys: Set<string> }>,
  row: ProjectionRow,
): void {
  const entry = tables.get(row.table);
  if (entry === undefined) throw new Error(`no table ${row.table}`);
  const record = Object.fromEntries(entry.table.columns.map((c, i) => [c.name, row.values[i] ?? null]));
  const keys = [entry.table.primaryKey, ...(entry.table.unique ?? [])].map(
    (key, k) => `${k}:${JSON.stringify(key.map((column) => record[column]))}`,
  );
  if (keys.some((key) => entry.keys.has(key))) return;
  for (const key of keys) entry.keys.add(key);
  entry.rows.push(record);
}

function factOf(event: EventEnvelope): EventFact {
  return {
    type: event.type,
    data: event.data,
    stream: event.stream,
    streamVersion: event.streamVersion,
    position: event.position,
    effectiveOn: event.effectiveOn,
  } as EventFact;
}

/** Rows ordered by the table's primary key, as {@link selectAll} reads them. */
export function sortByKey(
  table: ProjectionTable,
  rows: readonly Record<string, SqlValue>[],
): Record<string, SqlValue>[] {
  return [...rows].sort((a, b) => {
    for (const column of table.primaryKey) {
      const x = a[column];
      const y = b[column];
      if (x === y) continue;
      return (x ?? '') < (y ?? '') ? -1 : 1;
    }
    return 0;
  });
}

/** The portable `SELECT` of a table's rows, ordered by its primary key. */
export function selectAll(table: ProjectionTable): string {
  return `SELECT ${table.columns.map((c) => c.name).join(', ')} FROM ${table.name} ORDER BY ${table.primaryKey.join(', ')}`;
}
