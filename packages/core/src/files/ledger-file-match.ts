import { closeSync, lstatSync, openSync, readlinkSync, readSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { APPLICATION_ID } from '../store/schema.js';

/**
 * The files SQLite keeps beside a ledger database `plan.db`: `plan.db` itself, then
 * `plan.db-wal`, `plan.db-shm` and `plan.db-journal`, which exist only at some moments.
 *
 * @example
 * ```ts
 * const files = LEDGER_FILE_SUFFIXES.map((suffix) => `plan.db${suffix}`);
 * ```
 */
export const LEDGER_FILE_SUFFIXES = ['', '-wal', '-shm', '-journal'] as const;

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const MAX_SYMLINK_HOPS = 40;

/**
 * The one name a path stands for, whether or not the file exists yet: symbolic links in the
 * last component are followed (a dangling link leads to the name it points at), then the
 * directory is resolved with `realpath`. `./plan.db`, `sub/../plan.db`, `link-to-dir/plan.db`
 * and a symlink to `plan.db` all give the same result.
 *
 * @example
 * ```ts
 * canonicalPath('./reports/../plan.db-wal') === canonicalPath('plan.db-wal'); // true, even if it does not exist
 * ```
 */
export function canonicalPath(path: string): string {
  let current = resolve(path);
  for (let hop = 0; hop < MAX_SYMLINK_HOPS; hop++) {
    let isLink: boolean;
    try {
      isLink = lstatSync(current).isSymbolicLink();
    } catch {
      break;
    }
    if (!isLink) break;
    current = resolve(dirname(current), readlinkSync(current));
  }
  try {
    return join(realpathSync.native(dirname(current)), basename(current));
  } catch {
    return current;
  }
}

/**
 * Two canonical paths name the same file: equal, or in the same directory with names that differ
 * only in case (one file on a case-insensitive file system such as macOS's or Windows's default,
 * and too close to a ledger's name to write on any other).
 */
function sameName(a: string, b: string): boolean {
  return a === b || (dirname(a) === dirname(b) && basename(a).toLowerCase() === basename(b).toLowerCase());
}

/** `device:inode` of the file a path leads to (symlinks followed), or undefined when there is none. */
function inodeOf(path: string): string | undefined {
  try {
    const stats = statSync(path, { bigint: true });
    return `${stats.dev}:${stats.ino}`;
  } catch {
    return undefined;
  }
}

function realpathOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * True when `file` is a regular file that starts like a perfledger database: the SQLite header
 * and perfledger's `application_id`. Devices and FIFOs are never opened.
 *
 * @example
 * ```ts
 * if (isPerfledgerDatabase('plan.db')) console.log('a ledger');
 * ```
 */
export function isPerfledgerDatabase(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    const header = Buffer.alloc(72);
    const fd = openSync(file, 'r');
    try {
      if (readSync(fd, header, 0, header.length, 0) < header.length) return false;
    } finally {
      closeSync(fd);
    }
    return header.subarray(0, 16).equals(SQLITE_HEADER) && header.readUInt32BE(68) === APPLICATION_ID;
  } catch {
    return false;
  }
}

/**
 * Which ledger file writing `target` would replace, or undefined when none. A ledger file is
 * one of {@link LEDGER_FILE_SUFFIXES} beside any database in `ledgerFiles` (whether it exists
 * yet or not), or beside any file that is a perfledger database by its content. The match holds
 * however `target` is spelled: relative or absolute, with `.`, `..` or doubled separators,
 * through symbolic links (to the file or to a directory on the way), or as a hard link (same
 * device and inode). Names that differ from a ledger file's only in case are refused too: on a
 * case-insensitive file system they are the same file.
 *
 * @example
 * ```ts
 * findLedgerFile('./plan.db-wal', ['/data/plan.db']); // '/data/plan.db-wal' when run in /data
 * findLedgerFile('report.md', ['/data/plan.db']); // undefined
 * ```
 */
export function findLedgerFile(target: string, ledgerFiles: readonly string[]): string | undefined {
  const name = canonicalPath(target);
  const inode = inodeOf(target);
  for (const db of ledgerFiles) {
    const bases = new Set([resolve(db), realpathOrSelf(resolve(db))]);
    for (const base of bases) {
      for (const suffix of LEDGER_FILE_SUFFIXES) {
        const file = `${base}${suffix}`;
        if (sameName(canonicalPath(file), name)) return file;
        if (inode !== undefined && inodeOf(file) === inode) return file;
      }
    }
  }
  for (const suffix of LEDGER_FILE_SUFFIXES) {
    const base = name.slice(0, name.length - suffix.length);
    if (name.toLowerCase().endsWith(suffix) && isPerfledgerDatabase(base)) return name;
  }
  return undefined;
}
