import type { CommandInput, EventMetadata, Ledger } from '@perfledger/core';
import { createTempLedger, steppingClock, type TempLedger } from '@perfledger/sqlite/testing';
import { indicatorProjection } from '../indicator-projection.js';
import { INDICATOR_TABLES } from '../indicator-tables.js';

/** A SQLite ledger on a temp file with the indicators projection, clock stepping one second. */
export async function openIndicatorLedger(start = '2019-07-20T09:00:00Z'): Promise<TempLedger> {
  return createTempLedger({ clock: steppingClock(start, 1_000), projections: [indicatorProjection] });
}

/** Registers an indicator with sensible defaults. */
export function registerIndicator(code: string, extra: Record<string, unknown> = {}): CommandInput {
  return {
    type: 'RegisterIndicator',
    code,
    title: `Indicator ${code}`,
    unit: 'percentage',
    polarity: 'higher',
    frequency: 'quarterly',
    plan: 'Corporate Plan 2018-23',
    statusKey: 'rag',
    effectiveOn: '2019-04-01',
    ...extra,
  } as CommandInput;
}

/** Executes commands one by one under one actor. */
export async function run(
  ledger: Ledger,
  commands: readonly CommandInput[],
  metadata: EventMetadata = {},
): Promise<void> {
  for (const command of commands) await ledger.execute(command, metadata);
}

/** Every row of every indicator table, in position order: what a rebuild must reproduce. */
export async function dumpIndicatorTables(ledger: Ledger): Promise<Record<string, unknown[]>> {
  const dump: Record<string, unknown[]> = {};
  for (const table of Object.values(INDICATOR_TABLES)) {
    dump[table] = await ledger.query.all(`SELECT * FROM ${table} ORDER BY position, code`);
  }
  return dump;
}
