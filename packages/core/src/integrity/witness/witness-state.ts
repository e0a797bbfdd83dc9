import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeOutputFile } from '../../files/write-output-file.js';
import { IntegrityError } from '../integrity-error.js';
import { describeFsError } from '../keys.js';

/**
 * The `format` of a witness's state file.
 *
 * @example
 * ```ts
 * const fresh = readWitnessState(dir)?.format === WITNESS_STATE_FORMAT;
 * ```
 */
export const WITNESS_STATE_FORMAT = 'perfledger-witness-state/1';

/**
 * The state file's name inside the witness's state directory.
 *
 * @example
 * ```ts
 * const file = join('witness-w1', WITNESS_STATE_FILE);
 * ```
 */
export const WITNESS_STATE_FILE = 'witness-state.json';

const HEX_64 = /^[0-9a-f]{64}$/;

/**
 * What a witness remembers of the one log it follows: the log's origin and public key, and the
 * latest checkpoint it cosigned (its size and root, and the checkpoint text).
 *
 * @example
 * ```ts
 * const state = witnessStateSchema.parse(JSON.parse(readFileSync('witness/witness-state.json', 'utf8')));
 * ```
 */
export const witnessStateSchema = z.strictObject({
  format: z.literal(WITNESS_STATE_FORMAT),
  origin: z.string().min(1),
  /** The log's public key, SPKI PEM. */
  ledgerKey: z.string().includes('PUBLIC KEY'),
  size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  rootHash: z.string().regex(HEX_64),
  /** The cosigned checkpoint, as text. */
  checkpoint: z.string(),
  cosignedAt: z.string(),
});

/**
 * A witness's state, as {@link readWitnessState} returns it.
 *
 * @example
 * ```ts
 * const state: WitnessState | undefined = readWitnessState('witness');
 * console.log(state?.size);
 * ```
 */
export type WitnessState = Readonly<z.output<typeof witnessStateSchema>>;

/**
 * Reads the witness state in `dir`; undefined when the witness has cosigned nothing yet.
 *
 * @throws IntegrityError `CHECKPOINT_INVALID` when the state file is unreadable or malformed.
 * @example
 * ```ts
 * const state = readWitnessState('witness-state');
 * ```
 */
export function readWitnessState(dir: string): WitnessState | undefined {
  const file = join(dir, WITNESS_STATE_FILE);
  if (!existsSync(file)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new IntegrityError(
      'CHECKPOINT_INVALID',
      `Cannot read the witness state '${file}': ${error instanceof SyntaxError ? 'it is not JSON' : describeFsError(error)}.`,
      file,
      { cause: error },
    );
  }
  const parsed = witnessStateSchema.safeParse(value);
  if (!parsed.success) {
    throw new IntegrityError(
      'CHECKPOINT_INVALID',
      `The witness state '${file}' is malformed: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.`,
      file,
    );
  }
  return Object.freeze(parsed.data);
}

/**
 * Replaces the witness state in `dir` atomically: a complete temporary file renamed into place.
 *
 * @throws OutputFileError when it cannot be written.
 * @example
 * ```ts
 * writeWitnessState('witness-state', state);
 * ```
 */
export function writeWitnessState(dir: string, state: WitnessState): void {
  const valid = witnessStateSchema.parse(state);
  writeOutputFile(join(dir, WITNESS_STATE_FILE), `${JSON.stringify(valid, null, 2)}\n`, { force: true });
}
