import { randomUUID } from 'node:crypto';
import { NotALedgerError, SchemaTooNewError } from '@perfledger/core';
import { buildStoredTree, MERKLE_SCHEMA_VERSION } from './merkle-nodes.js';
import { translatePgError } from './postgres-errors.js';
import { bootstrapSql, MIGRATIONS, SCHEMA_VERSION } from './schema.js';
import type { SqlClient } from './sql-client.js';

/**
 * Brings one ledger's schema to {@link SCHEMA_VERSION}: creates it on first use (with a fresh
 * origin and creation time), runs the migrations it lacks in one transaction under an advisory
 * lock (so two processes opening a new ledger at once create it once), and refuses a schema of
 * another application or from a newer perfledger. Read-only: only checks, never creates or
 * migrates; a missing ledger is `NOT_A_LEDGER`. A ledger that is up to date is only read, so a
 * writer role without DDL privileges opens it.
 *
 * @example
 * ```ts
 * await migrateLedger(client, 'perfledger_broxtowe', location, { readonly: false });
 * ```
 */
export async function migrateLedger(
  client: SqlClient,
  schema: string,
  location: string,
  options: { readonly readonly: boolean },
): Promise<void> {
  try {
    const found = await versionOf(client, schema);
    if (found === 'missing' || found === 'foreign') {
      if (options.readonly || found === 'foreign') {
        throw new NotALedgerError(
          location,
          found === 'missing'
            ? `there is no ledger schema '${schema}' in the database`
            : `the schema '${schema}' exists but holds no perfledger ledger`,
        );
      }
    } else {
      if (found > SCHEMA_VERSION) throw new SchemaTooNewError(location, found, SCHEMA_VERSION);
      if (found === SCHEMA_VERSION || options.readonly) return;
    }
    await client.script('BEGIN;');
    try {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`perfledger:${schema}`]);
      const again = await versionOf(client, schema);
      if (again === 'foreign')
        throw new NotALedgerError(location, `the schema '${schema}' holds no perfledger ledger`);
      if (again === 'missing') await client.script(bootstrapSql(schema));
      const version = typeof again === 'number' ? again : 0;
      if (version > SCHEMA_VERSION) throw new SchemaTooNewError(location, version, SCHEMA_VERSION);
      for (let next = version + 1; next <= SCHEMA_VERSION; next++) {
        const migration = MIGRATIONS[next];
        if (migration === undefined) throw new Error(`perfledger: no migration to schema version ${next}`);
        await client.script(migration(schema));
        if (next === MERKLE_SCHEMA_VERSION) await buildStoredTree(client, schema);
        await client.query(`INSERT INTO "${schema}".schema_migrations (version) VALUES ($1)`, [next]);
      }
      if (version === 0) {
        await client.query(`INSERT INTO "${schema}".ledger_meta (key, value) VALUES ($1, $2), ($3, $4)`, [
          'origin',
          randomUUID(),
          'createdAt',
          new Date().toISOString(),
        ]);
      }
      await client.script('COMMIT;');
    } catch (error) {
      await client.script('ROLLBACK;').catch(() => undefined);
      throw error;
    }
  } catch (error) {
    throw translatePgError(error, location, { writing: !options.readonly });
  }
}

/** The schema's recorded version, or whether it is missing or holds something else. */
async function versionOf(client: SqlClient, schema: string): Promise<number | 'missing' | 'foreign'> {
  const [exists, migrations] = (
    await client.query<[boolean, string | null]>(
      'SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1), to_regclass($2)::text',
      [schema, `"${schema}".schema_migrations`],
      { arrays: true },
    )
  ).rows[0]!;
  if (!exists) return 'missing';
  if (migrations === null) {
    const [tables] = (
      await client.query<[number]>(
        `SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1`,
        [schema],
        { arrays: true },
      )
    ).rows[0]!;
    return tables === 0 ? 'missing' : 'foreign';
  }
  const [version] = (
    await client.query<[number | null]>(`SELECT max(version) FROM "${schema}".schema_migrations`, [], {
      arrays: true,
    })
  ).rows[0]!;
  return version ?? 0;
}
