import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LedgerError } from '../errors/index.js';
import { OutputFileError } from '../files/output-file-error.js';
import { IntegrityError } from './integrity-error.js';
import { generateSigningKey, keyIdOf, loadPrivateKey, loadPublicKey, writeKeyPair } from './keys.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'perfledger-keys-'));
  dirs.push(dir);
  return dir;
}

function expectIntegrityError(work: () => unknown, code: string, text?: RegExp): IntegrityError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(IntegrityError);
    expect(error).toBeInstanceOf(LedgerError);
    expect((error as IntegrityError).code).toBe(code);
    if (text) expect((error as Error).message).toMatch(text);
    return error as IntegrityError;
  }
  throw new Error(`expected IntegrityError ${code}, but nothing was thrown`);
}

describe('generateSigningKey', () => {
  it('makes an Ed25519 pair whose key id is the first 16 hex of the SHA-256 of the DER public key', () => {
    const pair = generateSigningKey();
    expect(pair.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(pair.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(pair.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(keyIdOf(pair.publicKeyPem)).toBe(pair.keyId);
    expect(keyIdOf(pair.privateKeyPem)).toBe(pair.keyId);
    expect(generateSigningKey().keyId).not.toBe(pair.keyId);
  });
});

describe('writeKeyPair refusals', () => {
  it('checks both files before writing either: an existing .pub leaves no .key behind', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'perfledger.pub'), 'an older public key');
    expectIntegrityError(() => writeKeyPair(dir), 'FILE_EXISTS', /perfledger\.pub/);
    expect(readdirSync(dir)).toEqual(['perfledger.pub']);
  });

  it('never writes over a ledger file, and a missing directory is a typed error', () => {
    const dir = tempDir();
    const ledger = join(dir, 'audit.key');
    writeFileSync(ledger, '');
    for (const [target, code] of [
      [join(dir, 'audit'), 'OUTPUT_IS_LEDGER'],
      [join(dir, 'missing', 'k'), 'OUTPUT_DIRECTORY_MISSING'],
    ] as const) {
      let caught: unknown;
      try {
        writeKeyPair(target, { ledgerFiles: [ledger] });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(OutputFileError);
      expect((caught as OutputFileError).code).toBe(code);
    }
    expect(readdirSync(dir)).toEqual(['audit.key']);
    expect(readFileSync(ledger)).toHaveLength(0);
  });
});

describe('writeKeyPair and loading', () => {
  it('writes <name>.key (0600) and <name>.pub into a directory, and they load back as the same key', () => {
    const dir = tempDir();
    const written = writeKeyPair(dir);
    expect(written.privateKeyFile).toBe(join(dir, 'perfledger.key'));
    expect(written.publicKeyFile).toBe(join(dir, 'perfledger.pub'));
    if (process.platform !== 'win32') {
      expect(statSync(written.privateKeyFile).mode & 0o777).toBe(0o600);
    }
    const privateKey = loadPrivateKey(written.privateKeyFile);
    const publicKey = loadPublicKey(written.publicKeyFile);
    expect(keyIdOf(privateKey)).toBe(written.keyId);
    expect(keyIdOf(publicKey)).toBe(written.keyId);
    const message = Buffer.from('perfledger');
    expect(verify(null, message, publicKey, sign(null, message, privateKey))).toBe(true);
  });

  it('takes a path, replacing a .key or .pub extension, and a name for directories', () => {
    const dir = tempDir();
    expect(writeKeyPair(join(dir, 'finance-2024')).privateKeyFile).toBe(join(dir, 'finance-2024.key'));
    expect(writeKeyPair(join(dir, 'audit.pub')).publicKeyFile).toBe(join(dir, 'audit.pub'));
    expect(writeKeyPair(dir, { name: 'q3' }).publicKeyFile).toBe(join(dir, 'q3.pub'));
  });

  it('writes a given pair', () => {
    const dir = tempDir();
    const pair = generateSigningKey();
    const written = writeKeyPair(dir, { keyPair: pair });
    expect(written.keyId).toBe(pair.keyId);
    expect(readFileSync(written.publicKeyFile, 'utf8')).toBe(pair.publicKeyPem);
  });

  it('never overwrites an existing key, and leaves no half-written pair behind', () => {
    const dir = tempDir();
    const first = writeKeyPair(dir);
    const before = readFileSync(first.privateKeyFile, 'utf8');
    const error = expectIntegrityError(() => writeKeyPair(dir), 'FILE_EXISTS', /already exists/);
    expect(error.file).toBe(first.privateKeyFile);
    expect(readFileSync(first.privateKeyFile, 'utf8')).toBe(before);

    writeFileSync(join(dir, 'other.pub'), 'someone else’s key');
    expectIntegrityError(() => writeKeyPair(dir, { name: 'other' }), 'FILE_EXISTS');
    expect(() => statSync(join(dir, 'other.key'))).toThrow();
  });

  it('refuses missing, malformed, non-Ed25519 and wrong-half key files with KEY_INVALID naming the file', () => {
    const dir = tempDir();
    const { privateKeyFile, publicKeyFile } = writeKeyPair(dir);
    const missing = join(dir, 'missing.key');
    expect(expectIntegrityError(() => loadPrivateKey(missing), 'KEY_INVALID', /no such file/).file).toBe(
      missing,
    );
    expectIntegrityError(() => loadPublicKey(missing), 'KEY_INVALID', /missing\.key/);

    const garbage = join(dir, 'garbage.key');
    writeFileSync(garbage, '-----BEGIN PRIVATE KEY-----\nnot base64 at all\n-----END PRIVATE KEY-----\n');
    expectIntegrityError(() => loadPrivateKey(garbage), 'KEY_INVALID', /garbage\.key/);
    writeFileSync(garbage, 'hello');
    expectIntegrityError(() => loadPrivateKey(garbage), 'KEY_INVALID', /no private key/);
    expectIntegrityError(() => loadPublicKey(garbage), 'KEY_INVALID', /not a readable PEM public key/);

    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const rsaFile = join(dir, 'rsa.key');
    writeFileSync(rsaFile, rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    expectIntegrityError(
      () => loadPrivateKey(rsaFile),
      'KEY_INVALID',
      /rsa key; perfledger signs checkpoints with Ed25519/,
    );

    expectIntegrityError(() => loadPrivateKey(publicKeyFile), 'KEY_INVALID', /no private key/);
    expectIntegrityError(() => loadPublicKey(privateKeyFile), 'KEY_INVALID', /holds a private key/);
  });
});
