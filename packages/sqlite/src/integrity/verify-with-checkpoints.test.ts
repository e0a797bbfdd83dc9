import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createCheckpoint,
  generateSigningKey,
  IntegrityError,
  type Ledger,
  verifyLedger,
} from '@perfledger/core';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger } from '../open-ledger.js';

const dirs: string[] = [];
const ledgers: Ledger[] = [];
afterEach(async () => {
  for (const ledger of ledgers.splice(0)) await ledger.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function newLedger(events = 3): Promise<Ledger> {
  const dir = mkdtempSync(join(tmpdir(), 'perfledger-verify-'));
  dirs.push(dir);
  let now = Date.parse('2024-01-15T09:00:00Z');
  const ledger = await openLedger({
    file: join(dir, 'ledger.db'),
    durability: 'normal',
    clock: () => {
      now += 1000;
      return new Date(now);
    },
  });
  ledgers.push(ledger);
  await ledger.execute({
    type: 'RegisterAction',
    code: 'FP1922_02',
    effectiveOn: '2023-04-01',
    title: 'Widen the use of e-forms',
    plan: 'Corporate Plan 2018-23',
    directorate: 'Finance',
    section: 'Digital',
    dueDate: '2024-03-31',
    statusKey: 'rag',
  });
  for (let i = 1; i < events; i++) {
    await ledger.execute({
      type: 'AddComment',
      code: 'FP1922_02',
      effectiveOn: '2023-06-30',
      comment: `Update ${i}`,
    });
  }
  return ledger;
}

const key = generateSigningKey();
const other = generateSigningKey();

describe('verifyLedger', () => {
  it('with no checkpoints is the chain verification', async () => {
    const ledger = await newLedger();
    const result = await verifyLedger(ledger);
    expect(result).toMatchObject({
      ok: true,
      origin: await ledger.origin(),
      checkpoints: [],
      problems: [],
      notes: [],
    });
    expect(result.chain).toEqual(await ledger.verify());
  });

  it('confirms a checkpoint signed with the given key, as a prefix of the grown log', async () => {
    const ledger = await newLedger();
    const checkpoint = await createCheckpoint(ledger, key.privateKeyPem);
    await ledger.execute({
      type: 'AddComment',
      code: 'FP1922_02',
      effectiveOn: '2023-06-30',
      comment: 'Later',
    });
    const result = await verifyLedger(ledger, {
      checkpoints: [{ label: 'cp-2024-01-15.json', checkpoint }],
      publicKey: key.publicKeyPem,
    });
    expect(result.ok).toBe(true);
    expect(result.checkpoints).toEqual([
      {
        label: 'cp-2024-01-15.json',
        checkpoint,
        ok: true,
        signature: 'valid',
        originMatches: true,
        prefix: 'confirmed',
        problems: [],
      },
    ]);
  });

  it('says when signatures were not checked, without failing', async () => {
    const ledger = await newLedger();
    const checkpoint = await createCheckpoint(ledger, key.privateKeyPem, {
      issuedAt: new Date('2024-02-01T00:00:00Z'),
    });
    const result = await verifyLedger(ledger, { checkpoints: [checkpoint] });
    expect(result.ok).toBe(true);
    expect(result.checkpoints[0]?.signature).toBe('unchecked');
    expect(result.notes).toEqual([
      'Checkpoint #1 (issued 2024-02-01T00:00:00.000Z): signature not checked (no public key given).',
    ]);
  });

  it('fails a checkpoint signed by another key, or altered after signing', async () => {
    const ledger = await newLedger();
    const byOther = await createCheckpoint(ledger, other.privateKeyPem);
    const altered = {
      ...(await createCheckpoint(ledger, key.privateKeyPem)),
      issuedAt: '2030-01-01T00:00:00.000Z',
    };
    const result = await verifyLedger(ledger, {
      checkpoints: [
        { label: 'other.json', checkpoint: byOther },
        { label: 'altered.json', checkpoint: altered },
      ],
      publicKey: key.publicKeyPem,
    });
    expect(result.ok).toBe(false);
    expect(result.chain.ok).toBe(true);
    expect(result.checkpoints.map((c) => [c.signature, c.prefix])).toEqual([
      ['invalid', 'confirmed'],
      ['invalid', 'confirmed'],
    ]);
    expect(result.problems).toEqual([
      {
        code: 'SIGNATURE_INVALID',
        message: `Checkpoint other.json was signed by key ${other.keyId}, not by the public key given (${key.keyId}).`,
      },
      {
        code: 'SIGNATURE_INVALID',
        message: 'Checkpoint altered.json has an invalid signature: it was altered after signing, or forged.',
      },
    ]);
  });

  it("fails another ledger's checkpoint without comparing histories", async () => {
    const ledger = await newLedger();
    const elsewhere = await newLedger();
    const checkpoint = await createCheckpoint(elsewhere, key.privateKeyPem);
    const result = await verifyLedger(ledger, {
      checkpoints: [{ label: 'cp.json', checkpoint }],
      publicKey: key.publicKeyPem,
    });
    expect(result.ok).toBe(false);
    expect(result.checkpoints[0]).toMatchObject({
      signature: 'valid',
      originMatches: false,
      prefix: 'not-checked',
    });
    expect(result.problems).toEqual([
      {
        code: 'ORIGIN_MISMATCH',
        message: `Checkpoint cp.json is of another ledger (origin ${await elsewhere.origin()}); this ledger's origin is ${await ledger.origin()}.`,
      },
    ]);
  });

  it('fails a checkpoint whose head hash is not the event at its position', async () => {
    const ledger = await newLedger(5);
    const real = await createCheckpoint(ledger, key.privateKeyPem);
    // Claims a different history of the same length: signed, but not this log's.
    const forgedHead = { ...real, headHash: 'a'.repeat(64) };
    const result = await verifyLedger(ledger, {
      checkpoints: [{ label: 'cp.json', checkpoint: forgedHead }],
    });
    expect(result.checkpoints[0]?.prefix).toBe('rewritten');
    expect(result.problems[0]?.message).toBe(
      `Checkpoint cp.json (size 5, head aaaaaaaaaaaa…) is not a prefix of this log: the event at position 5 now hashes to ${real.headHash.slice(0, 12)}…; history up to that point was rewritten.`,
    );
  });

  it('refuses a key that is not Ed25519', async () => {
    const ledger = await newLedger();
    await expect(verifyLedger(ledger, { publicKey: 'nonsense' })).rejects.toThrow(IntegrityError);
  });
});
