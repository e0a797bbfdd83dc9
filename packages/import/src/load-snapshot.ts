import { extname } from 'node:path';
import { ValidationError } from '@perfledger/core';
import { InputTooLargeError } from './input-too-large-error.js';
import type { SnapshotFormat, SnapshotInput } from './parse-snapshot.js';
import { readCsvStream, readCsvTable } from './read-csv-table.js';
import { readJsonTable } from './read-json-table.js';
import { openSnapshotFile, snapshotChunks } from './read-snapshot-bytes.js';
import { SnapshotImportError } from './snapshot-import-error.js';
import { DEFAULT_SNAPSHOT_LIMITS, type SnapshotLimits, snapshotLimitsOf } from './snapshot-limits.js';
import type { SnapshotTable } from './snapshot-table.js';

/** A snapshot file on disk; the format comes from the extension (`.csv`, `.json`) unless given. */
export interface SnapshotFile {
  readonly file: string;
  readonly format?: SnapshotFormat;
}

/** Where a snapshot comes from: a file, or content already in memory. */
export type SnapshotSource = SnapshotFile | SnapshotInput;

/** A snapshot read into a table, with the exact content its idempotency key is computed from. */
export interface ReadSnapshot {
  readonly name: string;
  readonly format: SnapshotFormat;
  readonly table: SnapshotTable;
  /** The text (in-memory sources) or the UTF-8 bytes without a byte-order mark (files). */
  readonly content: string | Uint8Array;
}

function invalidSource(message: string): ValidationError {
  return new ValidationError(`The snapshot source ${message}; nothing was written.`, [
    { path: ['source'], message },
  ]);
}

/** JavaScript callers can pass anything: refuse what is neither a file nor content, by name. */
function checkSource(source: unknown): asserts source is SnapshotSource {
  if (typeof source !== 'object' || source === null || Array.isArray(source)) {
    throw invalidSource('must be { file } or { name, content, format }');
  }
  const { file, name, content, format } = source as Record<string, unknown>;
  if (format !== undefined && format !== 'csv' && format !== 'json')
    throw invalidSource("format must be 'csv' or 'json'");
  if ('content' in source) {
    if (typeof content !== 'string') throw invalidSource('content must be text');
    if (typeof name !== 'string') throw invalidSource('name must be text');
    if (format === undefined) throw invalidSource("format must be 'csv' or 'json'");
  } else if (typeof file !== 'string' || file === '') {
    throw invalidSource('file must be the path of a .csv or .json file');
  }
}

function formatOf(source: SnapshotFile): SnapshotFormat {
  const extension = extname(source.file).toLowerCase();
  const format = source.format ?? (extension === '.csv' ? 'csv' : extension === '.json' ? 'json' : undefined);
  if (format !== undefined) return format;
  throw new SnapshotImportError(source.file, [
    {
      file: source.file,
      row: null,
      column: null,
      value: null,
      message:
        "has no .csv or .json extension; rename it to end in .csv or .json (from the library, the source's format field, { file, format: 'csv' }, also says which)",
    },
  ]);
}

const BOM = [0xef, 0xbb, 0xbf];

function withoutBom(bytes: Buffer): Buffer {
  return BOM.every((byte, index) => bytes[index] === byte) ? bytes.subarray(BOM.length) : bytes;
}

async function readFileSnapshot(source: SnapshotFile, limits: SnapshotLimits): Promise<ReadSnapshot> {
  const { file } = source;
  const format = formatOf(source);
  const handle = await openSnapshotFile(file, limits);
  try {
    const kept: Buffer[] = [];
    const chunks = snapshotChunks(handle, file, format, limits, kept);
    if (format === 'csv') {
      const table = await readCsvStream(file, chunks, limits.maxRows);
      return { name: file, format, table, content: withoutBom(Buffer.concat(kept)) };
    }
    for await (const _ of chunks) {
      // kept collects them: a JSON snapshot within the byte limit is parsed whole
    }
    const content = withoutBom(Buffer.concat(kept));
    const table = readJsonTable(file, content.toString('utf8'), limits.maxRows);
    return { name: file, format, table, content };
  } finally {
    await handle.close();
  }
}

/**
 * Reads a snapshot source into a table within `limits`: a file is streamed (CSV through
 * csv-parse's streaming parser, JSON read in chunks and parsed whole), so memory is bounded by
 * the limits, never by the file; content already in memory is read directly.
 *
 * @throws NotARegularFileError, InputTooLargeError, SnapshotImportError, ValidationError.
 */
export async function readSnapshot(source: SnapshotSource, limits: SnapshotLimits): Promise<ReadSnapshot> {
  checkSource(source);
  if (!('content' in source)) return readFileSnapshot(source, limits);
  const size = Buffer.byteLength(source.content);
  if (size > limits.maxBytes)
    throw new InputTooLargeError(source.name, 'maxBytes', limits.maxBytes, size, true);
  const table =
    source.format === 'json'
      ? readJsonTable(source.name, source.content, limits.maxRows)
      : readCsvTable(source.name, source.content, limits.maxRows);
  return { name: source.name, format: source.format, table, content: source.content };
}

/**
 * Reads a snapshot source into memory as text, within `limits` ({@link DEFAULT_SNAPSHOT_LIMITS}
 * by default). A file must be a regular file (after following symbolic links: not a
 * directory, FIFO or device such as `/dev/zero`), no larger than `maxBytes` (checked from its
 * size before reading, and again while reading), and UTF-8 (with or without a byte-order mark):
 * a spreadsheet saved in a legacy code page would otherwise turn '£' into garbage silently, so
 * it is refused naming the byte offset and line of the first byte that is not UTF-8.
 *
 * @throws NotARegularFileError when the path names a directory, FIFO, device or socket.
 * @throws InputTooLargeError when the file or content is over `limits.maxBytes`.
 * @throws SnapshotImportError when the file cannot be read, is not UTF-8, or has no known format.
 * @throws ValidationError when the source is neither `{ file }` nor `{ name, content, format }`.
 * @example
 * ```ts
 * const input = await loadSnapshot({ file: 'fixtures/q2-2019.csv' }); // { name, content, format: 'csv' }
 * parseSnapshot(input).problems; // []
 * ```
 */
export async function loadSnapshot(
  source: SnapshotSource,
  limits: Partial<SnapshotLimits> = DEFAULT_SNAPSHOT_LIMITS,
): Promise<SnapshotInput> {
  const checked = snapshotLimitsOf(limits);
  checkSource(source);
  if ('content' in source) {
    const size = Buffer.byteLength(source.content);
    if (size > checked.maxBytes)
      throw new InputTooLargeError(source.name, 'maxBytes', checked.maxBytes, size, true);
    return source;
  }
  const { file } = source;
  const format = formatOf(source);
  const handle = await openSnapshotFile(file, checked);
  try {
    const kept: Buffer[] = [];
    for await (const _ of snapshotChunks(handle, file, format, checked, kept)) {
      // kept collects them
    }
    return { name: file, content: withoutBom(Buffer.concat(kept)).toString('utf8'), format };
  } finally {
    await handle.close();
  }
}
