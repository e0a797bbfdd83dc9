import { createCheckpoint, generateSigningKey, type SignedCheckpoint, verifyLedger } from '@perfledger/core';
import { afterEach, describe, expect, it } from 'vitest';
import { openReadonlyLedger } from '../open-ledger.js';
import { createTempLedger, steppingClock, type TempLedger, tamperWithEvent } from '../testing/index.js';

const temps: TempLedger[] = [];
afterEach(async () => {
  for (const temp of temps.splice(0)) await temp.cleanup();
});

const key = generateSigningKey();

async function ledgerWith(count: number, start = '2024-01-15T09:00:00Z'): Promise<TempLedger> {
  const temp = await createTempLedger({ durability: 'normal', clock: steppingClock(start, 1_000) });
  temps.push(temp);
  for (let i = 0; i < count; i++) {
    await temp.ledger.append('action:A1', [
      { type: 'CommentAdded', effectiveOn: '2024-01-15', data: { comment: `c${i}` } } as never,
    ]);
  }
  return temp;
}

async function verifyWith(temp: TempLedger, checkpoint: SignedCheckpoint) {
  const reader = await openReadonlyLedger(temp.file);
  try {
    return await verifyLedger(reader, {
      checkpoints: [{ label: 'cp.json', checkpoint }],
      publicKey: key.publicKeyPem,
    });
  } finally {
    await reader.close();
  }
}

describe('checkpoint verification and the recorded-time axis', () => {
  it('a correctly chained event back-dated after the checkpoint breaks the chain; the checkpoint still holds', async () => {
    const temp = await ledgerWith(6);
    const checkpoint = await createCheckpoint(temp.ledger, key.privateKeyPem, {
      issuedAt: new Date('2024-02-01T00:00:00Z'),
    });
    await temp.ledger.append('action:A1', [
      { type: 'CommentAdded', effectiveOn: '2024-01-15', data: { comment: 'x' } } as never,
    ]);
    await temp.ledger.close();
    // Recorded before the checkpoint's head (09:00:05): "as known at" the checkpoint would include it.
    tamperWithEvent(temp.file, 7, { recorded_at: '2024-01-15T09:00:02.000000Z' }, { rechain: true });
    const result = await verifyWith(temp, checkpoint);
    expect(result.ok).toBe(false);
    expect(result.checkpoints[0]).toMatchObject({ prefix: 'confirmed', ok: true });
    expect(result.problems).toEqual([
      {
        code: 'CHAIN_BROKEN',
        message: expect.stringContaining(
          'recorded-time at position 7: it was recorded at 2024-01-15T09:00:02.000000Z, before position 6',
        ),
      },
    ]);
  });

  it('back-dating inside the checkpointed history, every hash recomputed, no longer matches the checkpoint', async () => {
    const temp = await ledgerWith(6);
    const checkpoint = await createCheckpoint(temp.ledger, key.privateKeyPem, {
      issuedAt: new Date('2024-02-01T00:00:00Z'),
    });
    await temp.ledger.close();
    tamperWithEvent(temp.file, 3, { recorded_at: '2024-01-15T08:00:00.000000Z' }, { rechain: true });
    const codes = (await verifyWith(temp, checkpoint)).problems.map((p) => p.code);
    expect(codes).toEqual(['CHAIN_BROKEN', 'CHECKPOINT_MISMATCH']);
  });

  it('a checkpoint covering an event recorded after it was issued says the clock ran ahead', async () => {
    const temp = await ledgerWith(3, '2031-06-01T00:00:00Z');
    const checkpoint = await createCheckpoint(temp.ledger, key.privateKeyPem, {
      issuedAt: new Date('2026-12-01T00:00:00Z'),
    });
    const result = await verifyWith(temp, checkpoint);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      {
        code: 'RECORDED_AFTER_ISSUE',
        message:
          'Checkpoint cp.json (size 3, head ' +
          `${checkpoint.headHash.slice(0, 12)}…) covers an event recorded at 2031-06-01T00:00:02.000000Z, after the checkpoint was issued at 2026-12-01T00:00:00.000Z: the ledger's clock ran ahead, so "as known at" times up to position 3 cannot be trusted.`,
      },
    ]);
  });
});
