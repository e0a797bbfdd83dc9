import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLedger, LedgerError } from '@perfledger/core';
import { ledgerGrantsSql, openReadonlyLedger, postgresStore } from '@perfledger/postgres';
import { dropLedger, findTestServer, uniqueLedgerName, withClient } from '@perfledger/postgres/testing';
import { quarterEndProjection } from '@perfledger/quarter-end';
import { afterAll, describe, expect, it } from 'vitest';
import { codeBlocks } from './markdown-snippets.js';
import { repositoryRoot } from './repository.js';

// The roles of docs/deployment.md, run as written on a real PostgreSQL server (the names made
// unique, and dropped afterwards): the SQL is valid, and each role can do exactly its job. Skipped
// without a server (the postgres package prints the one line saying so); with
// PERFLEDGER_REQUIRE_POSTGRES=1 a missing server fails the run.

const { url } = await findTestServer();
const page = join('docs', 'deployment.md');
const sqlBlocks = codeBlocks(page, readFileSync(join(repositoryRoot, page), 'utf8')).filter(
  (block) => block.language === 'sql',
);

const suffix = uniqueLedgerName('d').slice(2);
const roles = { owner: `o_${suffix}`, writer: `w_${suffix}`, reader: `r_${suffix}` };
const ledger = `docs_${suffix}`.slice(0, 40);
const created: string[] = [];

/** The server's URL as another role. */
function as(role: string): string {
  const parsed = new URL(url!);
  parsed.username = role;
  parsed.password = '';
  return parsed.toString();
}

/** A block of the page with its names made this run's own. */
function localised(sql: string): string {
  const database = decodeURIComponent(new URL(url!).pathname.slice(1));
  return sql
    .replaceAll('perfledger_owner', roles.owner)
    .replaceAll('perfledger_writer', roles.writer)
    .replaceAll('perfledger_reader', roles.reader)
    .replaceAll('perfledger_broxtowe', `perfledger_${ledger}`)
    .replaceAll('ON DATABASE perfledger', `ON DATABASE "${database}"`);
}

afterAll(async () => {
  if (url === undefined) return;
  await dropLedger(url, ledger);
  await withClient(url, async (client) => {
    for (const role of created) {
      await client.query(`DROP OWNED BY "${role}"`);
      await client.query(`DROP ROLE "${role}"`);
    }
  });
});

describe('docs/deployment.md: the roles', () => {
  it('shows the roles, and the grants exactly as ledgerGrantsSql writes them', () => {
    expect(sqlBlocks.map((block) => block.directive)).toEqual(['skip', 'skip']);
    expect(sqlBlocks[1]!.code.trim()).toBe(
      ledgerGrantsSql('broxtowe', { writer: 'perfledger_writer', reader: 'perfledger_reader' }),
    );
  });

  it.skipIf(url === undefined)('run as written, give each role exactly its job', async () => {
    await withClient(url!, async (client) => {
      await client.query(localised(sqlBlocks[0]!.code));
    });
    created.push(roles.reader, roles.writer, roles.owner);
    // The owner creates the ledger.
    const owned = await postgresStore({ connectionString: as(roles.owner), ledger });
    await owned.close();
    await withClient(url!, async (client) => {
      await client.query(localised(sqlBlocks[1]!.code));
    });

    // The writer appends and builds a projection, but cannot change or remove an event.
    const writer = await createLedger({
      store: await postgresStore({ connectionString: as(roles.writer), ledger }),
      projections: [quarterEndProjection],
    });
    try {
      await writer.execute({
        type: 'RegisterAction',
        code: 'R1',
        effectiveOn: '2023-04-01',
        title: 'Roles',
        plan: 'Corporate Plan',
        directorate: 'Place',
        section: 'Policy',
        dueDate: '2024-03-31',
        statusKey: 'rag',
      });
    } finally {
      await writer.close();
    }
    await withClient(as(roles.writer), async (client) => {
      const events = `"perfledger_${ledger}".events`;
      await expect(client.query(`UPDATE ${events} SET actor = 'forger'`)).rejects.toThrow();
      await expect(client.query(`DELETE FROM ${events}`)).rejects.toThrow();
      await expect(client.query(`TRUNCATE ${events}`)).rejects.toThrow();
      await expect(client.query(`DROP TABLE ${events}`)).rejects.toThrow(/must be owner/);
    });

    // The reader reads the log and the projection the writer created, and cannot write.
    const reader = await openReadonlyLedger({
      connectionString: as(roles.reader),
      ledger,
      projections: [quarterEndProjection],
    });
    try {
      expect((await reader.verify()).ok).toBe(true);
      const [{ n } = { n: 0 }] = await reader.query.all<{ n: number }>('SELECT count(*) AS n FROM events');
      expect(Number(n)).toBeGreaterThan(0);
      expect((await reader.query.all('SELECT * FROM quarter_end_facts')).length).toBeGreaterThan(0);
      const comment = { type: 'CommentAdded', effectiveOn: '2023-06-30', data: { comment: 'no' } } as const;
      const refused = await reader.store
        .append([{ stream: 'action:R1', events: [comment as never] }])
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(LedgerError);
      expect((refused as LedgerError).code).toBe('READ_ONLY');
    } finally {
      await reader.close();
    }
    await withClient(as(roles.reader), async (client) => {
      const s = `"perfledger_${ledger}"`;
      await expect(client.query(`UPDATE ${s}.ledger_head SET position = position`)).rejects.toThrow();
      await expect(
        client.query(`INSERT INTO ${s}.ledger_meta (key, value) VALUES ('x', 'y')`),
      ).rejects.toThrow();
      await expect(client.query(`CREATE TABLE ${s}.sneaky (id integer)`)).rejects.toThrow();
    });
  });
});
