import { dirname } from 'node:path';
import { OutputFileError } from './output-file-error.js';

/** The `code` of a Node file-system error, or undefined. */
export function errnoOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** `FILE_EXISTS` for `file`, saying how to replace it on purpose. */
export function fileExistsError(file: string, isLink: boolean, cause?: unknown): OutputFileError {
  const what = isLink
    ? ' (a symbolic link: only the link itself would be replaced, never what it points to)'
    : '';
  return new OutputFileError(
    'FILE_EXISTS',
    file,
    `'${file}' already exists${what}; it was not overwritten. Choose another path, or pass --force (force: true from code) to replace it.`,
    cause === undefined ? undefined : { cause },
  );
}

/**
 * The typed error for a Node file-system error met while writing `file`. An
 * {@link OutputFileError} is returned unchanged; an error that is not a file-system error (a
 * programming error, such as data of the wrong type) is rethrown as it is.
 */
export function toOutputFileError(error: unknown, file: string): OutputFileError {
  if (error instanceof OutputFileError) return error;
  const code = errnoOf(error);
  if (code === undefined || !/^E[A-Z]+$/.test(code)) throw error;
  const options = { cause: error };
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new OutputFileError(
        'STORAGE_FULL',
        file,
        `Cannot write '${file}': ${code === 'EDQUOT' ? 'the disk quota is used up' : 'the disk is full'} (${code}). Nothing was written; free some space and run the command again.`,
        options,
      );
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new OutputFileError(
        'READ_ONLY',
        file,
        `Cannot write '${file}': ${code === 'EROFS' ? 'the file system is read-only' : 'permission denied'} (${code}). Nothing was written; choose a directory you can write to, or fix its permissions.`,
        options,
      );
    case 'ENOENT':
    case 'ENOTDIR':
      return directoryMissingError(file, code, options);
    case 'EISDIR':
      return isDirectoryError(file, options);
    case 'EEXIST':
      return fileExistsError(file, false, error);
    default:
      return new OutputFileError(
        'STORAGE_FAILED',
        file,
        `Cannot write '${file}': ${error instanceof Error ? error.message : String(error)}. Nothing was written.`,
        options,
      );
  }
}

/** `OUTPUT_DIRECTORY_MISSING`: the directory `file` would go in does not exist (or is a file). */
export function directoryMissingError(
  file: string,
  code: string | undefined,
  options?: { cause?: unknown },
): OutputFileError {
  const dir = dirname(file);
  const why =
    code === 'ENOTDIR'
      ? `part of the path '${dir}' is not a directory`
      : `the directory '${dir}' does not exist`;
  return new OutputFileError(
    'OUTPUT_DIRECTORY_MISSING',
    file,
    `Cannot write '${file}': ${why}. Nothing was written; create the directory first, or choose another path.`,
    options,
  );
}

/** `OUTPUT_IS_DIRECTORY`: `file` names a directory. */
export function isDirectoryError(file: string, options?: { cause?: unknown }): OutputFileError {
  return new OutputFileError(
    'OUTPUT_IS_DIRECTORY',
    file,
    `Cannot write '${file}': it is a directory. Nothing was written; give the path of a file (inside it, for example).`,
    options,
  );
}
