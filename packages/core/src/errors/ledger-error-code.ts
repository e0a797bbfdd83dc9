/**
 * Every stable error code perfledger throws, from any package. Match on these, never on
 * messages; a new code is added here first, so the compiler lists every place that must know it.
 *
 * @example
 * ```ts
 * const retryable = (code: LedgerErrorCode) => code === 'CONCURRENCY_CONFLICT' || code === 'LEDGER_BUSY';
 * ```
 */
export type LedgerErrorCode =
  // Commands, arguments and business rules (core)
  | 'VALIDATION_FAILED'
  | 'UNKNOWN_ACTION'
  | 'UNKNOWN_INDICATOR'
  | 'ACTION_CLOSED'
  | 'ACTION_ALREADY_REGISTERED'
  | 'RULE_VIOLATION'
  | 'CONCURRENCY_CONFLICT'
  | 'CLOCK_JUMP'
  // Storage (every engine maps its own failures to these)
  | 'NOT_A_LEDGER'
  | 'SCHEMA_TOO_NEW'
  | 'UNKNOWN_SCHEMA_VERSION'
  | 'LEDGER_BUSY'
  | 'READ_ONLY'
  | 'STORAGE_FULL'
  | 'STORAGE_FAILED'
  // Projections
  | 'PROJECTION_NOT_READY'
  // Integrity: the chain, checkpoints, keys, published reports
  | 'VERIFICATION_FAILED'
  | 'KEY_INVALID'
  | 'FILE_EXISTS'
  | 'CHECKPOINT_INVALID'
  | 'SIGNATURE_INVALID'
  | 'CHECKPOINT_MISMATCH'
  | 'CHAIN_BROKEN'
  | 'REPORT_BASIS_INVALID'
  | 'REPORT_MISMATCH'
  // Output files
  | 'OUTPUT_IS_LEDGER'
  | 'OUTPUT_DIRECTORY_MISSING'
  | 'OUTPUT_IS_DIRECTORY'
  | 'OUTPUT_NOT_A_FILE'
  // Snapshot import (@perfledger/import)
  | 'SNAPSHOT_INVALID'
  | 'INPUT_TOO_LARGE'
  | 'NOT_A_REGULAR_FILE'
  // Committee report input (@perfledger/committee-report)
  | 'COMMITTEE_REPORT_INPUT_INVALID';
