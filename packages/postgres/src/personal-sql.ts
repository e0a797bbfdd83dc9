import {
  groupPersonalRows,
  isEmptyWrites,
  mayHoldPersonalData,
  type PersonalLookup,
  type PersonalRecordRow,
  type PersonalWrites,
} from '@perfledger/core/internal';
import type { SqlClient } from './sql-client.js';

/**
 * The side-table records of the rows among `rows` whose data (at `dataIndex`) holds
 * personal-data markers, in one round trip; undefined (no query) when none does.
 *
 * @example
 * ```ts
 * const personal = await personalOfRows(client, schema, rows, 6);
 * rows.map((row) => codec.envelope(row, personal));
 * ```
 */
export async function personalOfRows(
  client: SqlClient,
  schema: string,
  rows: readonly (readonly unknown[])[],
  dataIndex: number,
): Promise<PersonalLookup | undefined> {
  const positions: number[] = [];
  for (const row of rows) {
    if (mayHoldPersonalData(row[dataIndex] as string)) positions.push(Number(row[0]));
  }
  if (positions.length === 0) return undefined;
  const found = await client.query<PersonalRecordRow>(
    `SELECT position, field, salt, text, NULL, NULL FROM ${schema}.personal_data WHERE position = ANY($1::bigint[])
     UNION ALL SELECT position, field, NULL, NULL, erased_on, erasure_position FROM ${schema}.personal_data_erased WHERE position = ANY($1::bigint[])`,
    [positions],
    { arrays: true },
  );
  return groupPersonalRows(found.rows);
}

/**
 * One statement that writes a batch's side-table rows (see `personalWrites` in core): deletes
 * the erased texts, inserts the new texts and the erasures (an erasure already recorded is
 * skipped). `json` is the SQL of a `json` value holding the writes: a parameter or a literal.
 * Empty ('') when there is nothing to write.
 *
 * @example
 * ```ts
 * await client.query(personalWritesSql(schema, writes, '$1::json'), [JSON.stringify(writes)]);
 * ```
 */
export function personalWritesSql(schema: string, writes: PersonalWrites, json: string): string {
  if (isEmptyWrites(writes)) return '';
  return `WITH d AS (
      DELETE FROM ${schema}.personal_data p USING json_to_recordset((${json})->'deletes') AS r(position bigint, field text)
      WHERE p.position = r.position AND p.field = r.field RETURNING 1
    ), t AS (
      INSERT INTO ${schema}.personal_data (position, field, salt, "text")
      SELECT position, field, salt, "text" FROM json_to_recordset((${json})->'texts') AS r(position bigint, field text, salt text, "text" text)
      RETURNING 1
    ), e AS (
      INSERT INTO ${schema}.personal_data_erased (position, field, erased_on, erasure_position)
      SELECT position, field, "erasedOn", "erasurePosition" FROM json_to_recordset((${json})->'erasures') AS r(position bigint, field text, "erasedOn" text, "erasurePosition" bigint)
      ON CONFLICT DO NOTHING RETURNING 1
    ) SELECT (SELECT count(*) FROM d) + (SELECT count(*) FROM t) + (SELECT count(*) FROM e)`;
}
