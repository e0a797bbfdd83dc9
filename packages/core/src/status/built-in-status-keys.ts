import { defineStatusKey, type StatusKey } from './status-key.js';

// Aliases are deliberately conservative: an unmatched word is reported to the user, while a
// wrong match silently records a false status. So single letters ("A" is also "Annual" in
// council tables) and "x" (seed 002 marks target quarters with an x) are not aliases.

/**
 * Red / Amber / Green, with Complete for finished work: the commonest council scale.
 *
 * @example
 * ```ts
 * matchStatus(ragStatusKey, 'completed'); // 'Complete'
 * ```
 */
export const ragStatusKey: StatusKey = defineStatusKey({
  id: 'rag',
  label: 'RAG',
  values: ['Green', 'Amber', 'Red', 'Complete'],
  aliases: { completed: 'Complete' },
  completedValue: 'Complete',
  // Amber is a warning, not an exception: counted, never singled out.
  meanings: { Green: 'onTrack', Red: 'attention', Complete: 'closes' },
});

/**
 * Pentana Performance's action statuses. Pentana can also derive these from the facts (see
 * docs/concepts.md, "Status: reported and derived"); this key is for the officer-reported status.
 *
 * @example
 * ```ts
 * matchStatus(pentanaStatusKey, 'complete'); // 'Completed'
 * ```
 */
export const pentanaStatusKey: StatusKey = defineStatusKey({
  id: 'pentana',
  label: 'Pentana action status',
  values: ['Not Started', 'In Progress', 'Warning', 'Overdue', 'Completed', 'Cancelled'],
  aliases: { complete: 'Completed', canceled: 'Cancelled', 'not yet started': 'Not Started' },
  completedValue: 'Completed',
  cancelledValue: 'Cancelled',
  // Pentana's "Not Started" is an action whose start is still ahead; "Warning" is near its due date.
  meanings: {
    'Not Started': 'onTrack',
    'In Progress': 'onTrack',
    Overdue: 'attention',
    Completed: 'closes',
    Cancelled: 'closes',
  },
});

/**
 * The priority-delivery-plan scale printed as symbols in quarterly cabinet reports (seed 002):
 * ✓ completed; slightly behind, to complete next quarter; Δ (the "Amber Triangle") more than
 * three months / one quarter behind; × (the "Red Cross") cannot be delivered, closure to be
 * agreed. "To be closed" is a proposal, not a closure, so the key has no cancelled value: it
 * means `decision`, and the committee report lists it among the decisions asked for.
 *
 * @example
 * ```ts
 * matchStatus(deliveryPlanStatusKey, 'Δ'); // 'Behind > 1 quarter'
 * matchStatus(deliveryPlanStatusKey, '√'); // 'Completed'
 * ```
 */
export const deliveryPlanStatusKey: StatusKey = defineStatusKey({
  id: 'delivery-plan',
  label: 'Delivery-plan progress',
  values: ['Completed', 'Slightly behind', 'Behind > 1 quarter', 'To be closed'],
  aliases: {
    '✓': 'Completed',
    '✔': 'Completed',
    // Text extracted from the PDF renders the tick as a square-root sign.
    '√': 'Completed',
    '☑': 'Completed',
    '✅': 'Completed',
    complete: 'Completed',
    'action completed': 'Completed',
    'slightly behind (next quarter)': 'Slightly behind',
    'slightly behind schedule': 'Slightly behind',
    'work in progress but slightly behind schedule': 'Slightly behind',
    'work in progress but slightly behind schedule. action will be completed in next quarter':
      'Slightly behind',
    Δ: 'Behind > 1 quarter',
    // U+2206 INCREMENT looks like Δ and survives NFKC as a different character.
    '∆': 'Behind > 1 quarter',
    '▲': 'Behind > 1 quarter',
    '△': 'Behind > 1 quarter',
    'amber triangle': 'Behind > 1 quarter',
    'behind >1 quarter': 'Behind > 1 quarter',
    'behind more than 1 quarter': 'Behind > 1 quarter',
    '> 1 quarter behind': 'Behind > 1 quarter',
    '> 3 months / 1 quarter behind schedule': 'Behind > 1 quarter',
    'action > 3 months / 1 quarter behind schedule': 'Behind > 1 quarter',
    'actions > 3 months / 1 quarter behind schedule': 'Behind > 1 quarter',
    '×': 'To be closed',
    '✗': 'To be closed',
    '✘': 'To be closed',
    '✕': 'To be closed',
    '❌': 'To be closed',
    'red cross': 'To be closed',
    'action / project to be closed': 'To be closed',
  },
  completedValue: 'Completed',
  // "Slightly behind" will complete next quarter: counted, never singled out.
  meanings: { Completed: 'closes', 'Behind > 1 quarter': 'attention', 'To be closed': 'decision' },
});

/**
 * Pentana Performance's indicator (KPI) statuses.
 *
 * @example
 * ```ts
 * matchStatus(pentanaIndicatorStatusKey, 'data only'); // 'Data Only'
 * ```
 */
export const pentanaIndicatorStatusKey: StatusKey = defineStatusKey({
  id: 'pentana-indicator',
  label: 'Pentana indicator status',
  values: ['Alert', 'Warning', 'Satisfactory', 'Unknown', 'Data Only'],
  aliases: { 'data-only': 'Data Only' },
  meanings: { Alert: 'attention', Satisfactory: 'onTrack' },
});

/**
 * Every built-in key, in the order {@link createStatusKeyRegistry} lists them.
 *
 * @example
 * ```ts
 * builtInStatusKeys.map((key) => key.id); // ['rag', 'pentana', 'delivery-plan', 'pentana-indicator']
 * ```
 */
export const builtInStatusKeys: readonly StatusKey[] = Object.freeze([
  ragStatusKey,
  pentanaStatusKey,
  deliveryPlanStatusKey,
  pentanaIndicatorStatusKey,
]);
