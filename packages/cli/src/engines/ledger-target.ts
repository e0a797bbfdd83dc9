import { resolve } from 'node:path';
import { UsageError } from '../usage-error.js';

/** The ledger a PostgreSQL database holds when `--ledger` is not given. */
export const DEFAULT_LEDGER = 'default';

/** What a PostgreSQL ledger may be called: a lower-case letter, then up to 39 letters, digits or `_`. */
const LEDGER_NAME = /^[a-z][a-z0-9_]{0,39}$/;

/** A `--db` value that names a PostgreSQL server rather than a file. */
const POSTGRES_URL = /^postgres(?:ql)?:\/\//i;

/**
 * Where a command's ledger is: a SQLite file (one file, one ledger), or one named ledger in a
 * PostgreSQL database. `label` names it for messages and never holds a password.
 */
export type LedgerTarget =
  | { readonly engine: 'sqlite'; readonly file: string; readonly label: string }
  | {
      readonly engine: 'postgres';
      readonly connectionString: string;
      readonly ledger: string;
      readonly label: string;
    };

/** True when `value` is a `postgres://` or `postgresql://` URL. */
export function isPostgresUrl(value: string): boolean {
  return POSTGRES_URL.test(value);
}

/**
 * Reads a `--db`-style value: a `postgres://` or `postgresql://` URL is a PostgreSQL database
 * (with `ledger` choosing the ledger in it), anything else a SQLite file path relative to `cwd`
 * (`ledger` is then ignored: a file holds one ledger).
 *
 * @param flag - The flag the value came from, for messages (`--db`, `--from`).
 * @param ledgerFlag - The flag `ledger` came from (`--ledger`, `--from-ledger`).
 * @throws UsageError for an empty value, a URL that does not parse, or a ledger name PostgreSQL
 *   cannot take.
 */
export function ledgerTarget(
  value: string,
  ledger: string,
  cwd: string,
  flag = '--db',
  ledgerFlag = '--ledger',
): LedgerTarget {
  if (value.trim() === '') throw new UsageError(`${flag} must name a SQLite file or a postgres:// URL.`);
  if (!isPostgresUrl(value)) {
    const file = resolve(cwd, value);
    return { engine: 'sqlite', file, label: file };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(
      `${flag} ${redactUrl(value)} is not a valid PostgreSQL URL (postgres://user@host:port/database).`,
    );
  }
  if (!LEDGER_NAME.test(ledger)) {
    throw new UsageError(
      `${ledgerFlag} must be a lower-case letter followed by up to 39 lower-case letters, digits or '_', not '${ledger}'.`,
    );
  }
  return {
    engine: 'postgres',
    connectionString: value,
    ledger,
    label: `${redactUrl(url.href)} (ledger ${ledger})`,
  };
}

/**
 * A URL fit to print: its password (in the authority, or a `password` query parameter) replaced
 * by `***`. Text that is not a URL is returned with anything that looks like a password in a
 * URL replaced the same way.
 *
 * @example
 * ```ts
 * redactUrl('postgres://writer:s3cret@db:5432/perfledger'); // 'postgres://writer:***@db:5432/perfledger'
 * ```
 */
export function redactUrl(text: string): string {
  return text
    .replace(/([a-z][a-z0-9+.-]*:\/\/[^/?#@\s:]*:)[^@\s]*@/gi, '$1***@')
    .replace(/([?&]password=)[^&#\s]*/gi, '$1***');
}

/**
 * The passwords in the database URLs a run was given (its arguments and `PERFLEDGER_DB`), so
 * that error output can be scrubbed of them wherever they appear (a driver may quote them).
 */
export function passwordsIn(values: readonly (string | undefined)[]): string[] {
  const passwords = new Set<string>();
  for (const value of values) {
    if (value === undefined) continue;
    for (const candidate of value.match(/postgres(?:ql)?:\/\/\S+/gi) ?? []) {
      try {
        const url = new URL(candidate);
        if (url.password !== '') {
          passwords.add(url.password);
          passwords.add(decodeURIComponent(url.password));
        }
        const query = url.searchParams.get('password');
        if (query) passwords.add(query);
      } catch {
        // Not a URL after all: the pattern-based redaction still applies.
      }
    }
  }
  return [...passwords].filter((p) => p.length > 0);
}

/** `text` with every URL password and every one of `passwords` replaced by `***`. */
export function scrubSecrets(text: string, passwords: readonly string[]): string {
  let scrubbed = redactUrl(text);
  for (const password of passwords) scrubbed = scrubbed.split(password).join('***');
  return scrubbed;
}
