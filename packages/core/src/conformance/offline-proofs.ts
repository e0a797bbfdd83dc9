import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createProofBundle } from '../integrity/bundle/create-proof-bundle.js';
import { verifyProofBundle } from '../integrity/bundle/verify-proof-bundle.js';
import { IntegrityError } from '../integrity/integrity-error.js';
import { cosignCheckpointText } from '../integrity/note/cosignature.js';
import { withSignature } from '../integrity/note/note-checkpoint.js';
import { createNoteCheckpoint } from '../integrity/note/note-checkpoint-file.js';
import { verifyLedger } from '../integrity/verify-with-checkpoints.js';
import type { EngineUnderTest } from './engine-under-test.js';
import { comment, progress, runsFor, withEngine } from './fixtures.js';
import { ledgerOn } from './ledger-on.js';

const operator = generateKeyPairSync('ed25519');
const witness = generateKeyPairSync('ed25519');

/** Batches of 1–4 events on three streams: a random accepted history. */
const history = fc.array(
  fc.record({
    stream: fc.constantFrom('action:P1', 'action:P2', 'action:P3'),
    texts: fc.array(
      fc.string({ minLength: 1, maxLength: 8 }).map((s) => s.replace(/[^ -~]/g, 'x')),
      {
        minLength: 1,
        maxLength: 4,
      },
    ),
  }),
  { minLength: 1, maxLength: 12 },
);

function codeOf(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    if (error instanceof IntegrityError) return error.code;
    throw error;
  }
  return 'verified';
}

/**
 * Offline proofs over any engine: for random accepted histories, every event's proof bundle
 * verifies with no ledger against a cosigned checkpoint of the head, any altered event field or
 * proof hash is refused, and every earlier note checkpoint is confirmed by a consistency proof.
 *
 * @example
 * ```ts
 * describeOfflineProofs(sqliteEngine);
 * ```
 */
export function describeOfflineProofs(engine: EngineUnderTest): void {
  describe('offline proofs: note checkpoints and proof bundles', () => {
    it('every event of a random history proves offline; alterations are refused; older checkpoints stay confirmed', async () => {
      await fc.assert(
        fc.asyncProperty(history, fc.nat(), async (batches, pick) => {
          await withEngine(engine, {}, async ({ store }) => {
            const ledger = await ledgerOn(store);
            const earlier = [];
            for (const [i, batch] of batches.entries()) {
              await store.append([
                {
                  stream: batch.stream,
                  events: batch.texts.map((t, j) => (j % 2 === 0 ? comment(t) : progress((i * 7 + j) % 101))),
                },
              ]);
              if (i % 3 === 0) earlier.push(await createNoteCheckpoint(ledger, operator.privateKey));
            }
            let checkpoint = await createNoteCheckpoint(ledger, operator.privateKey);
            checkpoint = withSignature(
              checkpoint,
              cosignCheckpointText(checkpoint.text, 'witness.test', witness.privateKey, 1_700_000_000),
            );
            const options = { ledgerKey: operator.publicKey, witnessKeys: [witness.publicKey] };
            for (let position = 1; position <= checkpoint.size; position++) {
              const bundle = await createProofBundle(ledger, { position, checkpoint });
              expect(verifyProofBundle(JSON.parse(JSON.stringify(bundle)), options).position).toBe(position);
            }
            const position = 1 + (pick % checkpoint.size);
            const bundle = JSON.parse(
              JSON.stringify(await createProofBundle(ledger, { position, checkpoint })),
            );
            const event = { ...bundle, event: { ...bundle.event, effectiveOn: '1999-01-01' } };
            expect(codeOf(() => verifyProofBundle(event, options))).toBe('EVENT_HASH_MISMATCH');
            const lines = (bundle.proof as string).split('\n');
            if (lines[2] !== '' && lines[2] !== undefined) {
              lines[2] = Buffer.alloc(32, 9).toString('base64');
              expect(codeOf(() => verifyProofBundle({ ...bundle, proof: lines.join('\n') }, options))).toBe(
                'INCLUSION_FAILED',
              );
            }
            const verdict = await verifyLedger(ledger, {
              checkpoints: [...earlier, checkpoint],
              publicKey: operator.publicKey,
              witnessKeys: [witness.publicKey],
              quorum: 0,
            });
            expect(verdict.problems).toEqual([]);
            expect(verdict.checkpoints.map((c) => c.prefix)).toEqual(
              [...earlier, checkpoint].map(() => 'confirmed'),
            );
          });
        }),
        { numRuns: runsFor(engine, 0.5) },
      );
    });
  });
}
