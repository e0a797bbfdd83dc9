import { IntegrityError } from '../integrity-error.js';

/**
 * The text of a C2SP `tlog-checkpoint`: origin, tree size, root hash, and optional extension lines.
 * `rootHash` is kept as 64 lowercase hex characters, as the rest of perfledger writes hashes; the
 * text holds it in base64.
 *
 * @example
 * ```ts
 * const body: CheckpointBody = { origin: 'perfledger/0f8e…', size: 42, rootHash: 'ab12…', extensions: [] };
 * ```
 */
export interface CheckpointBody {
  readonly origin: string;
  readonly size: number;
  readonly rootHash: string;
  readonly extensions: readonly string[];
}

const DECIMAL = /^(0|[1-9][0-9]*)$/;
const BASE64_HASH = /^[A-Za-z0-9+/]{43}=$/;
const HEX_HASH = /^[0-9a-f]{64}$/;

/**
 * Parses a checkpoint's note text strictly: at least three non-empty lines, a decimal size without
 * leading zeros, a base64 SHA-256 root hash, non-empty extension lines.
 *
 * @throws IntegrityError `CHECKPOINT_INVALID` naming `label` and the problem.
 * @example
 * ```ts
 * const { origin, size, rootHash } = parseCheckpointBody(note.text);
 * ```
 */
export function parseCheckpointBody(text: string, label = 'The checkpoint'): CheckpointBody {
  const fail = (problem: string): never => {
    throw new IntegrityError('CHECKPOINT_INVALID', `${label} is not a valid checkpoint: ${problem}.`);
  };
  if (!text.endsWith('\n')) fail('its text does not end in a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) fail(`its text has ${lines.length} line(s); a checkpoint has at least 3`);
  const [origin, size, root, ...extensions] = lines as [string, string, string, ...string[]];
  if (origin.length === 0) fail('the origin line is empty');
  if (!DECIMAL.test(size))
    fail(`the size line ${JSON.stringify(size)} is not a decimal without leading zeros`);
  const count = Number(size);
  if (!Number.isSafeInteger(count)) fail(`the size ${size} is too large`);
  if (!BASE64_HASH.test(root))
    fail(`the root hash line ${JSON.stringify(root)} is not a base64 SHA-256 hash`);
  const rootBytes = Buffer.from(root, 'base64');
  if (rootBytes.length !== 32 || rootBytes.toString('base64') !== root) {
    fail(`the root hash line ${JSON.stringify(root)} is not canonical base64 of 32 bytes`);
  }
  extensions.forEach((line, index) => {
    if (line.length === 0) fail(`extension line ${index + 1} is empty`);
  });
  return Object.freeze({
    origin,
    size: count,
    rootHash: rootBytes.toString('hex'),
    extensions: Object.freeze(extensions),
  });
}

/**
 * Formats a checkpoint's note text, the part every signature covers.
 *
 * @throws IntegrityError `CHECKPOINT_INVALID` when a field cannot be written in the format.
 * @example
 * ```ts
 * const text = formatCheckpointBody({ origin, size: 42, rootHash, extensions: [] });
 * ```
 */
export function formatCheckpointBody(body: CheckpointBody): string {
  const bad = (problem: string): never => {
    throw new IntegrityError('CHECKPOINT_INVALID', `Cannot write the checkpoint: ${problem}.`);
  };
  if (body.origin.length === 0 || body.origin.includes('\n')) bad('the origin must be one non-empty line');
  if (!Number.isSafeInteger(body.size) || body.size < 0) bad(`the size ${body.size} is not a count`);
  if (!HEX_HASH.test(body.rootHash)) bad('the root hash must be 64 lowercase hex characters');
  for (const line of body.extensions) {
    if (line.length === 0 || line.includes('\n')) bad('an extension line must be one non-empty line');
  }
  const root = Buffer.from(body.rootHash, 'hex').toString('base64');
  return [body.origin, String(body.size), root, ...body.extensions].map((line) => `${line}\n`).join('');
}
