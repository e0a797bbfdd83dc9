import { PGlite } from '@electric-sql/pglite';
import type { EventStore } from '@perfledger/core';
import type { EngineOpenOptions, EngineUnderTest, OpenedEngine } from '@perfledger/core/conformance';
import { postgresStore } from '../postgres-store-factory.js';
import { schemaOf } from '../schema.js';
import { pgliteConnector, pgliteStore } from '../testing/pglite.js';
import { dropLedger, uniqueLedgerName, withClient } from '../testing/test-server.js';
import { type RawRunner, rawPostgresEvents } from './raw-postgres-events.js';

function engineOptions(options: EngineOpenOptions) {
  return {
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.maxClockJumpDays === undefined ? {} : { maxClockJumpDays: options.maxClockJumpDays }),
    ...(options.upcasters === undefined ? {} : { upcasters: options.upcasters }),
  };
}

/** Opens stores on one ledger, records them for disposal, and builds the engine's handle. */
async function openedOn(
  options: EngineOpenOptions,
  open: (readonly: boolean, options: EngineOpenOptions) => Promise<EventStore>,
  raw: RawRunner,
  schema: string,
  drop: () => Promise<void>,
): Promise<OpenedEngine> {
  const opened: EventStore[] = [];
  const track = async (readonly: boolean, with_: EngineOpenOptions) => {
    const store = await open(readonly, with_);
    opened.push(store);
    return store;
  };
  try {
    const store = await track(false, options);
    return {
      store,
      reopen: (more = {}) => track(false, { ...options, ...more }),
      reopenReadonly: (more = {}) => track(true, { ...options, ...more }),
      raw: rawPostgresEvents(raw, schema),
      async dispose() {
        for (const store of opened.reverse()) await store.close();
        await drop();
      },
    };
  } catch (error) {
    for (const store of opened) await store.close();
    await drop();
    throw error;
  }
}

/**
 * The PostgreSQL engine on an in-process PGlite, as the conformance suite sees it: one PGlite
 * for the whole file, each ledger a schema of its own on it, dropped on dispose.
 *
 * @example
 * ```ts
 * describeEngineConformance(pgliteEngine());
 * ```
 */
export function pgliteEngine(): EngineUnderTest & { close(): Promise<void> } {
  let db: Promise<PGlite> | undefined;
  const database = () => {
    db ??= PGlite.create();
    return db;
  };
  return {
    name: 'postgres (PGlite)',
    propertyRuns: 5,
    async open(options: EngineOpenOptions = {}): Promise<OpenedEngine> {
      const pglite = await database();
      const ledger = uniqueLedgerName('c');
      const schema = schemaOf(ledger);
      const connector = pgliteConnector(pglite);
      const raw: RawRunner = async (work) => {
        const client = await connector.connect();
        try {
          return await work((sql, params) => client.query(sql, params));
        } finally {
          client.release();
        }
      };
      return openedOn(
        options,
        (readonly, with_) => pgliteStore({ db: pglite, ledger, readonly, ...engineOptions(with_) }),
        raw,
        schema,
        async () => {
          await raw((query) => query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
        },
      );
    },
    async close() {
      if (db !== undefined) await (await db).close();
    },
  };
}

/**
 * The PostgreSQL engine on a server, as the conformance suite sees it: each ledger a schema of
 * its own with a unique name, each store a pool of its own, the schema dropped on dispose.
 *
 * @example
 * ```ts
 * describeEngineConformance(serverEngine('postgres://root@127.0.0.1:5432/test'));
 * ```
 */
export function serverEngine(url: string): EngineUnderTest {
  return {
    name: 'postgres (server)',
    propertyRuns: 5,
    async open(options: EngineOpenOptions = {}): Promise<OpenedEngine> {
      const ledger = uniqueLedgerName('c');
      const raw: RawRunner = (work) =>
        withClient(url, (client) => work((sql, params) => client.query(sql, params as unknown[])));
      return openedOn(
        options,
        (readonly, with_) =>
          postgresStore({ connectionString: url, ledger, readonly, ...engineOptions(with_) }),
        raw,
        schemaOf(ledger),
        () => dropLedger(url, ledger),
      );
    },
  };
}
