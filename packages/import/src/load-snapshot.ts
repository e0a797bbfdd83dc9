import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { ValidationError } from '@perfledger/core';
import type { SnapshotFormat, SnapshotInput } from './parse-snapshot.js';
import { SnapshotImportError } from './snapshot-import-error.js';

/** A snapshot file on disk; the format comes from the extension (`.csv`, `.json`) unless given. */
export interface SnapshotFile {
  readonly file: string;
  readonly format?: SnapshotFormat;
}

/** Where a snapshot comes from: a file, or content already in memory. */
export type SnapshotSource = SnapshotFile | SnapshotInput;

function unreadable(file: string, message: string, cause?: unknown): SnapshotImportError {
  return new SnapshotImportError(file, [{ file, row: null, column: null, value: null, message }], { cause });
}

function invalidSource(message: string): ValidationError {
  return new ValidationError(`The snapshot source ${message}; nothing was written.`, [
    { path: ['source'], message },
  ]);
}

/** JavaScript callers can pass anything: refuse what is neither a file nor content, by name. */
function checkSource(source: unknown): void {
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

/**
 * Reads a snapshot source into memory. A file must be UTF-8 (with or without a byte-order
 * mark): a spreadsheet saved in a legacy code page would otherwise turn '£' into garbage
 * silently, so it is refused with advice instead.
 *
 * @throws SnapshotImportError when the file cannot be read, is not UTF-8, or has no known format.
 * @throws ValidationError when the source is neither `{ file }` nor `{ name, content, format }`.
 * @example
 * ```ts
 * const input = loadSnapshot({ file: 'fixtures/q2-2019.csv' }); // { name, content, format: 'csv' }
 * parseSnapshot(input).problems; // []
 * ```
 */
export function loadSnapshot(source: SnapshotSource): SnapshotInput {
  checkSource(source);
  if ('content' in source) return source;
  const { file } = source;
  const extension = extname(file).toLowerCase();
  const format = source.format ?? (extension === '.csv' ? 'csv' : extension === '.json' ? 'json' : undefined);
  if (format === undefined) {
    throw unreadable(file, `has no .csv or .json extension; pass the format explicitly`);
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw unreadable(file, `cannot be read: ${reason}`, error);
  }
  let content: string;
  try {
    content = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw unreadable(
      file,
      "is not UTF-8 text; save it as 'CSV UTF-8' (or UTF-8 JSON) and import again",
      error,
    );
  }
  return { name: file, content, format };
}
