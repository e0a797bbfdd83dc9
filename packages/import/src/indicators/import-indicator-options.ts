/**
 * How to import an indicator snapshot. Only `asOf` is required.
 *
 * @example
 * ```ts
 * const options: ImportIndicatorOptions = { asOf: '2019-06-30', statusKey: 'pentana-indicator', plan: 'Resources Business Plan 2019-22', actor: 'j.smith' };
 * ```
 */
export interface ImportIndicatorOptions {
  /** The date the snapshot is true at; any form `parseUkDate` reads. New indicators are registered on it. */
  readonly asOf: string;
  /** Who is importing; stored on every event. */
  readonly actor?: string;
  /** The status key new indicators are registered with; `pentana-indicator` by default. Existing ones keep theirs. */
  readonly statusKey?: string;
  /** The plan new indicators join when the row has no plan. Never moves an existing indicator. */
  readonly plan?: string;
  /** Called after each indicator has been compared with the ledger, inside the write transaction. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Attempts when another writer changes an indicator between read and append; 3 by default. */
  readonly maxAttempts?: number;
  /** The largest snapshot accepted, in bytes; 64 MiB by default. */
  readonly maxBytes?: number;
  /** The most data rows accepted; 100 000 by default. */
  readonly maxRows?: number;
}
