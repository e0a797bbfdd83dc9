/**
 * How to import a snapshot. Only `asOf` is required.
 *
 * @example
 * ```ts
 * const options: ImportSnapshotOptions = { asOf: '2019-09-30', statusKey: 'pentana', plan: 'Resources Business Plan 2019-22', actor: 'j.smith' };
 * ```
 */
export interface ImportSnapshotOptions {
  /** The date the snapshot describes ("as of 31 December 2023"); any form {@link parseUkDate} reads. */
  readonly asOf: string;
  /** Who is importing; stored on every event. */
  readonly actor?: string;
  /**
   * The status key new actions are registered with. Omitted: the key the plan's registered
   * actions already use (a plan's key is remembered), else `rag`. Existing actions keep theirs.
   */
  readonly statusKey?: string;
  /** The plan new actions join when the row has no plan. Never moves an existing action. */
  readonly plan?: string;
  /**
   * Called after each row has been compared with the ledger, inside the write transaction:
   * keep it quick. Counting restarts if the import is retried.
   */
  readonly onProgress?: (done: number, total: number) => void;
  /** Attempts when another writer changes an action between read and append; 3 by default. */
  readonly maxAttempts?: number;
  /**
   * The largest snapshot accepted, in bytes; 64 MiB by default ({@link DEFAULT_SNAPSHOT_LIMITS}).
   * A larger file is refused from its size before it is read, and reading stops as soon as a
   * file grows past it, with an {@link InputTooLargeError}. The CLI's `--max-bytes`.
   */
  readonly maxBytes?: number;
  /** The most data rows accepted; 100 000 by default. The CLI's `--max-rows`. */
  readonly maxRows?: number;
}

/** Every key {@link ImportSnapshotOptions} may have: any other is refused by name. */
export const IMPORT_OPTION_KEYS: ReadonlySet<string> = new Set([
  'asOf',
  'actor',
  'statusKey',
  'plan',
  'onProgress',
  'maxAttempts',
  'maxBytes',
  'maxRows',
]);
