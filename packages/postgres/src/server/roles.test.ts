import { LedgerError } from '@perfledger/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresStore } from '../index.js';
import { ledgerGrantsSql, schemaOf } from '../schema.js';
import { comment } from '../test-support/fixtures.js';
import { dropLedger, uniqueLedgerName, withClient } from '../testing/index.js';
import { asUser, serverUrl } from './server-fixtures.js';

const table = {
  name: 'role_notes',
  columns: [{ name: 'id', type: 'integer' as const }],
  primaryKey: ['id'],
};

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LedgerError) return error.code;
    return `raw ${(error as { code?: string }).code ?? String(error)}`;
  }
  return 'written';
}

describe.skipIf(serverUrl === null)('least-privilege roles on a server', () => {
  const url = serverUrl ?? '';
  const ledger = uniqueLedgerName('roles');
  const other = uniqueLedgerName('rolesb');
  const writer = `w_${ledger}`.slice(0, 60);
  const reader = `r_${ledger}`.slice(0, 60);
  const s = `"${schemaOf(ledger)}"`;

  beforeAll(async () => {
    const owner = await postgresStore({ connectionString: url, ledger });
    await owner.append([{ stream: 'action:R1', events: [comment('by the owner')] }]);
    await owner.close();
    await (await postgresStore({ connectionString: url, ledger: other })).close();
    await withClient(url, async (client) => {
      await client.query(`CREATE ROLE "${writer}" LOGIN; CREATE ROLE "${reader}" LOGIN;`);
      await client.query(ledgerGrantsSql(ledger, { writer, reader }));
      // A function that writes, owned by the superuser and run with its rights: even it must not
      // write through a reader's (or the query port's) read-only transaction.
      await client.query(
        `CREATE FUNCTION ${s}.sneaky() RETURNS int LANGUAGE sql SECURITY DEFINER AS $$ INSERT INTO ${s}.ledger_meta (key, value) VALUES ('sneaky', 'x') RETURNING 1 $$;
         GRANT EXECUTE ON FUNCTION ${s}.sneaky() TO "${reader}", "${writer}";`,
      );
    });
  });

  afterAll(async () => {
    await dropLedger(url, ledger);
    await dropLedger(url, other);
    await withClient(url, async (client) => {
      await client.query(
        `DROP OWNED BY "${writer}", "${reader}"; DROP ROLE IF EXISTS "${writer}", "${reader}";`,
      );
    });
  });

  it('the writer may INSERT and SELECT events, never UPDATE, DELETE or TRUNCATE them; the reader only SELECT', async () => {
    await withClient(url, async (client) => {
      const privileges = await client.query(
        `SELECT r AS role, p AS privilege, has_table_privilege(r, $1, p) AS granted
         FROM unnest(ARRAY[$2, $3]) AS r, unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) AS p`,
        [`${s}.events`, writer, reader],
      );
      const granted = privileges.rows
        .filter((row) => row.granted)
        .map((row) => `${row.role}:${row.privilege}`);
      expect(granted.sort()).toEqual([`${reader}:SELECT`, `${writer}:INSERT`, `${writer}:SELECT`].sort());
    });
  });

  it('the writer appends, writes metadata, projections and checkpoints; its raw UPDATE, DELETE and TRUNCATE of events are refused', async () => {
    const store = await postgresStore({ connectionString: asUser(url, writer), ledger });
    try {
      const result = await store.append([{ stream: 'action:R1', events: [comment('by the writer')] }]);
      expect(result.firstPosition).toBe(2);
      await store.putMeta('writer:note', 'yes');
      await store.projections.resetTables([table]);
      await store.projections.insertRows(table, [{ table: table.name, values: [1] }]);
      await store.projections.putCheckpoint({ name: 'role_notes', version: 1, position: 2, state: 'ready' });
      expect(await store.query.all('SELECT id FROM role_notes')).toEqual([{ id: 1 }]);
    } finally {
      await store.close();
    }
    await withClient(asUser(url, writer), async (client) => {
      for (const statement of [
        `UPDATE ${s}.events SET actor = 'mallory'`,
        `DELETE FROM ${s}.events`,
        `TRUNCATE ${s}.events`,
        `ALTER TABLE ${s}.events DISABLE TRIGGER events_are_append_only`,
        `DROP TABLE ${s}.events`,
      ]) {
        await expect(client.query(statement), statement).rejects.toMatchObject({
          code: expect.stringMatching(/^42501|P0001$/),
        });
      }
    });
  });

  it('a reader connection cannot write by any path: the port, the query port (DML, CTE with DML, a writing function), or raw SQL', async () => {
    const readerUrl = asUser(url, reader);
    const readonlyStore = await postgresStore({ connectionString: readerUrl, ledger, readonly: true });
    // Even a store not opened read-only, on the reader's role, writes nothing.
    const writableStore = await postgresStore({ connectionString: readerUrl, ledger });
    try {
      const before = await readonlyStore.head();
      expect(before.position).toBe(2);
      for (const store of [readonlyStore, writableStore]) {
        expect(await codeOf(store.append([{ stream: 'action:R1', events: [comment('refused')] }]))).toBe(
          'READ_ONLY',
        );
        expect(await codeOf(store.putMeta('reader:note', 'no'))).toBe('READ_ONLY');
        expect(await codeOf(store.projections.resetTables([table]))).toBe('READ_ONLY');
        expect(await codeOf(store.projections.insertRows(table, [{ table: table.name, values: [2] }]))).toBe(
          'READ_ONLY',
        );
        expect(
          await codeOf(
            store.projections.putCheckpoint({ name: 'role_notes', version: 9, position: 0, state: 'ready' }),
          ),
        ).toBe('READ_ONLY');
        for (const statement of [
          "INSERT INTO ledger_meta (key, value) VALUES ('q', 'x')",
          "UPDATE ledger_meta SET value = 'x'",
          'DELETE FROM role_notes',
          'WITH gone AS (DELETE FROM role_notes RETURNING id) SELECT * FROM gone',
          "WITH put AS (INSERT INTO ledger_meta (key, value) VALUES ('q', 'x') RETURNING key) SELECT * FROM put",
          'SELECT sneaky()',
          'SELECT * FROM ledger_head FOR UPDATE',
          "SELECT set_config('default_transaction_read_only', 'off', false), sneaky()",
        ]) {
          expect(await codeOf(store.query.all(statement)), statement).toBe('READ_ONLY');
        }
        // A setting changed by one query does not outlive it: the next still cannot write.
        await store.query.all("SELECT set_config('default_transaction_read_only', 'off', false)");
        expect(await codeOf(store.query.all('SELECT sneaky()'))).toBe('READ_ONLY');
      }
      expect(await readonlyStore.head()).toEqual(before);
      expect(await readonlyStore.getMeta('sneaky')).toBeUndefined();
      expect(await readonlyStore.getMeta('q')).toBeUndefined();
      expect(await readonlyStore.query.all('SELECT id FROM role_notes')).toEqual([{ id: 1 }]);
      expect(await readonlyStore.projections.checkpoint('role_notes')).toMatchObject({ version: 1 });
      // Nor another ledger's data: the reader has no privilege on its schema.
      expect(await codeOf(readonlyStore.query.all(`SELECT count(*) FROM "${schemaOf(other)}".events`))).toBe(
        'STORAGE_FAILED',
      );
    } finally {
      await readonlyStore.close();
      await writableStore.close();
    }
    await withClient(readerUrl, async (client) => {
      for (const statement of [
        `INSERT INTO ${s}.ledger_meta (key, value) VALUES ('raw', 'x')`,
        `UPDATE ${s}.ledger_head SET position = 0`,
        `DELETE FROM ${s}.events`,
        `TRUNCATE ${s}.events`,
        `CREATE TABLE ${s}.sneaky (id int)`,
      ]) {
        await expect(client.query(statement), statement).rejects.toMatchObject({ code: '42501' });
      }
    });
  });

  it('UPDATE, DELETE and TRUNCATE of events are refused for the owner (a superuser) too', async () => {
    await withClient(url, async (client) => {
      for (const statement of [
        `UPDATE ${s}.events SET actor = 'mallory'`,
        `DELETE FROM ${s}.events WHERE position = 1`,
        `TRUNCATE ${s}.events`,
        `INSERT INTO ${s}.events SELECT * FROM ${s}.events WHERE position = 1 ON CONFLICT (position) DO UPDATE SET actor = 'mallory'`,
      ]) {
        await expect(client.query(statement), statement).rejects.toThrow(/events are immutable/);
      }
      const count = await client.query(`SELECT count(*)::int AS n FROM ${s}.events`);
      expect(count.rows[0].n).toBe(2);
    });
  });
});
