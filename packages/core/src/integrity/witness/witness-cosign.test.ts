import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consistencyProofFrom, eventLeafHash, memoryNodeSource, merkleRootOf } from '../../merkle/index.js';
import { checkNoteCheckpoint, type NoteCheckpoint, signCheckpointBody } from '../note/note-checkpoint.js';
import { formatConsistencyRequest, parseConsistencyRequest } from './consistency-file.js';
import { witnessCosign } from './witness-cosign.js';
import { readWitnessState } from './witness-state.js';

const origin = 'perfledger/0f8e3c4e-2b7a-4d6f-9a51-3c2d1e0b9a87';
const operator = generateKeyPairSync('ed25519');
const witness = generateKeyPairSync('ed25519');

/** The leaves of a log of `n` events whose hashes derive from `seed`. */
function leaves(n: number, seed: string): string[] {
  return Array.from({ length: n }, (_, i) =>
    eventLeafHash(Buffer.from(`${seed}:${i}`).toString('hex').padEnd(64, '0').slice(0, 64)),
  );
}

function checkpointOf(log: readonly string[], key = operator.privateKey): NoteCheckpoint {
  return signCheckpointBody({ origin, size: log.length, rootHash: merkleRootOf(log), extensions: [] }, key);
}

async function proofBetween(log: readonly string[], from: number) {
  return { oldSize: from, proof: await consistencyProofFrom(from, log.length, memoryNodeSource(log)) };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'perfledger-witness-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function codeOf(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    return (error as { code: string }).code;
  }
  return 'no error';
}

describe('witnessCosign', () => {
  it('cosigns a first checkpoint, then only extensions of it, proven by consistency proofs', async () => {
    const log = leaves(13, 'honest');
    const first = witnessCosign({
      checkpoint: checkpointOf(log.slice(0, 5)),
      witnessKey: witness.privateKey,
      stateDir: dir,
      ledgerKey: operator.publicKey,
    });
    expect(first.previousSize).toBe(0);
    expect(
      checkNoteCheckpoint(first.checkpoint, {
        ledgerKey: operator.publicKey,
        witnessKeys: [witness.publicKey],
      }).ok,
    ).toBe(true);
    expect(readWitnessState(dir)?.size).toBe(5);

    // The ledger key is remembered; the proof goes through its text form.
    const request = parseConsistencyRequest(formatConsistencyRequest(await proofBetween(log, 5)));
    const second = witnessCosign({
      checkpoint: checkpointOf(log),
      consistency: request,
      witnessKey: witness.privateKey,
      stateDir: dir,
    });
    expect(second.previousSize).toBe(5);
    expect(readWitnessState(dir)).toMatchObject({ size: 13, rootHash: merkleRootOf(log) });
    // Cosigning the same checkpoint again is allowed (same size, same root).
    expect(
      codeOf(() =>
        witnessCosign({
          checkpoint: checkpointOf(log),
          consistency: { oldSize: 13, proof: [] },
          witnessKey: witness.privateKey,
          stateDir: dir,
        }),
      ),
    ).toBe('no error');
  });

  it('an operator who rewrites history with the same key and a larger size cannot obtain a cosignature', async () => {
    const honest = leaves(8, 'honest');
    witnessCosign({
      checkpoint: checkpointOf(honest),
      witnessKey: witness.privateKey,
      stateDir: dir,
      ledgerKey: operator.publicKey,
    });
    const before = readFileSync(join(dir, 'witness-state.json'), 'utf8');

    // The rewritten log: event 3 changed, then more events; signed with the same key.
    const forged = [...honest.slice(0, 3), ...leaves(9, 'forged')];
    const forgedCheckpoint = checkpointOf(forged);
    // With the only proof a forger can compute (from its own tree at size 8): refused.
    expect(
      codeOf(() =>
        witnessCosign({
          checkpoint: forgedCheckpoint,
          consistency: { oldSize: 8, proof: [] },
          witnessKey: witness.privateKey,
          stateDir: dir,
        }),
      ),
    ).toBe('CONSISTENCY_FAILED');
    // A proof computed over the forged tree does not lead from the honest root.
    const forgedProof = await proofBetween(forged, 8);
    expect(
      codeOf(() =>
        witnessCosign({
          checkpoint: forgedCheckpoint,
          consistency: forgedProof,
          witnessKey: witness.privateKey,
          stateDir: dir,
        }),
      ),
    ).toBe('CONSISTENCY_FAILED');
    // Pretending to start afresh, or from another size, is a conflict.
    expect(
      codeOf(() =>
        witnessCosign({ checkpoint: forgedCheckpoint, witnessKey: witness.privateKey, stateDir: dir }),
      ),
    ).toBe('WITNESS_CONFLICT');
    const fromThree = await proofBetween(forged, 3);
    expect(
      codeOf(() =>
        witnessCosign({
          checkpoint: forgedCheckpoint,
          consistency: fromThree,
          witnessKey: witness.privateKey,
          stateDir: dir,
        }),
      ),
    ).toBe('WITNESS_CONFLICT');
    // The same size with another root: a fork.
    const sameSize = checkpointOf([...honest.slice(0, 7), ...leaves(1, 'other')]);
    expect(
      codeOf(() =>
        witnessCosign({
          checkpoint: sameSize,
          consistency: { oldSize: 8, proof: [] },
          witnessKey: witness.privateKey,
          stateDir: dir,
        }),
      ),
    ).toBe('WITNESS_CONFLICT');
    // Nothing was recorded by any refusal.
    expect(readFileSync(join(dir, 'witness-state.json'), 'utf8')).toBe(before);
  });

  it('refuses a checkpoint not signed by the log key, another log key, another origin, and a second cosign at once', async () => {
    const log = leaves(4, 'a');
    const stranger = generateKeyPairSync('ed25519');
    expect(
      codeOf(() =>
        witnessCosign({ checkpoint: checkpointOf(log), witnessKey: witness.privateKey, stateDir: dir }),
      ),
    ).toBe('KEY_INVALID');
    expect(
      codeOf(() =>
        witnessCosign({
          checkpoint: checkpointOf(log, stranger.privateKey),
          witnessKey: witness.privateKey,
          stateDir: dir,
          ledgerKey: operator.publicKey,
        }),
      ),
    ).toBe('SIGNATURE_INVALID');
    witnessCosign({
      checkpoint: checkpointOf(log),
      witnessKey: witness.privateKey,
      stateDir: dir,
      ledgerKey: operator.publicKey,
    });
    expect(
      codeOf(() =>
        witnessCosign({
          checkpoint: checkpointOf(log, stranger.privateKey),
          witnessKey: witness.privateKey,
          stateDir: dir,
          ledgerKey: stranger.publicKey,
        }),
      ),
    ).toBe('WITNESS_CONFLICT');
    const elsewhere = signCheckpointBody(
      { origin: 'perfledger/another', size: 4, rootHash: merkleRootOf(log), extensions: [] },
      operator.privateKey,
    );
    expect(
      codeOf(() =>
        witnessCosign({
          checkpoint: elsewhere,
          consistency: { oldSize: 4, proof: [] },
          witnessKey: witness.privateKey,
          stateDir: dir,
        }),
      ),
    ).toBe('WITNESS_CONFLICT');
    writeFileSync(join(dir, 'witness-state.lock'), '');
    expect(
      codeOf(() =>
        witnessCosign({
          checkpoint: checkpointOf(log),
          consistency: { oldSize: 4, proof: [] },
          witnessKey: witness.privateKey,
          stateDir: dir,
        }),
      ),
    ).toBe('WITNESS_CONFLICT');
  });

  it('parses consistency requests strictly', () => {
    expect(parseConsistencyRequest('old 0\n')).toMatchObject({ oldSize: 0, proof: [] });
    expect(codeOf(() => parseConsistencyRequest('old 01\n'))).toBe('PROOF_INVALID');
    expect(codeOf(() => parseConsistencyRequest('old 1\nAAAA\n'))).toBe('PROOF_INVALID');
    expect(codeOf(() => parseConsistencyRequest('old 1'))).toBe('PROOF_INVALID');
  });
});
