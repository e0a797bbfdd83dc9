import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '@perfledger/core';
import type { EngineOpenOptions, EngineUnderTest, OpenedEngine } from '@perfledger/core/conformance';
import { sqliteStore } from '../index.js';
import { rawSqliteEvents } from './raw-sqlite-events.js';

function storeOptions(file: string, options: EngineOpenOptions, readonly: boolean) {
  return {
    file,
    readonly,
    // Tests may lose the last commits on a power cut; nothing else changes.
    durability: 'normal' as const,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.maxClockJumpDays === undefined ? {} : { maxClockJumpDays: options.maxClockJumpDays }),
    ...(options.upcasters === undefined ? {} : { upcasters: options.upcasters }),
  };
}

/**
 * The SQLite engine as the conformance suite sees it: each ledger a new file in a temp
 * directory of its own, reached for raw writes by a second better-sqlite3 connection.
 *
 * @example
 * ```ts
 * describeEngineConformance(sqliteEngine);
 * ```
 */
export const sqliteEngine: EngineUnderTest = {
  name: 'sqlite',
  async open(options: EngineOpenOptions = {}): Promise<OpenedEngine> {
    const dir = mkdtempSync(join(tmpdir(), 'perfledger-conformance-'));
    const file = join(dir, 'ledger.db');
    const opened: EventStore[] = [];
    const open = async (readonly: boolean, with_: EngineOpenOptions): Promise<EventStore> => {
      const store = await sqliteStore(storeOptions(file, with_, readonly));
      opened.push(store);
      return store;
    };
    try {
      const store = await open(false, options);
      return {
        store,
        // Another connection reads the same clock and upcasters unless told otherwise.
        reopen: (more = {}) => open(false, { ...options, ...more }),
        reopenReadonly: (more = {}) => open(true, { ...options, ...more }),
        raw: rawSqliteEvents(file),
        async dispose() {
          for (const store of opened.reverse()) await store.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  },
};
