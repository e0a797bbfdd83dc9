import { z } from 'zod';
import type { ChainRow } from '../../chain/chain-verifier.js';

/**
 * The `format` of every proof bundle this version writes.
 *
 * @example
 * ```ts
 * if (json.format !== PROOF_BUNDLE_FORMAT) throw new Error('not a perfledger proof bundle');
 * ```
 */
export const PROOF_BUNDLE_FORMAT = 'perfledger-proof/1';

const HEX_64 = /^[0-9a-f]{64}$/;
const nullableText = z.string().nullable();

/**
 * An event exactly as the hash chain stores it: every field its hash covers (`dataJson` is the
 * stored RFC 8785 text of its data), the previous event's hash, and its own hash.
 *
 * @example
 * ```ts
 * const row = storedEventSchema.parse(bundle.event);
 * ```
 */
export const storedEventSchema = z.strictObject({
  position: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  eventId: z.string(),
  stream: z.string(),
  streamVersion: z.number().int().min(1),
  type: z.string(),
  schemaVersion: z.number().int().min(1),
  dataJson: z.string(),
  effectiveOn: z.string(),
  recordedAt: z.string(),
  actor: nullableText,
  source: nullableText,
  correlationId: nullableText,
  causationId: nullableText,
  idempotencyKey: nullableText,
  prevHash: z.string().regex(HEX_64),
  hash: z.string().regex(HEX_64),
});

/**
 * A proof bundle: one event as stored, its inclusion proof in a (cosigned) checkpoint as a C2SP
 * `tlog-proof`, and, for a published report, the report's content hash and parameters (a copy of
 * the event's data, for reading; the verifier checks it equals the event's).
 *
 * @example
 * ```ts
 * const bundle = proofBundleSchema.parse(JSON.parse(readFileSync('q2.md.proof.json', 'utf8')));
 * ```
 */
export const proofBundleSchema = z.strictObject({
  format: z.literal(PROOF_BUNDLE_FORMAT),
  /** The `ReportPublished` event's data when the bundle proves a published report; null otherwise. */
  report: z.record(z.string(), z.unknown()).nullable(),
  event: storedEventSchema,
  /** The C2SP tlog-proof text: `index`, inclusion proof, blank line, checkpoint with signatures. */
  proof: z.string(),
});

/**
 * A proof bundle as JSON.
 *
 * @example
 * ```ts
 * const bundle: ProofBundle = await createProofBundle(ledger, { position: 42, checkpoint });
 * ```
 */
export type ProofBundle = Readonly<z.output<typeof proofBundleSchema>>;

/**
 * The stored form of a chain row, for a bundle.
 *
 * @example
 * ```ts
 * const event = storedEventOf(await chainRowAt(ledger, 42));
 * ```
 */
export function storedEventOf(row: ChainRow): z.output<typeof storedEventSchema> {
  return {
    position: row.position,
    eventId: row.eventId,
    stream: row.stream,
    streamVersion: row.streamVersion,
    type: row.type,
    schemaVersion: row.schemaVersion,
    dataJson: row.dataJson,
    effectiveOn: row.effectiveOn,
    recordedAt: row.recordedAt,
    actor: row.actor,
    source: row.source,
    correlationId: row.correlationId,
    causationId: row.causationId,
    idempotencyKey: row.idempotencyKey,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}
