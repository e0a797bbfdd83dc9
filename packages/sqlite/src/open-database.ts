import { randomUUID } from 'node:crypto';
import { NotALedgerError, SchemaTooNewError, StorageError } from '@perfledger/core';
import Database from 'better-sqlite3';
import { buildStoredTree, MERKLE_SCHEMA_VERSION } from './merkle-nodes.js';
import { APPLICATION_ID, MIGRATIONS, OLDEST_READABLE_SCHEMA_VERSION, SCHEMA_VERSION } from './schema.js';
import { translateSqliteError } from './sqlite-errors.js';

/**
 * How hard SQLite works to make an acknowledged append survive a crash.
 * - `'full'` (default): synchronous=FULL in WAL mode; an acknowledged append survives a power cut.
 * - `'normal'`: synchronous=NORMAL; survives a process crash, but the last appends before a power
 *   cut may be lost (never corrupted). Several times faster for single-event appends.
 */
export type Durability = 'full' | 'normal';

/** Options for opening the database file. */
export interface OpenDatabaseOptions {
  readonly file: string;
  readonly readonly?: boolean;
  readonly durability?: Durability;
  /** How long to wait for another connection's lock before failing; 5 000 ms by default. */
  readonly busyTimeoutMs?: number;
}

/**
 * Opens (and on first use creates and migrates) a perfledger SQLite file, refusing files that
 * are not perfledger databases or come from a newer schema. A writer migrates an older file on
 * open, every step in one transaction; a read-only handle reads a file from
 * {@link OLDEST_READABLE_SCHEMA_VERSION} on as it is, and never migrates it.
 */
export function openDatabase(options: OpenDatabaseOptions): Database.Database {
  const { file, readonly = false, durability = 'full', busyTimeoutMs = 5_000 } = options;
  let db: Database.Database;
  try {
    db = new Database(file, { readonly, fileMustExist: readonly, timeout: busyTimeoutMs });
  } catch (error) {
    if (readonly && error instanceof Error && /does not exist|unable to open/i.test(error.message)) {
      throw new StorageError(
        'STORAGE_FAILED',
        file,
        `Cannot open '${file}' read-only: the file does not exist.`,
      );
    }
    if (error instanceof TypeError && /directory does not exist/i.test(error.message)) {
      // better-sqlite3 reports a missing directory as a TypeError, before SQLite is involved.
      throw new StorageError(
        'STORAGE_FAILED',
        file,
        `Cannot create '${file}': its directory does not exist.`,
        { cause: error },
      );
    }
    throw translateSqliteError(error, file, busyTimeoutMs);
  }
  try {
    checkAndMigrate(db, file, readonly, busyTimeoutMs);
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`);
    } else {
      db.pragma('query_only = ON');
    }
    return db;
  } catch (error) {
    db.close();
    throw translateSqliteError(error, file, busyTimeoutMs);
  }
}

function checkAndMigrate(
  db: Database.Database,
  file: string,
  readonly: boolean,
  busyTimeoutMs: number,
): void {
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  if (applicationId === 0) {
    const tables = db
      .prepare("SELECT count(*) AS n FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
      .get() as {
      n: number;
    };
    if (tables.n > 0) throw new NotALedgerError(file, 'it is a SQLite database of another application');
    if (readonly) throw new NotALedgerError(file, 'it is empty');
  } else if (applicationId !== APPLICATION_ID) {
    throw new NotALedgerError(file, `its application id is ${applicationId}, not perfledger's`);
  }
  if (version > SCHEMA_VERSION) throw new SchemaTooNewError(file, version, SCHEMA_VERSION);
  if (version === SCHEMA_VERSION) return;
  // Read-only: an older schema that reads alike is read as it is (migrating would write).
  if (readonly && version >= OLDEST_READABLE_SCHEMA_VERSION) return;
  if (readonly) {
    throw new StorageError(
      'READ_ONLY',
      file,
      `'${file}' uses schema version ${version} and must be upgraded to ${SCHEMA_VERSION}; open it once read-write.`,
    );
  }
  try {
    migrate(db);
  } catch (error) {
    const translated = translateSqliteError(error, file, busyTimeoutMs);
    if (translated !== error || version === 0) throw translated;
    throw new StorageError(
      'STORAGE_FAILED',
      file,
      `Upgrading '${file}' from schema version ${version} to ${SCHEMA_VERSION} failed (${error instanceof Error ? error.message : String(error)}); the upgrade was rolled back, so the file is still at version ${version}, unchanged.`,
      { cause: error },
    );
  }
}

/** Runs every migration the file needs, and sets its version, in one write transaction. */
function migrate(db: Database.Database): void {
  db.transaction(() => {
    // Re-read inside the write lock: another process may have initialised the file meanwhile.
    const version = db.pragma('user_version', { simple: true }) as number;
    for (let next = version + 1; next <= SCHEMA_VERSION; next++) {
      const migration = MIGRATIONS[next];
      if (migration === undefined) throw new Error(`perfledger: no migration to schema version ${next}`);
      db.exec(migration);
    }
    if (version < MERKLE_SCHEMA_VERSION) buildStoredTree(db);
    if (version === 0) {
      db.prepare('INSERT INTO ledger_meta (key, value) VALUES (?, ?)').run('origin', randomUUID());
      db.prepare('INSERT INTO ledger_meta (key, value) VALUES (?, ?)').run(
        'createdAt',
        new Date().toISOString(),
      );
    }
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
