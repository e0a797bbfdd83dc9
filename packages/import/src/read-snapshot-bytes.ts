import { constants, type Stats } from 'node:fs';
import { type FileHandle, open, stat } from 'node:fs/promises';
import { fileKind } from '@perfledger/core';
import { InputTooLargeError } from './input-too-large-error.js';
import { NotARegularFileError } from './not-a-regular-file-error.js';
import type { SnapshotFormat } from './parse-snapshot.js';
import { SnapshotImportError } from './snapshot-import-error.js';
import type { SnapshotLimits } from './snapshot-limits.js';
import { firstInvalidUtf8, incompleteTail } from './utf8-position.js';

const CHUNK_BYTES = 256 * 1024;

function unreadable(file: string, message: string, cause?: unknown): SnapshotImportError {
  return new SnapshotImportError(file, [{ file, row: null, column: null, value: null, message }], { cause });
}

function cannotRead(file: string, error: unknown): SnapshotImportError {
  const reason = error instanceof Error ? error.message : String(error);
  return unreadable(file, `cannot be read: ${reason}`, error);
}

function checkRegular(file: string, stats: Stats, limits: SnapshotLimits): void {
  if (!stats.isFile()) throw new NotARegularFileError(file, fileKind(stats));
  if (stats.size > limits.maxBytes)
    throw new InputTooLargeError(file, 'maxBytes', limits.maxBytes, stats.size, true);
}

/**
 * Opens a snapshot file for reading after checking, by its size, that it is within the byte
 * limit and, after following symbolic links, that it is a regular file (not a directory, FIFO,
 * device or socket). The check is repeated on the open descriptor, so a path swapped in
 * between is caught too; the open never blocks on a FIFO.
 *
 * @throws NotARegularFileError, InputTooLargeError, SnapshotImportError (cannot be read).
 * @example
 * ```ts
 * const handle = await openSnapshotFile('q2.csv', { maxBytes: 1_000_000, maxRows: 1_000 });
 * await handle.close();
 * ```
 */
export async function openSnapshotFile(file: string, limits: SnapshotLimits): Promise<FileHandle> {
  try {
    checkRegular(file, await stat(file), limits);
  } catch (error) {
    if (error instanceof NotARegularFileError || error instanceof InputTooLargeError) throw error;
    throw cannotRead(file, error);
  }
  let handle: FileHandle;
  try {
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw cannotRead(file, error);
  }
  try {
    checkRegular(file, await handle.stat(), limits);
    return handle;
  } catch (error) {
    await handle.close();
    if (error instanceof NotARegularFileError || error instanceof InputTooLargeError) throw error;
    throw cannotRead(file, error);
  }
}

function countLines(bytes: Uint8Array, end = bytes.length): number {
  let lines = 0;
  for (let at = bytes.indexOf(0x0a); at !== -1 && at < end; at = bytes.indexOf(0x0a, at + 1)) lines++;
  return lines;
}

function notUtf8(
  file: string,
  format: SnapshotFormat,
  offset: number,
  line: number,
  byte: number | undefined,
) {
  const shown =
    byte === undefined
      ? 'ends inside a character'
      : `holds the byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return new SnapshotImportError(file, [
    {
      file,
      row: format === 'csv' ? line : null,
      column: null,
      value: null,
      message:
        `is not UTF-8 text: byte offset ${offset} (line ${line}) ${shown}, which is not valid UTF-8 there; ` +
        `save it as 'CSV UTF-8' (or UTF-8 JSON) and import again`,
    },
  ]);
}

/**
 * Reads an open snapshot file chunk by chunk, counting bytes (reading stops one byte past
 * `maxBytes`, whatever the file claimed its size to be) and checking as it goes that the bytes
 * are UTF-8, naming the byte offset and line of the first byte that is not (for CSV the line is
 * also the problem's row: the spreadsheet row unless an earlier quoted cell holds a line break,
 * which cannot be known without parsing bytes that are not text). Nothing is kept: memory holds
 * one chunk.
 *
 * @throws InputTooLargeError when the file grows past `maxBytes` while it is read.
 * @throws SnapshotImportError when a byte is not UTF-8 or the file cannot be read.
 * @example
 * ```ts
 * const handle = await openSnapshotFile('q2.csv', DEFAULT_SNAPSHOT_LIMITS);
 * for await (const chunk of snapshotChunks(handle, 'q2.csv', 'csv', DEFAULT_SNAPSHOT_LIMITS)) hash.update(chunk);
 * ```
 */
export async function* snapshotChunks(
  handle: FileHandle,
  file: string,
  format: SnapshotFormat,
  limits: SnapshotLimits,
): AsyncGenerator<Buffer> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let total = 0;
  let lines = 0;
  let previous: Buffer = Buffer.alloc(0);
  for (;;) {
    const wanted = Math.min(CHUNK_BYTES, limits.maxBytes + 1 - total);
    let chunk = Buffer.allocUnsafe(wanted);
    let bytesRead: number;
    try {
      ({ bytesRead } = await handle.read(chunk, 0, wanted, null));
    } catch (error) {
      throw cannotRead(file, error);
    }
    if (bytesRead === 0) break;
    chunk = bytesRead < wanted ? Buffer.from(chunk.subarray(0, bytesRead)) : chunk;
    total += bytesRead;
    if (total > limits.maxBytes)
      throw new InputTooLargeError(file, 'maxBytes', limits.maxBytes, total, false);
    try {
      decoder.decode(chunk, { stream: true });
    } catch {
      // Locate the first bad byte exactly, from the start of the sequence the last chunk left open.
      const tail = incompleteTail(previous);
      const joined = Buffer.concat([previous.subarray(previous.length - tail), chunk]);
      const at = Math.max(0, firstInvalidUtf8(joined, true));
      const offset = total - bytesRead - tail + at;
      const line = lines + 1 + countLines(joined, at); // an open sequence holds no line break
      throw notUtf8(file, format, offset, line, joined[at]);
    }
    lines += countLines(chunk);
    previous = chunk;
    yield chunk;
  }
  try {
    decoder.decode();
  } catch {
    const tail = incompleteTail(previous);
    throw notUtf8(file, format, total - tail, lines + 1, undefined);
  }
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * The chunks without a leading UTF-8 byte-order mark (spreadsheets write one when saving
 * "CSV UTF-8"), wherever the chunks happen to split it.
 *
 * @example
 * ```ts
 * for await (const chunk of withoutByteOrderMark(snapshotChunks(handle, file, 'csv', limits))) parser.write(chunk);
 * ```
 */
export async function* withoutByteOrderMark(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let start = Buffer.alloc(0);
  let decided = false;
  for await (const chunk of chunks) {
    if (decided) {
      yield chunk;
      continue;
    }
    start = Buffer.concat([start, chunk]);
    if (start.length < BOM.length && BOM.subarray(0, start.length).equals(start)) continue;
    decided = true;
    const rest = start.subarray(0, BOM.length).equals(BOM) ? start.subarray(BOM.length) : start;
    if (rest.length > 0) yield rest;
  }
  if (!decided && start.length > 0) yield start;
}
