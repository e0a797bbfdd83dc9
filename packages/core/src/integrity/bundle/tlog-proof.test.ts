import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signCheckpointBody } from '../note/note-checkpoint.js';
import { formatTlogProof, parseTlogProof } from './tlog-proof.js';

const key = generateKeyPairSync('ed25519');
const checkpoint = signCheckpointBody(
  {
    origin: 'perfledger/0f8e3c4e-2b7a-4d6f-9a51-3c2d1e0b9a87',
    size: 5,
    rootHash: 'cd'.repeat(32),
    extensions: [],
  },
  key.privateKey,
);
const proof = { index: 3, inclusionProof: ['01'.repeat(32), '02'.repeat(32)], checkpoint };

function codeOf(text: string): string {
  try {
    parseTlogProof(text);
  } catch (error) {
    return (error as { code: string }).code;
  }
  return 'parsed';
}

describe('tlog-proof (C2SP)', () => {
  it('round-trips, with and without the extra line, in the layout of the specification', () => {
    const text = formatTlogProof(proof);
    expect(text.split('\n').slice(0, 4)).toEqual([
      'c2sp.org/tlog-proof@v1',
      'index 3',
      Buffer.from('01'.repeat(32), 'hex').toString('base64'),
      Buffer.from('02'.repeat(32), 'hex').toString('base64'),
    ]);
    expect(parseTlogProof(text)).toEqual(proof);
    const extra = formatTlogProof({ ...proof, extra: new Uint8Array([1, 2, 3]) });
    expect(extra.split('\n')[1]).toBe('extra AQID');
    expect(parseTlogProof(extra).extra).toEqual(new Uint8Array([1, 2, 3]));
    expect(parseTlogProof(formatTlogProof({ ...proof, inclusionProof: [] })).inclusionProof).toEqual([]);
  });

  it('refuses what is not one: BUNDLE_INVALID, or CHECKPOINT_INVALID for the checkpoint it holds', () => {
    const text = formatTlogProof(proof);
    expect(codeOf(text.replace('tlog-proof@v1', 'tlog-proof@v2'))).toBe('BUNDLE_INVALID');
    expect(codeOf(text.replace('index 3', 'index 03'))).toBe('BUNDLE_INVALID');
    expect(codeOf(text.replace('index 3', 'index -3'))).toBe('BUNDLE_INVALID');
    expect(codeOf(text.replace(/\n\n/, '\n'))).toBe('BUNDLE_INVALID');
    expect(codeOf(text.replace(Buffer.from('01'.repeat(32), 'hex').toString('base64'), 'AAAA'))).toBe(
      'BUNDLE_INVALID',
    );
    expect(codeOf(text.replace('\n5\n', '\n05\n'))).toBe('CHECKPOINT_INVALID');
  });
});
