import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CHECKPOINT_FORMAT,
  type CommandInput,
  createCheckpoint,
  generateSigningKey,
  IntegrityError,
  type Ledger,
  OutputFileError,
  parseCheckpoint,
  readCheckpoint,
  type SignedCheckpoint,
  verifyCheckpointSignature,
  writeCheckpoint,
} from '@perfledger/core';
import { GENESIS_HASH } from '@perfledger/core/internal';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger, openReadonlyLedger } from '../open-ledger.js';

const dirs: string[] = [];
const ledgers: Ledger[] = [];
afterEach(async () => {
  for (const ledger of ledgers.splice(0)) await ledger.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'perfledger-checkpoint-'));
  dirs.push(dir);
  return dir;
}

function clock(start = '2024-01-15T09:00:00Z'): () => Date {
  let now = Date.parse(start);
  return () => {
    now += 1000;
    return new Date(now);
  };
}

const register: CommandInput = {
  type: 'RegisterAction',
  code: 'FP1922_02',
  effectiveOn: '2023-04-01',
  title: 'Widen the use of e-forms',
  plan: 'Corporate Plan 2018-23',
  directorate: 'Finance',
  section: 'Digital',
  dueDate: '2024-03-31',
  statusKey: 'rag',
};

async function ledgerWithEvents(dir: string, comments = 3): Promise<Ledger> {
  const ledger = await openLedger({ file: join(dir, 'ledger.db'), clock: clock(), durability: 'normal' });
  ledgers.push(ledger);
  await ledger.execute(register, { actor: 'officer' });
  for (let i = 1; i <= comments; i++) {
    await ledger.execute({
      type: 'AddComment',
      code: 'FP1922_02',
      effectiveOn: '2023-06-30',
      comment: `Update ${i}`,
    });
  }
  return ledger;
}

async function expectIntegrityError(
  work: () => unknown,
  code: string,
  text?: RegExp,
): Promise<IntegrityError> {
  try {
    await work();
  } catch (error) {
    expect(error).toBeInstanceOf(IntegrityError);
    expect((error as IntegrityError).code).toBe(code);
    if (text) expect((error as Error).message).toMatch(text);
    return error as IntegrityError;
  }
  throw new Error(`expected IntegrityError ${code}, but nothing was thrown`);
}

describe('createCheckpoint', () => {
  it("states the ledger's origin, size, head hash and head recorded time, signed with the key", async () => {
    const ledger = await ledgerWithEvents(tempDir());
    const key = generateSigningKey();
    const issuedAt = new Date('2024-02-01T12:00:00Z');
    const checkpoint = await createCheckpoint(ledger, key.privateKeyPem, { issuedAt });
    const head = await ledger.head();
    expect(checkpoint).toEqual({
      format: CHECKPOINT_FORMAT,
      origin: await ledger.origin(),
      size: 4,
      headHash: head.hash,
      recordedAt: head.recordedAt,
      issuedAt: '2024-02-01T12:00:00.000Z',
      keyId: key.keyId,
      signature: expect.stringMatching(/^[A-Za-z0-9+/]{86}==$/),
    });
    expect(Object.isFrozen(checkpoint)).toBe(true);
    expect(verifyCheckpointSignature(checkpoint, key.publicKeyPem)).toBe(true);
    expect(await ledger.origin()).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('checkpoints an empty log as size 0 with the genesis hash', async () => {
    const dir = tempDir();
    const ledger = await openLedger({ file: join(dir, 'empty.db') });
    ledgers.push(ledger);
    const key = generateSigningKey();
    const checkpoint = await createCheckpoint(ledger, key.privateKeyPem);
    expect(checkpoint).toMatchObject({ size: 0, headHash: GENESIS_HASH, recordedAt: null });
    expect(verifyCheckpointSignature(parseCheckpoint(checkpoint), key.publicKeyPem)).toBe(true);
  });

  it('works on a read-only ledger', async () => {
    const dir = tempDir();
    const writer = await ledgerWithEvents(dir);
    const reader = await openReadonlyLedger(writer.location);
    ledgers.push(reader);
    const key = generateSigningKey();
    const checkpoint = await createCheckpoint(reader, key.privateKeyPem);
    expect(checkpoint.size).toBe(4);
    expect(checkpoint.origin).toBe(await writer.origin());
  });

  it('refuses to sign a log whose chain is broken', async () => {
    const dir = tempDir();
    const ledger = await ledgerWithEvents(dir);
    await ledger.close();
    const raw = new Database(join(dir, 'ledger.db'));
    raw.exec('DROP TRIGGER events_are_append_only_update');
    raw.prepare("UPDATE events SET actor = 'mallory' WHERE position = 2").run();
    raw.close();
    const reopened = await openReadonlyLedger(join(dir, 'ledger.db'));
    ledgers.push(reopened);
    const key = generateSigningKey();
    await expectIntegrityError(
      () => createCheckpoint(reopened, key.privateKeyPem),
      'CHAIN_BROKEN',
      /hash chain is broken \(hash-mismatch at position 2/,
    );
    expect((await createCheckpoint(reopened, key.privateKeyPem, { verifyChain: false })).size).toBe(4);
  });

  it('needs a private Ed25519 key', async () => {
    const ledger = await ledgerWithEvents(tempDir(), 0);
    const key = generateSigningKey();
    await expectIntegrityError(() => createCheckpoint(ledger, key.publicKeyPem), 'KEY_INVALID');
    await expectIntegrityError(() => createCheckpoint(ledger, 'not a key'), 'KEY_INVALID');
  });
});

describe('verifyCheckpointSignature', () => {
  const key = generateSigningKey();
  const other = generateSigningKey();
  let checkpoint: SignedCheckpoint;

  it('accepts the signing key (public or private half) and refuses another key', async () => {
    checkpoint = await createCheckpoint(await ledgerWithEvents(tempDir()), key.privateKeyPem);
    expect(verifyCheckpointSignature(checkpoint, key.publicKeyPem)).toBe(true);
    expect(verifyCheckpointSignature(checkpoint, key.privateKeyPem)).toBe(true);
    expect(verifyCheckpointSignature(checkpoint, other.publicKeyPem)).toBe(false);
    // Another key, even with the checkpoint's key id claimed, does not verify.
    expect(verifyCheckpointSignature({ ...checkpoint, keyId: other.keyId }, other.publicKeyPem)).toBe(false);
  });

  it('refuses a checkpoint whose fields or signature were altered', async () => {
    checkpoint = await createCheckpoint(await ledgerWithEvents(tempDir()), key.privateKeyPem);
    const altered: SignedCheckpoint[] = [
      { ...checkpoint, size: checkpoint.size - 1 },
      { ...checkpoint, headHash: 'f'.repeat(64) },
      { ...checkpoint, issuedAt: '2030-01-01T00:00:00.000Z' },
      { ...checkpoint, recordedAt: null },
      { ...checkpoint, origin: '00000000-0000-4000-8000-000000000000' },
      { ...checkpoint, signature: flipBase64(checkpoint.signature) },
    ];
    for (const candidate of altered)
      expect(verifyCheckpointSignature(candidate, key.publicKeyPem)).toBe(false);
  });
});

describe('writeCheckpoint and readCheckpoint', () => {
  it('round-trip a checkpoint as pretty JSON with the documented field order', async () => {
    const dir = tempDir();
    const key = generateSigningKey();
    const checkpoint = await createCheckpoint(await ledgerWithEvents(dir), key.privateKeyPem);
    const file = join(dir, 'cp-2024-01-15.json');
    writeCheckpoint(file, checkpoint);
    const text = readFileSync(file, 'utf8');
    expect(Object.keys(JSON.parse(text))).toEqual([
      'format',
      'origin',
      'size',
      'headHash',
      'recordedAt',
      'issuedAt',
      'keyId',
      'signature',
    ]);
    expect(text.endsWith('}\n')).toBe(true);
    const read = readCheckpoint(file);
    expect(read).toEqual(checkpoint);
    expect(verifyCheckpointSignature(read, key.publicKeyPem)).toBe(true);
  });

  it('never overwrites an earlier checkpoint unless asked', async () => {
    const dir = tempDir();
    const key = generateSigningKey();
    const ledger = await ledgerWithEvents(dir);
    const file = join(dir, 'cp.json');
    const first = await createCheckpoint(ledger, key.privateKeyPem);
    writeCheckpoint(file, first);
    await ledger.execute({
      type: 'AddComment',
      code: 'FP1922_02',
      effectiveOn: '2023-06-30',
      comment: 'More',
    });
    const second = await createCheckpoint(ledger, key.privateKeyPem);
    await expectIntegrityError(() => writeCheckpoint(file, second), 'FILE_EXISTS', /cp\.json/);
    expect(readCheckpoint(file)).toEqual(first);
    writeCheckpoint(file, second, { overwrite: true });
    expect(readCheckpoint(file).size).toBe(5);
  });

  it('never writes over the ledger, even with overwrite, and gives typed errors for bad paths', async () => {
    const dir = tempDir();
    const ledger = await ledgerWithEvents(dir);
    const checkpoint = await createCheckpoint(ledger, generateSigningKey().privateKeyPem);
    const before = readFileSync(ledger.location);
    for (const [file, code] of [
      [ledger.location, 'OUTPUT_IS_LEDGER'],
      [`${ledger.location}-wal`, 'OUTPUT_IS_LEDGER'],
      [`${ledger.location}-journal`, 'OUTPUT_IS_LEDGER'],
      [join(dir, 'missing', 'cp.json'), 'OUTPUT_DIRECTORY_MISSING'],
      [dir, 'OUTPUT_IS_DIRECTORY'],
    ] as const) {
      let caught: unknown;
      try {
        writeCheckpoint(file, checkpoint, { overwrite: true, ledgerFiles: [ledger.location] });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(OutputFileError);
      expect((caught as OutputFileError).code).toBe(code);
      expect((caught as Error).message).toContain(file);
    }
    expect(readFileSync(ledger.location).equals(before)).toBe(true);
    expect((await ledger.verify()).ok).toBe(true);
  });

  it('refuses unreadable, non-JSON and malformed files with CHECKPOINT_INVALID naming the file', async () => {
    const dir = tempDir();
    const key = generateSigningKey();
    const good = await createCheckpoint(await ledgerWithEvents(dir), key.privateKeyPem);
    const file = join(dir, 'cp.json');

    expect(
      (
        await expectIntegrityError(
          () => readCheckpoint(file),
          'CHECKPOINT_INVALID',
          /Cannot read checkpoint .*cp\.json.*no such file/,
        )
      ).file,
    ).toBe(file);

    writeFileSync(file, '{ not json');
    await expectIntegrityError(() => readCheckpoint(file), 'CHECKPOINT_INVALID', /cp\.json' is not JSON/);

    const cases: [unknown, RegExp][] = [
      [{ ...good, format: 'perfledger-checkpoint/2' }, /format/],
      [{ ...good, size: -1 }, /size/],
      [{ ...good, size: 1.5 }, /size/],
      [{ ...good, headHash: 'ABC' }, /headHash/],
      [{ ...good, extra: 'unsigned field' }, /extra/],
      [{ ...good, signature: 'short' }, /signature/],
      [{ ...good, origin: 'somewhere' }, /origin: must be a UUID/],
      [{ ...good, size: 0 }, /empty log/],
      [[good], /expected object/],
    ];
    for (const [value, message] of cases) {
      writeFileSync(file, JSON.stringify(value));
      const error = await expectIntegrityError(() => readCheckpoint(file), 'CHECKPOINT_INVALID', message);
      expect(error.message).toContain(`Checkpoint '${file}' is not a valid perfledger checkpoint`);
      expect(error.file).toBe(file);
    }
  });
});

function flipBase64(signature: string): string {
  const index = 10;
  const char = signature[index] === 'A' ? 'B' : 'A';
  return signature.slice(0, index) + char + signature.slice(index + 1);
}
