import { ValidationError } from '@perfledger/core';
import { GENESIS_HASH } from '@perfledger/core/internal';
import { merkleMigrationSql } from './merkle-nodes.js';
import { scalarOperatorsSql } from './projection-ddl.js';

/**
 * The schema version this build writes and reads, recorded in each ledger's
 * `schema_migrations` table (one row per migration applied).
 *
 * @example
 * ```ts
 * (await client.query('SELECT max(version) AS v FROM schema_migrations')).rows[0].v === SCHEMA_VERSION;
 * ```
 */
export const SCHEMA_VERSION = 2;

/**
 * The ledger name when none is given: its schema is `perfledger_default`.
 *
 * @example
 * ```ts
 * await postgresStore({ connectionString }); // the ledger DEFAULT_LEDGER
 * ```
 */
export const DEFAULT_LEDGER = 'default';

const LEDGER_NAME = /^[a-z][a-z0-9_]{0,39}$/;

/**
 * Checks a ledger name: a lowercase letter, then up to 39 lowercase letters, digits and
 * underscores. Every SQL identifier built from it is then safe to quote.
 *
 * @example
 * ```ts
 * checkLedgerName('broxtowe'); // fine
 * checkLedgerName('Broxtowe'); // throws ValidationError
 * ```
 */
export function checkLedgerName(ledger: unknown): asserts ledger is string {
  if (typeof ledger !== 'string' || !LEDGER_NAME.test(ledger)) {
    throw new ValidationError(
      `A ledger name is a lowercase letter followed by up to 39 lowercase letters, digits and underscores, not '${String(ledger)}'.`,
      [{ path: ['ledger'], message: 'must match ^[a-z][a-z0-9_]{0,39}$' }],
    );
  }
}

/**
 * The PostgreSQL schema that holds one ledger: `perfledger_<ledger>`.
 *
 * @example
 * ```ts
 * schemaOf('broxtowe'); // 'perfledger_broxtowe'
 * ```
 */
export function schemaOf(ledger: string): string {
  checkLedgerName(ledger);
  return `perfledger_${ledger}`;
}

/**
 * Migrations, by the schema version they produce, as SQL for one ledger's schema (every name
 * qualified by it). All the migrations a ledger needs run in one transaction, which also records
 * them in `schema_migrations`, so a ledger is never left between versions.
 *
 * - 1: the log (`events`, append-only: statement triggers refuse UPDATE, DELETE and TRUNCATE,
 *   and so an `INSERT … ON CONFLICT DO UPDATE` over a stored event), its head (`ledger_head`, one
 *   row, locked by every append), the ledger's metadata and the projection checkpoints. Text
 *   that is compared or ordered (`stream`, dates, projection text) uses the "C" collation: byte
 *   order, as SQLite's, whatever the database's locale.
 * - 2: `merkle_nodes`, the stored complete subtrees of the RFC 6962 Merkle tree over the log
 *   (see `merkle-nodes.ts`), append-only; the migration builds it from the chain.
 *
 * @example
 * ```ts
 * for (let next = version + 1; next <= SCHEMA_VERSION; next++) await client.script(MIGRATIONS[next]!('perfledger_x'));
 * ```
 */
export const MIGRATIONS: Readonly<Record<number, (schema: string) => string>> = {
  1: (schema) => {
    const s = `"${schema}"`;
    return `
    CREATE TABLE ${s}.events (
      position bigint PRIMARY KEY,
      event_id text NOT NULL UNIQUE,
      stream text COLLATE "C" NOT NULL,
      stream_version integer NOT NULL,
      type text NOT NULL,
      schema_version integer NOT NULL,
      data text NOT NULL,
      effective_on text COLLATE "C" NOT NULL,
      recorded_at text COLLATE "C" NOT NULL,
      actor text,
      source text,
      correlation_id text,
      causation_id text,
      idempotency_key text,
      prev_hash text NOT NULL,
      hash text NOT NULL,
      UNIQUE (stream, stream_version)
    );
    CREATE INDEX events_by_effective_on ON ${s}.events (effective_on, position);
    CREATE INDEX events_by_recorded_at ON ${s}.events (recorded_at);
    CREATE INDEX events_by_idempotency_key ON ${s}.events (idempotency_key, position)
      WHERE idempotency_key IS NOT NULL;
    CREATE INDEX events_by_stream_key ON ${s}.events (upper(stream), position) WHERE stream_version = 1;
    CREATE FUNCTION ${s}.events_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION 'perfledger: events are immutable; % is not allowed', TG_OP
          USING ERRCODE = 'P0001', HINT = 'The ledger is append-only: correct an event with a later one.';
      END
    $fn$;
    CREATE TRIGGER events_are_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ${s}.events
      FOR EACH STATEMENT EXECUTE FUNCTION ${s}.events_are_append_only();
    CREATE TABLE ${s}.ledger_head (
      id integer PRIMARY KEY CHECK (id = 1),
      position bigint NOT NULL,
      hash text NOT NULL,
      recorded_at text NOT NULL
    );
    INSERT INTO ${s}.ledger_head (id, position, hash, recorded_at) VALUES (1, 0, '${GENESIS_HASH}', '');
    CREATE TABLE ${s}.ledger_meta (
      key text PRIMARY KEY,
      value text NOT NULL
    );
    CREATE TABLE ${s}.projection_checkpoints (
      name text PRIMARY KEY,
      version integer NOT NULL,
      position bigint NOT NULL,
      state text NOT NULL CHECK (state IN ('ready', 'rebuilding')),
      updated_at text NOT NULL
    );
    ${scalarOperatorsSql(schema)}
  `;
  },
  2: merkleMigrationSql,
};

/**
 * The statements that create the bookkeeping of migrations: the schema itself and its
 * `schema_migrations` table. Idempotent.
 *
 * @example
 * ```ts
 * await client.script(bootstrapSql('perfledger_broxtowe'));
 * ```
 */
export function bootstrapSql(schema: string): string {
  return `CREATE SCHEMA IF NOT EXISTS "${schema}";
    CREATE TABLE IF NOT EXISTS "${schema}".schema_migrations (
      version integer PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    );`;
}

/**
 * The grants of least privilege on one ledger, as SQL to run as its owner: a writer role that
 * may INSERT and SELECT events (never UPDATE, DELETE or TRUNCATE them), move the head, write
 * metadata and checkpoints, and create and replace projection tables; and a reader role (an
 * auditor, a report) that may only SELECT, including the projection tables the writer creates
 * later. Either role may be omitted.
 *
 * @example
 * ```ts
 * await client.query(ledgerGrantsSql('broxtowe', { writer: 'ledger_app', reader: 'ledger_audit' }));
 * ```
 */
export function ledgerGrantsSql(
  ledger: string,
  roles: { readonly writer?: string; readonly reader?: string },
): string {
  const s = `"${schemaOf(ledger)}"`;
  const statements: string[] = [];
  if (roles.writer !== undefined) {
    const w = quoteRole(roles.writer);
    statements.push(
      `GRANT USAGE, CREATE ON SCHEMA ${s} TO ${w}`,
      `GRANT SELECT, INSERT ON ${s}.events, ${s}.merkle_nodes TO ${w}`,
      `GRANT SELECT, UPDATE ON ${s}.ledger_head TO ${w}`,
      `GRANT SELECT, INSERT, UPDATE ON ${s}.ledger_meta, ${s}.projection_checkpoints TO ${w}`,
      `GRANT SELECT ON ${s}.schema_migrations TO ${w}`,
    );
  }
  if (roles.reader !== undefined) {
    const r = quoteRole(roles.reader);
    statements.push(
      `GRANT USAGE ON SCHEMA ${s} TO ${r}`,
      `GRANT SELECT ON ALL TABLES IN SCHEMA ${s} TO ${r}`,
      `ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT SELECT ON TABLES TO ${r}`,
    );
    if (roles.writer !== undefined) {
      statements.push(
        `ALTER DEFAULT PRIVILEGES FOR ROLE ${quoteRole(roles.writer)} IN SCHEMA ${s} GRANT SELECT ON TABLES TO ${r}`,
      );
    }
  }
  return statements.map((statement) => `${statement};`).join('\n');
}

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function quoteRole(role: string): string {
  if (typeof role !== 'string' || !ROLE_NAME.test(role)) {
    throw new ValidationError(
      `A role name is lowercase letters, digits and underscores, not '${String(role)}'.`,
    );
  }
  return `"${role}"`;
}
