import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../store/schema.js';
import { canonicalEnvelope, type HashedFields } from './canonical-envelope.js';
import { eventHash } from './event-hash.js';

// Well-formed text only: the ledger refuses lone surrogates at the boundary (see canonical-envelope.test.ts).
const anyText = fc.string({ unit: 'grapheme', maxLength: 40 });
const nullableText = fc.option(anyText, { nil: null });
const fieldsArbitrary: fc.Arbitrary<HashedFields> = fc.record({
  position: fc.maxSafeNat(),
  eventId: fc.uuid(),
  stream: anyText,
  streamVersion: fc.maxSafeNat(),
  type: anyText,
  schemaVersion: fc.nat(),
  dataJson: fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value) ?? 'null'),
  effectiveOn: anyText,
  recordedAt: anyText,
  actor: nullableText,
  source: nullableText,
  correlationId: nullableText,
  causationId: nullableText,
  idempotencyKey: nullableText,
});
const previousHash = fc.stringMatching(/^[0-9a-f]{64}$/);

/** The definition, spelled out with a Hash object: what `eventHash` must equal whichever API it uses. */
function reference(prevHash: string, fields: HashedFields): string {
  return createHash('sha256')
    .update(prevHash, 'utf8')
    .update(canonicalEnvelope(fields), 'utf8')
    .digest('hex');
}

describe('eventHash', () => {
  it('is SHA-256 of the previous hash followed by the canonical envelope, in UTF-8, as lowercase hex', () => {
    fc.assert(
      fc.property(previousHash, fieldsArbitrary, (prevHash, fields) => {
        expect(eventHash(prevHash, fields)).toBe(reference(prevHash, fields));
      }),
      { numRuns: 500 },
    );
  });

  it('hashes non-ASCII text by its UTF-8 bytes', () => {
    const fields: HashedFields = {
      position: 1,
      eventId: '01890a5d-ac96-774b-bcce-b302099a8057',
      stream: 'action:Café_😀',
      streamVersion: 1,
      type: 'CommentAdded',
      schemaVersion: 1,
      dataJson: '{"comment":"Réalisé — 100 %"}',
      effectiveOn: '2023-12-31',
      recordedAt: '2024-01-15T09:30:00.123456Z',
      actor: 'j.smith',
      source: null,
      correlationId: null,
      causationId: null,
      idempotencyKey: null,
    };
    const hash = eventHash(GENESIS_HASH, fields);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(reference(GENESIS_HASH, fields));
  });
});
