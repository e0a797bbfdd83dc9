import { connectionOf } from '../connection-of.js';
import { insertLegacyEvents, type LegacyEvent } from './legacy-events.js';

/**
 * An event as an older build might have stored it: any data and any effective date, with no
 * schema check. Used to prove that reading never refuses what an earlier release wrote.
 *
 * @example
 * ```ts
 * const legacy: OlderBuildEvent = { stream: 'action:A1', type: 'ActionRegistered', effectiveOn: '2019-06-30', data: { ...registered, dueDate: '9999-12-31' } };
 * ```
 */
export type OlderBuildEvent = LegacyEvent;

/**
 * Appends events exactly as an older build could have written them, through the ledger's own
 * SQLite connection (in one write transaction, after any open one): a raw insert that skips
 * every schema and rule of this build (today's business-date range included) but keeps the hash
 * chain, the head and the recorded-time axis valid, so `verify` still passes. Inline projections
 * do not see these events; catch them up (`ledger.projections.catchUp()`) or rebuild afterwards,
 * as an upgraded installation would. The ledger must be on the SQLite engine.
 *
 * For tests only: a production ledger must never be written this way.
 *
 * @example
 * ```ts
 * await appendAsOlderBuild(ledger, [{ stream: 'action:A1', type: 'ActionRegistered', effectiveOn: '2019-06-30', data }]);
 * (await ledger.verify()).ok; // true
 * ```
 */
export async function appendAsOlderBuild(
  ledger: { readonly store: object },
  events: readonly OlderBuildEvent[],
): Promise<{ firstPosition: number; lastPosition: number }> {
  const write = connectionOf(ledger.store);
  if (write === undefined) {
    throw new TypeError('appendAsOlderBuild: the ledger is not on the SQLite engine (@perfledger/sqlite).');
  }
  return write((db) => insertLegacyEvents(db, events));
}
