import { IntegrityError } from '../integrity-error.js';

/**
 * One signature line of a signed note (C2SP `signed-note`): `— <name> base64(keyId || signature)`.
 *
 * @example
 * ```ts
 * const line: NoteSignature = { name: 'perfledger/0f8e…', keyId: 0x1a2b3c4d, signature: new Uint8Array(64) };
 * ```
 */
export interface NoteSignature {
  /** The key name: non-empty, without spaces or `+`. */
  readonly name: string;
  /** The 32-bit key id, the first four bytes of the decoded signature (big-endian). */
  readonly keyId: number;
  /** The signature bytes after the key id. */
  readonly signature: Uint8Array;
}

/**
 * A parsed signed note: the signed text (ending in a newline) and its signature lines, in order.
 *
 * @example
 * ```ts
 * const note: SignedNote = parseSignedNote(text);
 * console.log(note.text, note.signatures.length);
 * ```
 */
export interface SignedNote {
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

/**
 * The most signature lines a note may carry; the specification asks readers to accept at least 16.
 *
 * @example
 * ```ts
 * if (lines.length > MAX_NOTE_SIGNATURES) throw new Error('too many signatures');
 * ```
 */
export const MAX_NOTE_SIGNATURES = 100;

const EM_DASH = '\u2014';
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
// Control characters other than newline; the note format forbids them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the format forbids exactly these characters.
const CONTROL = /[\u0000-\u0009\u000b-\u001f]/;

/**
 * Parses a signed note strictly (C2SP `signed-note`): the text, ending in a newline, then a blank
 * line, then one or more signature lines, each ending in a newline. The text is separated from the
 * signatures by the last blank line.
 *
 * @throws IntegrityError `CHECKPOINT_INVALID` naming `label` and the first problem found.
 * @example
 * ```ts
 * const note = parseSignedNote(readFileSync('checkpoint.txt', 'utf8'), "Checkpoint 'checkpoint.txt'");
 * ```
 */
export function parseSignedNote(input: string | Uint8Array, label = 'The note'): SignedNote {
  const fail = (problem: string): never => {
    throw new IntegrityError('CHECKPOINT_INVALID', `${label} is not a valid signed note: ${problem}.`);
  };
  const text = typeof input === 'string' ? input : decodeUtf8(input, fail);
  if (text.includes('\r')) fail('it contains a carriage return (lines must end in a bare newline)');
  if (CONTROL.test(text)) fail('it contains a control character other than newline');
  if (!text.endsWith('\n')) fail('it does not end in a newline');
  const split = text.lastIndexOf('\n\n');
  if (split < 0) fail('there is no blank line between the text and the signatures');
  const body = text.slice(0, split + 1);
  if (body.length === 0) fail('the text before the signatures is empty');
  const lines = text.slice(split + 2, -1).split('\n');
  if (lines.length === 1 && lines[0] === '') fail('it has no signature lines');
  if (lines.length > MAX_NOTE_SIGNATURES) {
    fail(`it has ${lines.length} signature lines, more than the ${MAX_NOTE_SIGNATURES} accepted`);
  }
  const signatures = lines.map((line, index) => parseSignatureLine(line, index + 1, fail));
  return Object.freeze({ text: body, signatures: Object.freeze(signatures) });
}

/**
 * Parses one signature line (without its newline), such as a witness's reply line.
 *
 * @throws IntegrityError `CHECKPOINT_INVALID` naming the line.
 * @example
 * ```ts
 * const signature = parseNoteSignatureLine('— witness.example/w1 jWbPPwAAAABk…');
 * ```
 */
export function parseNoteSignatureLine(line: string): NoteSignature {
  return parseSignatureLine(line, 1, (problem) => {
    throw new IntegrityError('CHECKPOINT_INVALID', `Not a note signature line: ${problem}.`);
  });
}

/**
 * Formats a note: its text, a blank line, and one line per signature.
 *
 * @throws IntegrityError `CHECKPOINT_INVALID` when the text does not end in a newline, a name is
 *   not a valid key name, or there is no signature.
 * @example
 * ```ts
 * writeFileSync('checkpoint.txt', formatSignedNote({ text, signatures: [signature] }));
 * ```
 */
export function formatSignedNote(note: SignedNote): string {
  if (!note.text.endsWith('\n') || note.text.length === 0) {
    throw new IntegrityError('CHECKPOINT_INVALID', 'A note text must be non-empty and end in a newline.');
  }
  if (note.signatures.length === 0) {
    throw new IntegrityError('CHECKPOINT_INVALID', 'A signed note needs at least one signature.');
  }
  return `${note.text}\n${note.signatures.map((s) => `${formatNoteSignature(s)}\n`).join('')}`;
}

/**
 * One signature line, without its newline: `— <name> base64(keyId || signature)`.
 *
 * @throws IntegrityError `CHECKPOINT_INVALID` when the name is not a valid key name.
 * @example
 * ```ts
 * io.stdout(`${formatNoteSignature(cosignature)}\n`);
 * ```
 */
export function formatNoteSignature(signature: NoteSignature): string {
  checkKeyName(signature.name, (problem) => {
    throw new IntegrityError('CHECKPOINT_INVALID', `Not a valid key name: ${problem}.`);
  });
  const bytes = Buffer.alloc(4 + signature.signature.length);
  bytes.writeUInt32BE(signature.keyId >>> 0, 0);
  Buffer.from(signature.signature).copy(bytes, 4);
  return `${EM_DASH} ${signature.name} ${bytes.toString('base64')}`;
}

/**
 * Checks a key name: non-empty, no Unicode space, no `+`.
 *
 * @throws IntegrityError `CHECKPOINT_INVALID` naming the problem.
 * @example
 * ```ts
 * assertKeyName('witness.example/w1');
 * ```
 */
export function assertKeyName(name: string): void {
  checkKeyName(name, (problem) => {
    throw new IntegrityError('CHECKPOINT_INVALID', `Not a valid key name: ${problem}.`);
  });
}

function checkKeyName(name: string, fail: (problem: string) => never): void {
  if (name.length === 0) fail('the key name is empty');
  if (/\s/u.test(name)) fail(`the key name ${JSON.stringify(name)} contains a space`);
  if (name.includes('+')) fail(`the key name ${JSON.stringify(name)} contains '+'`);
  if (name.includes(EM_DASH)) fail(`the key name ${JSON.stringify(name)} contains an em dash`);
}

function parseSignatureLine(line: string, number: number, fail: (problem: string) => never): NoteSignature {
  const at = `signature line ${number}`;
  if (!line.startsWith(`${EM_DASH} `)) fail(`${at} does not start with an em dash and a space`);
  const rest = line.slice(2);
  const space = rest.lastIndexOf(' ');
  if (space < 0) fail(`${at} has no key name and signature separated by a space`);
  const name = rest.slice(0, space);
  const encoded = rest.slice(space + 1);
  checkKeyName(name, (problem) => fail(`${at}: ${problem}`));
  if (!BASE64.test(encoded) || encoded.length % 4 !== 0) fail(`${at}: the signature is not base64`);
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.toString('base64') !== encoded) fail(`${at}: the signature is not canonical base64`);
  if (bytes.length < 5) fail(`${at}: the signature has no bytes after its 4-byte key id`);
  return Object.freeze({
    name,
    keyId: bytes.readUInt32BE(0),
    signature: new Uint8Array(bytes.subarray(4)),
  });
}

function decodeUtf8(bytes: Uint8Array, fail: (problem: string) => never): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return fail('it is not valid UTF-8');
  }
}
