import type { Ledger } from '../ledger/ledger.js';
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
 * Appends events exactly as an older build could have written them: a raw insert that skips
 * every schema and rule of this build (today's business-date range included) but keeps the
 * hash chain, the head and the recorded-time axis valid, so `verify` still passes. Inline
 * projections do not see these events; run a `ProjectionRunner` (or `perfledger rebuild`)
 * afterwards, as an upgraded installation would.
 *
 * For tests only: a production ledger must never be written this way.
 *
 * @example
 * ```ts
 * appendAsOlderBuild(ledger, [{ stream: 'action:A1', type: 'ActionRegistered', effectiveOn: '2019-06-30', data }]);
 * ledger.verify().ok; // true
 * ```
 */
export function appendAsOlderBuild(ledger: Ledger, events: readonly OlderBuildEvent[]): void {
  ledger.store.transaction((db) => {
    insertLegacyEvents(db, events);
  });
}
