import type { ChainRow, RawEventAccess, StoredEventField, StoredValue } from '@perfledger/core/conformance';
import { completeStoredTree, rawPostgresTree } from './raw-postgres-tree.js';

/** Runs statements as another client of the database: one session, given back afterwards. */
export type RawRunner = <T>(work: (query: RawQuery) => Promise<T>) => Promise<T>;

/** One statement with `$n` parameters on that session. */
export type RawQuery = (sql: string, params?: readonly unknown[]) => Promise<{ rows: unknown[] }>;

const COLUMN_OF: Readonly<Record<StoredEventField, string>> = {
  position: 'position',
  eventId: 'event_id',
  stream: 'stream',
  streamVersion: 'stream_version',
  type: 'type',
  schemaVersion: 'schema_version',
  dataJson: 'data',
  effectiveOn: 'effective_on',
  recordedAt: 'recorded_at',
  actor: 'actor',
  source: 'source',
  correlationId: 'correlation_id',
  causationId: 'causation_id',
  idempotencyKey: 'idempotency_key',
  prevHash: 'prev_hash',
  hash: 'hash',
};

const FIELDS = Object.keys(COLUMN_OF) as StoredEventField[];
const COLUMNS = FIELDS.map((field) => COLUMN_OF[field]).join(', ');
const PLACEHOLDERS = FIELDS.map((_, i) => `$${i + 1}`).join(', ');

function columnOf(field: string): string {
  const column = COLUMN_OF[field as StoredEventField];
  if (column === undefined) throw new RangeError(`no stored event field '${field}'`);
  return column;
}

async function storedRow(query: RawQuery, s: string, position: number): Promise<StoredValue[]> {
  const row = (await query(`SELECT ${COLUMNS} FROM ${s}.events WHERE position = $1`, [position])).rows[0] as
    | Record<string, StoredValue>
    | undefined;
  if (row === undefined) throw new RangeError(`there is no event at position ${position}`);
  return FIELDS.map((field) => row[COLUMN_OF[field]] ?? null);
}

function replaced(
  row: readonly StoredValue[],
  changes: Readonly<Partial<Record<StoredEventField, StoredValue>>>,
): StoredValue[] {
  for (const field of Object.keys(changes)) columnOf(field);
  return FIELDS.map((field, i) => (field in changes ? (changes[field] as StoredValue) : row[i]!));
}

/** Runs `work` in a transaction on the raw session; rolls back when it throws. */
async function inTransaction(query: RawQuery, work: () => Promise<void>): Promise<void> {
  await query('BEGIN');
  try {
    await work();
    await query('COMMIT');
  } catch (error) {
    await query('ROLLBACK');
    throw error;
  }
}

/**
 * Another client of a PostgreSQL ledger: the plain writes the `events` triggers must refuse
 * (`UPDATE`, `DELETE`, `INSERT … ON CONFLICT DO UPDATE`), and the owner's tampering, which
 * disables the trigger inside a transaction of its own and enables it again before committing.
 *
 * @example
 * ```ts
 * const raw = rawPostgresEvents(run, 'perfledger_x');
 * await raw.tamper(2, { dataJson: '{"comment":"forged"}' });
 * ```
 */
export function rawPostgresEvents(run: RawRunner, schema: string): RawEventAccess {
  const s = `"${schema}"`;
  const disable = `ALTER TABLE ${s}.events DISABLE TRIGGER events_are_append_only`;
  const enable = `ALTER TABLE ${s}.events ENABLE TRIGGER events_are_append_only`;
  return {
    nodes: rawPostgresTree(run, schema),
    async tryUpdate(position, field, value) {
      await run((query) =>
        query(`UPDATE ${s}.events SET ${columnOf(field)} = $1 WHERE position = $2`, [value, position]),
      );
    },
    async tryDelete(position) {
      await run((query) => query(`DELETE FROM ${s}.events WHERE position = $1`, [position]));
    },
    async tryReplace(position, changes) {
      await run(async (query) => {
        const row = replaced(await storedRow(query, s, position), changes);
        const updates = FIELDS.filter((f) => f !== 'position')
          .map((f) => `${COLUMN_OF[f]} = excluded.${COLUMN_OF[f]}`)
          .join(', ');
        await query(
          `INSERT INTO ${s}.events (${COLUMNS}) VALUES (${PLACEHOLDERS}) ON CONFLICT (position) DO UPDATE SET ${updates}`,
          row,
        );
      });
    },
    async tamper(position, changes) {
      await run((query) =>
        inTransaction(query, async () => {
          const row = replaced(await storedRow(query, s, position), changes);
          await query(disable);
          await query(`DELETE FROM ${s}.events WHERE position = $1`, [position]);
          await query(`INSERT INTO ${s}.events (${COLUMNS}) VALUES (${PLACEHOLDERS})`, row);
          await query(enable);
        }),
      );
    },
    async tamperDelete(position) {
      await run((query) =>
        inTransaction(query, async () => {
          await storedRow(query, s, position);
          await query(disable);
          await query(`DELETE FROM ${s}.events WHERE position = $1`, [position]);
          await query(enable);
        }),
      );
    },
    async appendRows(rows: readonly ChainRow[]) {
      await run((query) =>
        inTransaction(query, async () => {
          for (const row of rows) {
            await query(
              `INSERT INTO ${s}.events (${COLUMNS}) VALUES (${PLACEHOLDERS})`,
              FIELDS.map((field) => row[field]),
            );
          }
          await completeStoredTree(query, schema);
          const last = rows.at(-1);
          if (last !== undefined) {
            await query(
              `UPDATE ${s}.ledger_head SET position = $1, hash = $2, recorded_at = $3 WHERE id = 1`,
              [last.position, last.hash, last.recordedAt],
            );
          }
        }),
      );
    },
  };
}
