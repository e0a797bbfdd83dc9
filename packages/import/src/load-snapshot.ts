import { extname } from 'node:path';
import { ValidationError } from '@perfledger/core';
import { ImportKeyHash, type ImportOptionsIdentity, importIdempotencyKey } from './idempotency-key.js';
import { InputTooLargeError } from './input-too-large-error.js';
import type { SnapshotFormat, SnapshotInput } from './parse-snapshot.js';
import { readCsvStream, readCsvTable } from './read-csv-table.js';
import { readJsonTable } from './read-json-table.js';
import { openSnapshotFile, snapshotChunks, withoutByteOrderMark } from './read-snapshot-bytes.js';
import type { SnapshotColumn } from './snapshot-columns.js';
import { SnapshotImportError } from './snapshot-import-error.js';
import { DEFAULT_SNAPSHOT_LIMITS, type SnapshotLimits, snapshotLimitsOf } from './snapshot-limits.js';
import type { SnapshotTable } from './snapshot-table.js';
import type { TableColumns } from './table-columns.js';

/** A snapshot file on disk; the format comes from the extension (`.csv`, `.json`) unless given. */
export interface SnapshotFile {
  readonly file: string;
  readonly format?: SnapshotFormat;
}

/** Where a snapshot comes from: a file, or content already in memory. */
export type SnapshotSource = SnapshotFile | SnapshotInput;

/** A snapshot read into a table, with the idempotency key of exactly the content it was read from. */
export interface ReadSnapshot<C extends string = SnapshotColumn> {
  readonly name: string;
  readonly format: SnapshotFormat;
  readonly table: SnapshotTable<C>;
  /** {@link importIdempotencyKey} of the text (in-memory sources) or of the UTF-8 bytes without a byte-order mark (files). */
  readonly idempotencyKey: string;
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

/**
 * The one path by which a snapshot file is read: checked to be a regular file within the byte
 * limit, opened, and handed to `read` as UTF-8-checked chunks without a byte-order mark; the
 * file is closed whatever `read` does.
 */
async function readSnapshotFile<T>(
  source: SnapshotFile,
  limits: SnapshotLimits,
  read: (chunks: AsyncIterable<Buffer>, format: SnapshotFormat) => Promise<T>,
): Promise<T> {
  const format = formatOf(source);
  const handle = await openSnapshotFile(source.file, limits);
  try {
    return await read(withoutByteOrderMark(snapshotChunks(handle, source.file, format, limits)), format);
  } finally {
    await handle.close();
  }
}

/** Every chunk as one text: a JSON snapshot within the byte limit is parsed whole. */
async function textOf(chunks: AsyncIterable<Buffer>): Promise<string> {
  const kept: Buffer[] = [];
  for await (const chunk of chunks) kept.push(chunk);
  return Buffer.concat(kept).toString('utf8');
}

/** The chunks, each also added to `key` as it passes. */
async function* hashed(chunks: AsyncIterable<Buffer>, key: ImportKeyHash): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) {
    key.update(chunk);
    yield chunk;
  }
}

function checkContentSize(source: SnapshotInput, limits: SnapshotLimits): void {
  const size = Buffer.byteLength(source.content);
  if (size > limits.maxBytes)
    throw new InputTooLargeError(source.name, 'maxBytes', limits.maxBytes, size, true);
}

/**
 * Reads a snapshot source into a table within `limits`, computing the import's idempotency key
 * as the bytes pass: a CSV file is streamed through csv-parse's streaming parser, so memory is
 * bounded by the rows kept, never by the file; a JSON file is read in chunks and parsed whole
 * (it is within the byte limit); content already in memory is read directly. The same content
 * gives the same key from a file or from memory.
 *
 * @throws NotARegularFileError, InputTooLargeError, SnapshotImportError, ValidationError.
 * @example
 * ```ts
 * const snapshot = await readSnapshot({ file: 'q2.csv' }, DEFAULT_SNAPSHOT_LIMITS, { asOf: '2019-09-30', statusKey: 'rag', plan: undefined, actor: undefined }, SNAPSHOT_TABLE_COLUMNS);
 * snapshot.table.records.length; // 15
 * ```
 */
export async function readSnapshot<C extends string>(
  source: SnapshotSource,
  limits: SnapshotLimits,
  identity: Omit<ImportOptionsIdentity, 'format'>,
  known: TableColumns<C>,
): Promise<ReadSnapshot<C>> {
  checkSource(source);
  if ('content' in source) {
    checkContentSize(source, limits);
    const { name, content, format } = source;
    const table =
      format === 'json'
        ? readJsonTable(name, content, limits.maxRows, known)
        : readCsvTable(name, content, limits.maxRows, known);
    return { name, format, table, idempotencyKey: importIdempotencyKey({ ...identity, format, content }) };
  }
  const name = source.file;
  return readSnapshotFile(source, limits, async (chunks, format) => {
    const key = new ImportKeyHash({ ...identity, format });
    const table =
      format === 'csv'
        ? await readCsvStream(name, hashed(chunks, key), limits.maxRows, known)
        : readJsonTable(name, await textOf(hashed(chunks, key)), limits.maxRows, known);
    return { name, format, table, idempotencyKey: key.digest() };
  });
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
    checkContentSize(source, checked);
    return source;
  }
  const name = source.file;
  return readSnapshotFile(source, checked, async (chunks, format) => ({
    name,
    content: await textOf(chunks),
    format,
  }));
}
