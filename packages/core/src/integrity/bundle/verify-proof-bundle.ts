import { readFileSync } from 'node:fs';
import canonicalize from 'canonicalize';
import { eventHash } from '../../chain/event-hash.js';
import { eventLeafHash, verifyInclusion } from '../../merkle/index.js';
import { IntegrityError } from '../integrity-error.js';
import { describeFsError, type KeyInput } from '../keys.js';
import { assertNoteCheckpointTrusted, type Cosigner } from '../note/note-checkpoint.js';
import { contentHash } from '../publish-report.js';
import { type ProofBundle, proofBundleSchema } from './proof-bundle.js';
import { parseTlogProof } from './tlog-proof.js';

/**
 * What {@link verifyProofBundle} checks a bundle against. No database is involved.
 *
 * @example
 * ```ts
 * const options: VerifyProofBundleOptions = { ledgerKey: 'perfledger.pub', report: readFileSync('q2.md') };
 * ```
 */
export interface VerifyProofBundleOptions {
  /** The ledger's public key. */
  readonly ledgerKey: KeyInput;
  readonly witnessKeys?: readonly KeyInput[];
  /** Distinct witnesses required; all of `witnessKeys` by default. */
  readonly quorum?: number;
  /** The published report's bytes, to check against the recorded content hash. */
  readonly report?: string | Uint8Array;
}

/**
 * What a verified bundle proves.
 *
 * @example
 * ```ts
 * const proven: ProvenEvent = verifyProofBundle(bundle, { ledgerKey });
 * console.log(`${proven.type} at ${proven.position} is in ${proven.origin} at size ${proven.checkpointSize}`);
 * ```
 */
export interface ProvenEvent {
  readonly origin: string;
  readonly position: number;
  readonly eventId: string;
  readonly type: string;
  readonly hash: string;
  readonly checkpointSize: number;
  readonly rootHash: string;
  readonly cosigners: readonly Cosigner[];
  /** The content hash the report was checked against; null when no report was given. */
  readonly reportChecked: string | null;
}

/**
 * Verifies a proof bundle offline: the event's hash recomputes from its envelope, the report
 * section equals the event's data, the report (when given) hashes to the content hash the event
 * records, the checkpoint is signed by the ledger key and cosigned by a quorum of witnesses, and
 * the inclusion proof leads from the event to the checkpoint's root.
 *
 * @throws IntegrityError `BUNDLE_INVALID` (malformed), `EVENT_HASH_MISMATCH` (the event was
 *   altered), `REPORT_MISMATCH` (the report or report section differs), `SIGNATURE_INVALID`
 *   (wrong key or an altered checkpoint), `QUORUM_NOT_MET` (too few cosignatures),
 *   `INCLUSION_FAILED` (the proof does not reach the root).
 * @example
 * ```ts
 * const proven = verifyProofBundle(readProofBundle('q2.md.proof.json'), { ledgerKey, report: readFileSync('q2.md') });
 * ```
 */
export function verifyProofBundle(
  value: unknown,
  options: VerifyProofBundleOptions,
  file: string | null = null,
): ProvenEvent {
  const fail = (code: Parameters<typeof failWith>[0], message: string): never =>
    failWith(code, message, file);
  const parsed = proofBundleSchema.safeParse(value);
  if (!parsed.success) {
    fail(
      'BUNDLE_INVALID',
      `${name(file)} is not a perfledger proof bundle: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'bundle'}: ${i.message}`).join('; ')}.`,
    );
  }
  const bundle = parsed.data as ProofBundle;
  const { event } = bundle;

  const recomputed = eventHash(event.prevHash, event);
  if (recomputed !== event.hash) {
    fail(
      'EVENT_HASH_MISMATCH',
      `The event at position ${event.position} in ${name(file)} hashes to ${recomputed}, not the ${event.hash} it claims: the event was altered.`,
    );
  }

  let data: unknown;
  try {
    data = JSON.parse(event.dataJson);
  } catch {
    fail('BUNDLE_INVALID', `The event's data in ${name(file)} is not JSON.`);
  }
  let reportChecked: string | null = null;
  if (bundle.report !== null) {
    if (event.type !== 'ReportPublished' || canonicalize(bundle.report) !== canonicalize(data)) {
      fail(
        'REPORT_MISMATCH',
        `The report section of ${name(file)} differs from the data of the ${event.type} event it proves: the bundle was altered.`,
      );
    }
  }
  if (options.report !== undefined) {
    const recorded =
      event.type === 'ReportPublished' ? (data as { contentHash?: unknown }).contentHash : undefined;
    if (typeof recorded !== 'string') {
      fail('REPORT_MISMATCH', `${name(file)} proves a ${event.type} event, not a published report.`);
    }
    const actual = contentHash(options.report);
    if (actual !== recorded) {
      fail(
        'REPORT_MISMATCH',
        `The report hashes to ${actual}, not the ${recorded} published at position ${event.position}: it is not the report that was published.`,
      );
    }
    reportChecked = actual;
  }

  let proof: ReturnType<typeof parseTlogProof>;
  try {
    proof = parseTlogProof(bundle.proof, `the proof in ${name(file)}`);
  } catch (error) {
    if (error instanceof IntegrityError) fail('BUNDLE_INVALID', error.message);
    throw error;
  }
  const { checkpoint } = proof;
  const trust = assertNoteCheckpointTrusted(
    checkpoint,
    {
      ledgerKey: options.ledgerKey,
      ...(options.witnessKeys === undefined ? {} : { witnessKeys: options.witnessKeys }),
      ...(options.quorum === undefined ? {} : { quorum: options.quorum }),
    },
    file,
  );
  if (proof.index !== event.position - 1) {
    fail(
      'INCLUSION_FAILED',
      `The proof is for leaf ${proof.index} (position ${proof.index + 1}), but the event is at position ${event.position}.`,
    );
  }
  try {
    verifyInclusion(
      eventLeafHash(event.hash),
      proof.index,
      checkpoint.size,
      proof.inclusionProof,
      checkpoint.rootHash,
    );
  } catch (error) {
    if (!(error instanceof IntegrityError)) throw error;
    fail(
      'INCLUSION_FAILED',
      `The event at position ${event.position} is not proven to be in the checkpoint of size ${checkpoint.size}: ${error.message}.`,
    );
  }
  return Object.freeze({
    origin: checkpoint.origin,
    position: event.position,
    eventId: event.eventId,
    type: event.type,
    hash: event.hash,
    checkpointSize: checkpoint.size,
    rootHash: checkpoint.rootHash,
    cosigners: trust.cosigners,
    reportChecked,
  });
}

/**
 * Reads a proof bundle file as JSON; {@link verifyProofBundle} checks its shape.
 *
 * @throws IntegrityError `BUNDLE_INVALID` naming the file when it cannot be read or is not JSON.
 * @example
 * ```ts
 * const bundle = readProofBundle('q2.md.proof.json');
 * ```
 */
export function readProofBundle(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new IntegrityError(
      'BUNDLE_INVALID',
      `Cannot read proof bundle '${file}': ${describeFsError(error)}.`,
      file,
      {
        cause: error,
      },
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new IntegrityError('BUNDLE_INVALID', `Proof bundle '${file}' is not JSON.`, file, { cause: error });
  }
}

function failWith(
  code: 'BUNDLE_INVALID' | 'EVENT_HASH_MISMATCH' | 'REPORT_MISMATCH' | 'INCLUSION_FAILED',
  message: string,
  file: string | null,
): never {
  throw new IntegrityError(code, message, file);
}

function name(file: string | null): string {
  return file === null ? 'the bundle' : `'${file}'`;
}
