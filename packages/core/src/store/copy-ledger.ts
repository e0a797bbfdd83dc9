import { ChainVerifier } from '../chain/chain-verifier.js';
import { ValidationError } from '../errors/validation-error.js';
import { VerificationFailedError } from '../errors/verification-failed-error.js';
import { assertOptions } from '../ledger/validate-arguments.js';
import type { EventStore } from './event-store.js';

/** How far a {@link copyLedger} has got: after each batch written. */
export interface CopyProgress {
  /** Events written by this copy so far. */
  readonly copied: number;
  /** Events this copy will write in all (the source's head when it began, less the target's). */
  readonly total: number;
  /** The target's head position now. */
  readonly position: number;
}

/** Options of {@link copyLedger}. */
export interface CopyLedgerOptions {
  /** Called after each batch is written. */
  readonly onProgress?: (progress: CopyProgress) => void;
  /** Rows per batch (one `appendCopied` call, one transaction on the target); 1 000 by default. */
  readonly batchSize?: number;
}

/** What {@link copyLedger} did: the target, verified, holds the source's log up to its head. */
export interface CopyResult {
  /** Events written by this copy (0 when the target was already up to date). */
  readonly copied: number;
  /** Events the target holds now: the source's head position when the copy began. */
  readonly events: number;
  /** The target's head hash, equal to the source's at that position. */
  readonly headHash: string;
  /** The source's origin, which the target shares once it holds events. */
  readonly origin: string;
}

const COPY_OPTION_KEYS = ['onProgress', 'batchSize'] as const;

/**
 * Copies a ledger's log from one store to another, on any engines (SQLite to PostgreSQL and
 * back): every stored row exactly as it is (positions, recorded times, event ids, hashes), so
 * the copy has the same head hash and origin, and verifies. It streams the source's rows a
 * batch at a time through `to.appendCopied` (each batch one transaction, all of it or none), so
 * memory holds one batch, then walks the whole target's chain and checks its head against the
 * source's before it returns.
 *
 * The target is an empty ledger (it takes the source's origin) or an earlier copy of the same
 * ledger: then only what the source appended since is copied. A target with other history
 * (another origin, or a head the source never had) is refused with a `ValidationError` before
 * anything is written. A row that does not verify is refused with a `VerificationFailedError`
 * whose `break` names its position: that batch is not written (earlier batches stay, and a later
 * copy continues after them). Projections are not copied: the target's are built from its events,
 * like any other ledger's. An empty source copies nothing: an empty target keeps its own origin
 * until the first events arrive, and takes the source's with them.
 *
 * @throws VerificationFailedError when a copied row, or the target after the copy, does not verify.
 * @example
 * ```ts
 * const from = await sqliteStore({ file: 'plan.db', readonly: true });
 * const to = await postgresStore({ connectionString: 'postgres://writer@db/perfledger', ledger: 'broxtowe' });
 * const { copied, headHash } = await copyLedger(from, to, { onProgress: (p) => console.log(p.copied, '/', p.total) });
 * ```
 */
export async function copyLedger(
  from: EventStore,
  to: EventStore,
  options: CopyLedgerOptions = {},
): Promise<CopyResult> {
  assertOptions(options, COPY_OPTION_KEYS, 'copyLedger options');
  const { onProgress, batchSize = 1_000 } = options;
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new ValidationError('copyLedger: onProgress must be a function.');
  }
  if (!(Number.isSafeInteger(batchSize) && batchSize >= 1 && batchSize <= 10_000)) {
    throw new ValidationError(
      `copyLedger: batchSize must be a whole number from 1 to 10000, not ${String(batchSize)}.`,
    );
  }
  if (from === to) throw new ValidationError('copyLedger: the source and the target are the same store.');
  const origin = await from.origin();
  // Pinned when the copy begins: appends to the source meanwhile are left for the next copy.
  const sourceHead = await from.head();
  const targetHead = await to.head();
  if (targetHead.position > 0) {
    const targetOrigin = await to.origin();
    const sourceHash =
      targetHead.position <= sourceHead.position ? await from.hashAt(targetHead.position) : undefined;
    if (targetOrigin !== origin || sourceHash !== targetHead.hash) {
      throw new ValidationError(
        `copyLedger: '${to.location}' holds other history (${
          targetOrigin !== origin
            ? `its origin is ${targetOrigin}, the source's is ${origin}`
            : sourceHash === undefined
              ? `it ends at position ${targetHead.position}, beyond the source's head at ${sourceHead.position}`
              : `its event at position ${targetHead.position} is not the source's`
        }); a ledger is copied only into an empty ledger or onto an earlier copy of itself. Nothing was written.`,
        [{ path: ['to'], message: 'holds other history' }],
      );
    }
  }
  const total = sourceHead.position - targetHead.position;
  let copied = 0;
  for await (const rows of from.chainRows(targetHead.position, sourceHead.position, batchSize)) {
    await to.appendCopied(origin, rows);
    copied += rows.length;
    onProgress?.({ copied, total, position: targetHead.position + copied });
  }
  return { copied, ...(await verifiedCopy(to, origin, sourceHead)) };
}

/** Walks the whole target's chain and checks that it ends where the source's did. */
async function verifiedCopy(
  to: EventStore,
  origin: string,
  sourceHead: { readonly position: number; readonly hash: string },
): Promise<Omit<CopyResult, 'copied'>> {
  const head = await to.head();
  const verifier = new ChainVerifier();
  walk: for await (const rows of to.chainRows(0, Number.MAX_SAFE_INTEGER)) {
    for (const row of rows) if (!verifier.push(row)) break walk;
  }
  const result = verifier.finish(head);
  const problem = !result.ok
    ? result.break.message
    : head.position !== sourceHead.position || head.hash !== sourceHead.hash
      ? `it ends at position ${head.position} (${head.hash.slice(0, 12)}…), the source at ${sourceHead.position} (${sourceHead.hash.slice(0, 12)}…)`
      : head.position > 0 && (await to.origin()) !== origin
        ? `its origin is not the source's ${origin}`
        : undefined;
  if (problem !== undefined) {
    throw new VerificationFailedError(
      `copyLedger: the copy in '${to.location}' does not verify (${problem}). Do not use it: remove it and copy again from a verified source.`,
      result,
    );
  }
  return { events: head.position, headHash: head.hash, origin };
}
