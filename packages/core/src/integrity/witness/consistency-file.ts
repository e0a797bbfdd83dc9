import { IntegrityError } from '../integrity-error.js';

/**
 * A consistency proof as a witness receives it: the old size, then the proof hashes (hex). Its
 * text form is the head of a C2SP `tlog-witness` add-checkpoint request: `old <size>`, then one
 * base64 hash per line.
 *
 * @example
 * ```ts
 * const request: ConsistencyRequest = { oldSize: 40, proof: ['ab12…', 'cd34…'] };
 * ```
 */
export interface ConsistencyRequest {
  readonly oldSize: number;
  readonly proof: readonly string[];
}

/**
 * The most proof lines a tlog-witness request may carry.
 *
 * @example
 * ```ts
 * if (proof.length > MAX_CONSISTENCY_LINES) throw new Error('proof too long');
 * ```
 */
export const MAX_CONSISTENCY_LINES = 63;

const HEX_HASH = /^[0-9a-f]{64}$/;
const BASE64_HASH = /^[A-Za-z0-9+/]{43}=$/;

/**
 * The text form: `old <size>\n` and one base64 hash per line, each line ending in a newline.
 *
 * @throws IntegrityError `PROOF_INVALID` for a size that is not a count or a hash that is not hex.
 * @example
 * ```ts
 * writeOutputFile('since-40.proof', formatConsistencyRequest({ oldSize: 40, proof }));
 * ```
 */
export function formatConsistencyRequest(request: ConsistencyRequest): string {
  if (!Number.isSafeInteger(request.oldSize) || request.oldSize < 0) {
    throw new IntegrityError('PROOF_INVALID', `The old size ${String(request.oldSize)} is not a count.`);
  }
  const lines = request.proof.map((hash, index) => {
    if (!HEX_HASH.test(hash))
      throw new IntegrityError('PROOF_INVALID', `Proof hash ${index + 1} is not hex.`);
    return `${Buffer.from(hash, 'hex').toString('base64')}\n`;
  });
  return `old ${request.oldSize}\n${lines.join('')}`;
}

/**
 * Parses the text form strictly. A full add-checkpoint request (these lines, a blank line, then
 * the checkpoint) is accepted too: the part after the blank line is returned as `rest`.
 *
 * @throws IntegrityError `PROOF_INVALID` naming `label` and the line.
 * @example
 * ```ts
 * const { oldSize, proof } = parseConsistencyRequest(readFileSync('since-40.proof', 'utf8'));
 * ```
 */
export function parseConsistencyRequest(
  text: string,
  label = 'The consistency proof',
): ConsistencyRequest & { readonly rest: string } {
  const fail = (problem: string): never => {
    throw new IntegrityError('PROOF_INVALID', `${label} is not a consistency proof: ${problem}.`);
  };
  if (!text.endsWith('\n')) fail('it does not end in a newline');
  const blank = text.indexOf('\n\n');
  const head = blank < 0 ? text : text.slice(0, blank + 1);
  const rest = blank < 0 ? '' : text.slice(blank + 2);
  const lines = head.slice(0, -1).split('\n');
  const first = /^old (0|[1-9][0-9]*)$/.exec(lines[0] ?? '');
  if (first === null) fail(`its first line must be 'old <size>', not ${JSON.stringify(lines[0])}`);
  const oldSize = Number(first?.[1]);
  if (!Number.isSafeInteger(oldSize)) fail('the old size is too large');
  const hashes = lines.slice(1);
  if (hashes.length > MAX_CONSISTENCY_LINES) fail(`it has more than ${MAX_CONSISTENCY_LINES} proof lines`);
  const proof = hashes.map((line, index) => {
    const bytes = Buffer.from(line, 'base64');
    if (!BASE64_HASH.test(line) || bytes.length !== 32 || bytes.toString('base64') !== line) {
      fail(`proof line ${index + 1} is not a base64 SHA-256 hash`);
    }
    return bytes.toString('hex');
  });
  return Object.freeze({ oldSize, proof: Object.freeze(proof), rest });
}
