import { PGlite } from '@electric-sql/pglite';
import { createLedger } from '@perfledger/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaOf } from './schema.js';
import { pgliteConnector, pgliteStore, uniqueLedgerName } from './testing/index.js';

let db: PGlite;

beforeAll(async () => {
  db = await PGlite.create();
});

afterAll(async () => {
  await db.close();
});

async function sql(text: string): Promise<Record<string, unknown>[]> {
  const client = await pgliteConnector(db).connect();
  try {
    return (await client.query(text, [])).rows as Record<string, unknown>[];
  } finally {
    client.release();
  }
}

describe('schema 2: erasable personal data on PostgreSQL', () => {
  it('a ledger at schema 2 is migrated on a writable open, keeps verifying, and can then enable erasure', async () => {
    const ledger = uniqueLedgerName('m');
    const s = `"${schemaOf(ledger)}"`;
    try {
      const first = await createLedger({ store: await pgliteStore({ db, ledger }) });
      await first.execute({
        type: 'RegisterAction',
        code: 'M1',
        effectiveOn: '2023-04-01',
        title: 'Widen e-forms',
        plan: 'Plan A',
        directorate: 'Resources',
        section: 'Finance',
        dueDate: '2024-03-31',
        statusKey: 'rag',
      });
      await first.execute({
        type: 'AddComment',
        code: 'M1',
        effectiveOn: '2023-06-30',
        comment: 'Before the upgrade',
      });
      const head = await first.head();
      await first.close();
      // As schema 2 left it: no side tables, no record of migration 3.
      for (const statement of [
        `DROP TABLE ${s}.personal_data`,
        `DROP TABLE ${s}.personal_data_erased`,
        `DROP FUNCTION ${s}.personal_data_guard()`,
        `DELETE FROM ${s}.schema_migrations WHERE version = 3`,
      ])
        await sql(statement);
      // A read-only handle reads it as it is, without migrating.
      const reader = await createLedger({ store: await pgliteStore({ db, ledger, readonly: true }) });
      expect((await reader.readAction('M1'))[1]!.data).toEqual({ comment: 'Before the upgrade' });
      await reader.close();
      expect(await sql(`SELECT to_regclass('${s}.personal_data') AS t`)).toEqual([{ t: null }]);
      const upgraded = await createLedger({ store: await pgliteStore({ db, ledger }) });
      try {
        expect((await sql(`SELECT max(version) AS v FROM ${s}.schema_migrations`))[0]!.v).toBe(3);
        expect(await upgraded.head()).toEqual(head);
        expect((await upgraded.verify()).ok).toBe(true);
        await upgraded.enablePersonalDataErasure();
        const after = await upgraded.execute({
          type: 'AddComment',
          code: 'M1',
          effectiveOn: '2023-09-30',
          comment: 'After, by J. Smith',
        });
        await upgraded.erasePersonalData({ position: after.lastPosition, reason: 'SAR-1', actor: 'dpo' });
        expect((await upgraded.readAction('M1')).map((e) => e.data)).toEqual([
          expect.anything(),
          { comment: 'Before the upgrade' },
          { comment: expect.stringMatching(/^\[erased on \d{4}-\d{2}-\d{2}\]$/) },
        ]);
        expect((await upgraded.verify()).ok).toBe(true);
      } finally {
        await upgraded.close();
      }
    } finally {
      await sql(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    }
  });
});
