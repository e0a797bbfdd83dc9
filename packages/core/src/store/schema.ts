/**
 * `PRAGMA application_id` of every perfledger SQLite database: "PFLG" in ASCII. Core keeps it
 * (rather than the SQLite engine) because its file checks (`isPerfledgerDatabase`,
 * `findLedgerFile`) recognise a ledger file by its header without opening it.
 *
 * @example
 * ```ts
 * header.readUInt32BE(68) === APPLICATION_ID; // a perfledger SQLite file
 * ```
 */
export const APPLICATION_ID = 0x50464c47;

/**
 * The hash that precedes the first event, on every engine.
 *
 * @example
 * ```ts
 * const first = eventHash(GENESIS_HASH, fields);
 * ```
 */
export const GENESIS_HASH = '0'.repeat(64);
