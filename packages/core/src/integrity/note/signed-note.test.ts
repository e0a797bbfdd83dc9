import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCheckpointBody } from './checkpoint-body.js';
import { checkCosignature, cosignCheckpointText } from './cosignature.js';
import {
  checkNoteCheckpoint,
  parseNoteCheckpoint,
  signCheckpointBody,
  withSignature,
} from './note-checkpoint.js';
import { parseVerifierKey, signNoteText, verifierKey, verifyNoteSignature } from './note-keys.js';
import { formatSignedNote, parseSignedNote } from './signed-note.js';

// Published vectors: golang.org/x/mod/sumdb/note (the signed-note example of its documentation),
// and a real checkpoint of the arche2025h1 staging CT log cosigned by the remora.n621.de witness
// (type 0x04), as quoted in public test suites.
const PETER_SKEY_SEED = 'AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const PETER_TEXT =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_NOTE = `${PETER_TEXT}\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

const ARCHE = `arche2025h1.staging.ct.transparency.dev
1432088532
U7WM79jrzyhGZ5/GUBTpM7NzwdyfFx61t3RovgcC4Ro=

— arche2025h1.staging.ct.transparency.dev zTM8sQAAAZ5W0WdjBAMARjBEAiBjW5IQf9pvsYLfQFX6hoGREPMHbdQ3urbllzalApkptQIgIpwtEroeW2BXaHAI4kJXFbon5Ch9MNL5zRNZ55lvGt0=
— arche2025h1.staging.ct.transparency.dev ui8GwCF1+kWqZrxGdhj4aX3gcw7XUlXQQabg/27lefwhUkzbC3NygNI75MdhL1bfTW9g8Ei59RA23oHP7Ry1k3ZFWwQ=
— transparency.dev/DEV:witness-little-garden 2AQqhwAAAABqEiEgzgFIqqhbUoDwjMWE6UP8nd8/KYTzwZ2rhIgcqoXHAwVkjZr4AscylP3v7sEodkRAErumC2q44vdgJY096st5BQ==
— witness1.smartit.nu/witness1 pIyCDwAAAABqEiEghIp82KWebrw7/oHQwlTAm3g2RKS4+eebl8eO0WH+/iEcxZ75W3u5hNI7TOQtmJbqmNWVuE0tgh0XwzdZsDsUAQ==
— remora.n621.de 2net5wAAAABqEiEgPlfF3V06o0Y+fHM+J5J9s27wgxxcOVSpZ/2g/KSiXCg9DEZI+aVCIobWX9sXTynk5XeU/zZ0WBxtqB0DrAWfBw==
— witness.stagemole.eu Z/euoAAAAABqEiEgw0i+7g2ENfDAWHmtRzCfKTHSDwYDJA2NmKeGi9Y8FtEyOUvVr+AJmIY/2TUFucgKi7lI7cUiOvKFYe/TmN9DAg==
`;
const ARCHE_LOG_VKEY =
  'arche2025h1.staging.ct.transparency.dev+ba2f06c0+AU0vHmlGCS/PdN8b2OaGmKprLI8HKM+dJ472xgFYh15f';
const REMORA_VKEY = 'remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2';

function peterPrivateKey() {
  const seed = Buffer.from(PETER_SKEY_SEED, 'base64').subarray(1);
  const x = Buffer.from(PETER_VKEY.split('+')[2]!, 'base64').subarray(1);
  return createPrivateKey({
    key: { kty: 'OKP', crv: 'Ed25519', d: seed.toString('base64url'), x: x.toString('base64url') },
    format: 'jwk',
  });
}

describe('signed-note (C2SP), against the published vectors', () => {
  it('signs the sumdb/note example byte for byte, and its verifier key matches', () => {
    const key = peterPrivateKey();
    expect(verifierKey('PeterNeumann', key)).toBe(PETER_VKEY);
    const note = formatSignedNote({
      text: PETER_TEXT,
      signatures: [signNoteText(PETER_TEXT, 'PeterNeumann', key)],
    });
    expect(note).toBe(PETER_NOTE);
    const parsed = parseSignedNote(PETER_NOTE);
    expect(parsed.text).toBe(PETER_TEXT);
    expect(parsed.signatures[0]?.keyId).toBe(0xc74f20a3);
    const { publicKey } = parseVerifierKey(PETER_VKEY);
    expect(verifyNoteSignature(parsed.text, parsed.signatures[0]!, publicKey)).toBe(true);
    expect(
      verifyNoteSignature(
        parsed.text.replace('cryptography', 'cryptographY'),
        parsed.signatures[0]!,
        publicKey,
      ),
    ).toBe(false);
  });

  it('verifies the real cosigned checkpoint: the log signature and the remora cosignature (type 0x04)', () => {
    const checkpoint = parseNoteCheckpoint(ARCHE);
    expect(checkpoint.size).toBe(1432088532);
    expect(checkpoint.signatures).toHaveLength(6);
    const remora = parseVerifierKey(REMORA_VKEY);
    expect(remora.type).toBe(0x04);
    const verdicts = checkpoint.signatures.map((line) =>
      checkCosignature(checkpoint.text, line, remora.publicKey),
    );
    expect(verdicts.filter((v) => typeof v === 'number')).toHaveLength(1);
    expect(verdicts.filter((v) => v === 'invalid')).toHaveLength(0);
    const clobbered = checkpoint.text.replace('1432088532', '42');
    const line = checkpoint.signatures.find((s) => s.name === 'remora.n621.de')!;
    expect(checkCosignature(clobbered, line, remora.publicKey)).toBe('invalid');
    // The log's Ed25519 note signature (type 0x01) verifies too; its RFC 6962 line (type 0x05) is ignored.
    const log = parseVerifierKey(ARCHE_LOG_VKEY);
    const logVerdicts = checkpoint.signatures.map((s) =>
      verifyNoteSignature(checkpoint.text, s, log.publicKey),
    );
    expect(logVerdicts).toEqual([false, true, false, false, false, false]);
    expect(
      checkNoteCheckpoint(checkpoint, { ledgerKey: log.publicKey, witnessKeys: [remora.publicKey] }).ok,
    ).toBe(true);
  });

  it('refuses malformed notes with CHECKPOINT_INVALID naming the problem', () => {
    const bad: [string, RegExp][] = [
      [PETER_TEXT, /no blank line/],
      [`${PETER_TEXT}\n`, /no signature lines/],
      [PETER_NOTE.slice(0, -1), /does not end in a newline/],
      [PETER_NOTE.replace('— ', '- '), /em dash/],
      [PETER_NOTE.replace('PeterNeumann x08', 'Peter+Neumann x08'), /contains '\+'/],
      [PETER_NOTE.replace('x08go', 'x08go!'), /not base64/],
      [PETER_NOTE.replace('\n\n', '\r\n\n'), /carriage return/],
      [PETER_NOTE.replace('If', 'I\u0007f'), /control character/],
      [`${PETER_TEXT}\n— PeterNeumann AAAA\n`, /no bytes after its 4-byte key id/],
    ];
    for (const [text, message] of bad) {
      expect(() => parseSignedNote(text), JSON.stringify(text)).toThrow(message);
      try {
        parseSignedNote(text);
      } catch (error) {
        expect((error as { code: string }).code).toBe('CHECKPOINT_INVALID');
      }
    }
    expect(() => parseSignedNote(Buffer.from([0x61, 0x0a, 0x0a, 0xff, 0x0a]))).toThrow(/not valid UTF-8/);
  });

  it('refuses malformed checkpoint bodies', () => {
    const root = Buffer.alloc(32, 7).toString('base64');
    expect(parseCheckpointBody(`o\n0\n${root}\n`).size).toBe(0);
    for (const [text, message] of [
      [`o\n01\n${root}\n`, /leading zeros/],
      [`\n1\n${root}\n`, /origin line is empty/],
      ['o\n1\nAAAA\n', /base64 SHA-256/],
      [`o\n1\n${root}\n\n`, /extension line 1 is empty/],
      ['o\n1\n', /at least 3/],
      [`o\n1e3\n${root}\n`, /not a decimal/],
    ] as const) {
      expect(() => parseCheckpointBody(text)).toThrow(message);
    }
  });
});

describe('perfledger note checkpoints', () => {
  const ledger = generateKeyPairSync('ed25519');
  const witnesses = [generateKeyPairSync('ed25519'), generateKeyPairSync('ed25519')];
  const body = {
    origin: 'perfledger/0f8e3c4e-2b7a-4d6f-9a51-3c2d1e0b9a87',
    size: 42,
    rootHash: 'ab'.repeat(32),
    extensions: [],
  };

  it('round-trips, verifies with the ledger key, and counts distinct witnesses towards a quorum', () => {
    let checkpoint = signCheckpointBody(body, ledger.privateKey);
    expect(parseNoteCheckpoint(formatSignedNote(checkpoint))).toEqual(checkpoint);
    const witnessKeys = witnesses.map((w) => w.publicKey);
    expect(checkNoteCheckpoint(checkpoint, { ledgerKey: ledger.publicKey }).ok).toBe(true);
    expect(
      checkNoteCheckpoint(checkpoint, { ledgerKey: ledger.publicKey, witnessKeys }).problems.map(
        (p) => p.code,
      ),
    ).toEqual(['QUORUM_NOT_MET']);
    checkpoint = withSignature(
      checkpoint,
      cosignCheckpointText(checkpoint.text, 'w1.example', witnesses[0]!.privateKey, 1_700_000_000),
    );
    // The same witness twice, under another name, still counts once.
    checkpoint = withSignature(
      checkpoint,
      cosignCheckpointText(checkpoint.text, 'w1-again', witnesses[0]!.privateKey, 1_700_000_001),
    );
    const once = checkNoteCheckpoint(checkpoint, { ledgerKey: ledger.publicKey, witnessKeys, quorum: 2 });
    expect(once.cosigners).toHaveLength(1);
    expect(once.problems.map((p) => p.code)).toEqual(['QUORUM_NOT_MET']);
    checkpoint = withSignature(
      checkpoint,
      cosignCheckpointText(checkpoint.text, 'w2.example', witnesses[1]!.privateKey, 1_700_000_002),
    );
    const both = checkNoteCheckpoint(checkpoint, { ledgerKey: ledger.publicKey, witnessKeys });
    expect(both.ok).toBe(true);
    expect(both.cosigners.map((c) => c.timestamp)).toEqual([1_700_000_000, 1_700_000_002]);
    const reparsed = parseNoteCheckpoint(formatSignedNote(checkpoint));
    expect(checkNoteCheckpoint(reparsed, { ledgerKey: ledger.publicKey, witnessKeys }).ok).toBe(true);
  });

  it('the wrong ledger key is SIGNATURE_INVALID; so is any altered byte of the text', () => {
    const checkpoint = signCheckpointBody(body, ledger.privateKey);
    const other = generateKeyPairSync('ed25519');
    expect(checkNoteCheckpoint(checkpoint, { ledgerKey: other.publicKey }).signature).toBe('missing');
    const text = formatSignedNote(checkpoint);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: checkpoint.text.length - 2 }), (at) => {
        const original = text[at]!;
        const replacement = original === 'A' ? 'B' : 'A';
        if (original === '\n') return;
        const altered = `${text.slice(0, at)}${replacement}${text.slice(at + 1)}`;
        let verdict: string;
        try {
          verdict = checkNoteCheckpoint(parseNoteCheckpoint(altered), {
            ledgerKey: ledger.publicKey,
          }).signature;
        } catch (error) {
          verdict = (error as { code: string }).code;
        }
        expect(['invalid', 'CHECKPOINT_INVALID']).toContain(verdict);
      }),
    );
  });

  it('a quorum larger than the witnesses given is refused', () => {
    const checkpoint = signCheckpointBody(body, ledger.privateKey);
    expect(() => checkNoteCheckpoint(checkpoint, { ledgerKey: ledger.publicKey, quorum: 1 })).toThrow(
      /quorum of 1/,
    );
  });
});
