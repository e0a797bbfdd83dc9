import type { Stats } from 'node:fs';

/**
 * What a path names, in words, for a message about something that is not a regular file.
 *
 * @example
 * ```ts
 * fileKind(statSync('/dev/zero')); // 'a character device'
 * ```
 */
export function fileKind(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}
