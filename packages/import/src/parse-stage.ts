import { quoted } from './display-value.js';
import { type ParseResult, parsed, refused } from './parse-result.js';
import { plainText } from './plain-text.js';

/** Where an action stands in its life: open, or closed as completed or cancelled. */
export type SnapshotStage = 'open' | 'completed' | 'cancelled';

// Words are compared after lower-casing and turning punctuation into spaces, so
// "Closed - Cancelled", "closed (cancelled)" and "CLOSED: CANCELLED" are one entry.
const STAGES: ReadonlyMap<string, SnapshotStage> = new Map([
  ['open', 'open'],
  ['in progress', 'open'],
  ['not started', 'open'],
  ['not yet started', 'open'],
  ['started', 'open'],
  ['ongoing', 'open'],
  ['reopened', 'open'],
  ['completed', 'completed'],
  ['complete', 'completed'],
  ['done', 'completed'],
  ['finished', 'completed'],
  ['achieved', 'completed'],
  ['closed completed', 'completed'],
  ['closed complete', 'completed'],
  ['cancelled', 'cancelled'],
  ['canceled', 'cancelled'],
  ['closed cancelled', 'cancelled'],
  ['closed canceled', 'cancelled'],
  ['postponed', 'cancelled'],
  ['closed postponed', 'cancelled'],
  ['abandoned', 'cancelled'],
  ['withdrawn', 'cancelled'],
]);

/**
 * Reads the stage column. Completed words (`completed`, `complete`, `done`, `closed -
 * completed`) close an action as completed; cancelled words (`cancelled`, `canceled`, `closed
 * - cancelled`, `postponed`, `abandoned`, `withdrawn`) close it as cancelled, as Pentana counts
 * postponed work; `open`, `in progress` and `not started` mean open. (An empty cell is handled by the
 * snapshot parser: it leaves the action's state as it is.) A bare
 * `closed` is refused: it does not say whether the work was done.
 *
 * @example
 * ```ts
 * parseStage('Closed - Cancelled'); // { ok: true, value: 'cancelled' }
 * parseStage('In Progress'); // { ok: true, value: 'open' }
 * parseStage('closed'); // { ok: false, message: ... }
 * ```
 */
export function parseStage(text: string): ParseResult<SnapshotStage> {
  const cell = plainText(text);
  const word = cell
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  const stage = STAGES.get(word);
  if (stage !== undefined) return parsed(stage);
  if (word === 'closed') {
    return refused(`${quoted(cell)} does not say how the action closed; write 'completed' or 'cancelled'`);
  }
  return refused(
    `${quoted(cell)} is not a stage; expected open, in progress, not started, completed or cancelled (postponed counts as cancelled)`,
  );
}
