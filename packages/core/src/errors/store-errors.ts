import { LedgerError } from './ledger-error.js';

/**
 * The file exists but is not a perfledger database (another SQLite database, or not SQLite at all).
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof NotALedgerError) console.error(`${e.file} is not a perfledger ledger`); }
 * ```
 */
export class NotALedgerError extends LedgerError {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super('NOT_A_LEDGER', `'${file}' is not a perfledger database: ${reason}.`);
  }
}

/**
 * The database was written by a newer perfledger whose schema this version cannot read safely.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof SchemaTooNewError) console.error(`upgrade perfledger to read schema ${e.found}`); }
 * ```
 */
export class SchemaTooNewError extends LedgerError {
  constructor(
    readonly file: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      'SCHEMA_TOO_NEW',
      `'${file}' uses perfledger schema version ${found}; this version supports up to ${supported}. Upgrade perfledger to open it.`,
    );
  }
}

/**
 * Another connection held the database lock for longer than the configured busy timeout.
 *
 * @example
 * ```ts
 * openLedger({ file, busyTimeoutMs: 30_000 }); // wait longer before LedgerBusyError
 * ```
 */
export class LedgerBusyError extends LedgerError {
  constructor(
    readonly file: string,
    readonly timeoutMs: number,
    options?: { cause?: unknown },
  ) {
    super(
      'LEDGER_BUSY',
      `'${file}' stayed locked by another connection for more than ${timeoutMs} ms; nothing was written.`,
      options,
    );
  }
}

/**
 * A write was refused by the storage: a read-only handle or file, or a full disk. Nothing was written.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof StorageError && e.code === 'STORAGE_FULL') alertOps(); }
 * ```
 */
export class StorageError extends LedgerError {
  constructor(
    code: 'READ_ONLY' | 'STORAGE_FULL' | 'STORAGE_FAILED',
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}

/**
 * A stored event has a schema version no upcaster can bring to the current shape.
 *
 * @example
 * ```ts
 * openLedger({ file, upcasters: [myUpcaster] }); // register the missing step
 * ```
 */
export class UnknownSchemaVersionError extends LedgerError {
  constructor(
    readonly eventType: string,
    readonly schemaVersion: number,
    readonly currentVersion: number,
  ) {
    super(
      'UNKNOWN_SCHEMA_VERSION',
      `No upcaster turns ${eventType} schema version ${schemaVersion} into version ${currentVersion}.`,
    );
  }
}
