import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BusinessDate, PendingEvent } from '@perfledger/core';
import { steppingClock } from '@perfledger/core/testing';
import type { SqliteStore } from '../sqlite-store.js';
import { sqliteStore } from '../sqlite-store-factory.js';
import type { SqliteStoreOptions } from '../sqlite-store-options.js';

/** A store on a fresh temp file, and how to remove it. */
export interface TempStore {
  readonly store: SqliteStore;
  readonly file: string;
  cleanup(): Promise<void>;
}

/** Opens a store on a new file in a fresh temp directory, with a stepping clock unless given one. */
export async function tempStore(options: Omit<SqliteStoreOptions, 'file'> = {}): Promise<TempStore> {
  const dir = mkdtempSync(join(tmpdir(), 'perfledger-sqlite-'));
  const file = join(dir, 'ledger.db');
  const store = await sqliteStore({ clock: steppingClock('2024-01-15T09:00:00Z', 1_000), ...options, file });
  return {
    store,
    file,
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A comment event. */
export function comment(effectiveOn: string, text = 'A comment'): PendingEvent {
  return { type: 'CommentAdded', effectiveOn: effectiveOn as BusinessDate, data: { comment: text } };
}

/** A progress event. */
export function progress(effectiveOn: string, percentComplete: number): PendingEvent {
  return { type: 'ProgressUpdated', effectiveOn: effectiveOn as BusinessDate, data: { percentComplete } };
}

/** Collects an async iterable of batches into one list. */
export async function collect<T>(batches: AsyncIterable<readonly T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const batch of batches) all.push(...batch);
  return all;
}
