/**
 * @packageDocumentation
 * The pure decider: what events a command produces given an action's history, with no store and
 * no clock. The ledger runs it inside every `execute`; tools that preview a change without
 * writing it (an importer planning a snapshot, a form showing what would change) call it
 * directly. Import from `@perfledger/core/decide`.
 *
 * @example
 * ```ts
 * import { decideOnTimeline } from '@perfledger/core/decide';
 * const events = decideOnTimeline(await ledger.readAction('FP1922_02'), command, { statusKeys: ledger.statusKeys });
 * ```
 */
export { type DatedCommand, type DecideContext, decide } from '../action/decide.js';
export { decideOnTimeline, latestStatement } from '../action/decide-on-timeline.js';
export { type DatedIndicatorCommand, decideIndicator } from '../indicator/decide-indicator.js';
export { foldIndicator } from '../indicator/evolve-indicator.js';
