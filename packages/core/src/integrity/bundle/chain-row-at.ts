import type { ChainRow } from '../../chain/chain-verifier.js';
import type { Ledger } from '../../ledger/ledger.js';
import { IntegrityError } from '../integrity-error.js';

/** The stored row of the event at `position`; `TREE_RANGE_INVALID` when there is none. */
export async function chainRowAt(ledger: Ledger, position: number): Promise<ChainRow> {
  if (Number.isSafeInteger(position) && position > 0) {
    for await (const rows of ledger.store.chainRows(position - 1, position)) {
      const row = rows.find((r) => r.position === position);
      if (row !== undefined) return row;
    }
  }
  throw new IntegrityError(
    'TREE_RANGE_INVALID',
    `There is no event at position ${String(position)} in '${ledger.location}'.`,
  );
}
