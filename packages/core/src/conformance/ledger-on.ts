import type { CommandInput } from '../action/commands.js';
import { createLedger, type Ledger } from '../ledger/ledger.js';
import type { Projection } from '../projections/projection.js';
import type { EventStore } from '../store/event-store.js';

/**
 * The ledger over the store under test, through core's `createLedger`, as every engine's
 * `openLedger` builds it.
 *
 * @example
 * ```ts
 * const ledger = await ledgerOn(opened.store, { projections: conformanceProjections });
 * ```
 */
export function ledgerOn(
  store: EventStore,
  options: {
    readonly projections?: readonly Projection[];
    readonly projectionMode?: 'inline' | 'catch-up';
  } = {},
): Promise<Ledger> {
  return createLedger({ store, ...options });
}

/**
 * A valid `RegisterAction` for `code`.
 *
 * @example
 * ```ts
 * await ledger.execute(registration('A1'));
 * ```
 */
export function registration(code: string, effectiveOn = '2023-04-01'): CommandInput {
  return {
    type: 'RegisterAction',
    code,
    effectiveOn,
    title: 'Widen e-forms',
    plan: 'Corporate Plan',
    directorate: 'Place',
    section: 'Policy',
    dueDate: '2024-03-31',
    statusKey: 'rag',
  } as CommandInput;
}

/**
 * An `UpdateProgress` command for `code`.
 *
 * @example
 * ```ts
 * await ledger.execute(progressUpdate('A1', 40, '2023-05-01'));
 * ```
 */
export function progressUpdate(code: string, percentComplete: number, effectiveOn: string): CommandInput {
  return { type: 'UpdateProgress', code, effectiveOn, percentComplete } as CommandInput;
}
