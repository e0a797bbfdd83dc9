import { IntegrityError } from '../integrity-error.js';
import { formatNoteCheckpoint, type NoteCheckpoint, parseNoteCheckpoint } from '../note/note-checkpoint.js';

/**
 * The first line of a C2SP `tlog-proof`.
 *
 * @example
 * ```ts
 * const isProof = text.startsWith(`${TLOG_PROOF_HEADER}\n`);
 * ```
 */
export const TLOG_PROOF_HEADER = 'c2sp.org/tlog-proof@v1';

/**
 * A C2SP `tlog-proof`: the zero-based index of an entry, its inclusion proof (hex hashes, from the
 * leaf's sibling up), and the (cosigned) checkpoint the proof leads to.
 *
 * @example
 * ```ts
 * const proof: TlogProof = { index: 41, inclusionProof: ['ab12…'], checkpoint };
 * ```
 */
export interface TlogProof {
  readonly index: number;
  readonly inclusionProof: readonly string[];
  readonly checkpoint: NoteCheckpoint;
  /** The optional `extra` line's bytes (unauthenticated); perfledger writes none. */
  readonly extra?: Uint8Array;
}

const HEX_HASH = /^[0-9a-f]{64}$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Formats a tlog-proof: header, optional `extra`, `index`, proof lines, a blank line, the checkpoint.
 *
 * @throws IntegrityError `PROOF_INVALID` for an index that is not a count or a hash that is not hex.
 * @example
 * ```ts
 * writeFileSync('event-42.tlog-proof', formatTlogProof(proof));
 * ```
 */
export function formatTlogProof(proof: TlogProof): string {
  if (!Number.isSafeInteger(proof.index) || proof.index < 0) {
    throw new IntegrityError('PROOF_INVALID', `The index ${String(proof.index)} is not a count.`);
  }
  const lines = [TLOG_PROOF_HEADER];
  if (proof.extra !== undefined) lines.push(`extra ${Buffer.from(proof.extra).toString('base64')}`);
  lines.push(`index ${proof.index}`);
  for (const [i, hash] of proof.inclusionProof.entries()) {
    if (!HEX_HASH.test(hash)) throw new IntegrityError('PROOF_INVALID', `Proof hash ${i + 1} is not hex.`);
    lines.push(Buffer.from(hash, 'hex').toString('base64'));
  }
  return `${lines.join('\n')}\n\n${formatNoteCheckpoint(proof.checkpoint)}`;
}

/**
 * Parses a tlog-proof strictly.
 *
 * @throws IntegrityError `BUNDLE_INVALID` naming `label` and the line; `CHECKPOINT_INVALID` for
 *   the checkpoint it holds.
 * @example
 * ```ts
 * const { index, inclusionProof, checkpoint } = parseTlogProof(readFileSync('event-42.tlog-proof', 'utf8'));
 * ```
 */
export function parseTlogProof(text: string, label = 'The proof'): TlogProof {
  const fail = (problem: string): never => {
    throw new IntegrityError('BUNDLE_INVALID', `${label} is not a valid tlog-proof: ${problem}.`);
  };
  const blank = text.indexOf('\n\n');
  if (blank < 0) fail('there is no blank line before the checkpoint');
  const lines = text.slice(0, blank).split('\n');
  if (lines[0] !== TLOG_PROOF_HEADER) fail(`the first line must be ${TLOG_PROOF_HEADER}`);
  let at = 1;
  let extra: Uint8Array | undefined;
  if (lines[at]?.startsWith('extra ')) {
    const encoded = (lines[at] as string).slice(6);
    const bytes = Buffer.from(encoded, 'base64');
    if (!BASE64.test(encoded) || bytes.toString('base64') !== encoded) fail('the extra line is not base64');
    extra = new Uint8Array(bytes);
    at += 1;
  }
  const index = /^index (0|[1-9][0-9]*)$/.exec(lines[at] ?? '');
  if (index === null) fail(`line ${at + 1} must be 'index <n>', not ${JSON.stringify(lines[at])}`);
  const count = Number(index?.[1]);
  if (!Number.isSafeInteger(count)) fail('the index is too large');
  const inclusionProof = lines.slice(at + 1).map((line, i) => {
    const bytes = Buffer.from(line, 'base64');
    if (!/^[A-Za-z0-9+/]{43}=$/.test(line) || bytes.length !== 32 || bytes.toString('base64') !== line) {
      fail(`proof line ${i + 1} is not a base64 SHA-256 hash`);
    }
    return bytes.toString('hex');
  });
  if (inclusionProof.length > 63) fail('it has more than 63 proof lines');
  const checkpoint = parseNoteCheckpoint(text.slice(blank + 2), `The checkpoint in ${label}`);
  return Object.freeze({
    index: count,
    inclusionProof: Object.freeze(inclusionProof),
    checkpoint,
    ...(extra === undefined ? {} : { extra }),
  });
}
