/**
 * The columns every snapshot must have, in their canonical (normalised) spelling.
 *
 * @example
 * ```ts
 * const header = [...REQUIRED_SNAPSHOT_COLUMNS, ...OPTIONAL_SNAPSHOT_COLUMNS].join(','); // a template's header row
 * ```
 */
export const REQUIRED_SNAPSHOT_COLUMNS = [
  'code',
  'title',
  'directorate',
  'section',
  'stage',
  'due_date',
  'percent_complete',
  'status',
  'comments',
] as const;

/** Columns a snapshot may add. */
export const OPTIONAL_SNAPSHOT_COLUMNS = ['plan', 'owner', 'description'] as const;

/** A snapshot column, in its canonical spelling. */
export type SnapshotColumn =
  | (typeof REQUIRED_SNAPSHOT_COLUMNS)[number]
  | (typeof OPTIONAL_SNAPSHOT_COLUMNS)[number];

// The headings of Pentana's printed action tables (seed 001: "Action Code", "Action Title",
// "Progress", "Status Icon"), so a table pasted from a report needs no renaming.
const ALIASES: Readonly<Record<string, SnapshotColumn>> = {
  action_code: 'code',
  action_title: 'title',
  action_description: 'description',
  progress: 'percent_complete',
  percent: 'percent_complete',
  '%_complete': 'percent_complete',
  comment: 'comments',
  status_icon: 'status',
  due: 'due_date',
};

const CANONICAL: ReadonlySet<string> = new Set([...REQUIRED_SNAPSHOT_COLUMNS, ...OPTIONAL_SNAPSHOT_COLUMNS]);

/**
 * The comparison form of a column header: trimmed, lower-case, with runs of spaces, hyphens
 * and underscores turned into one `_` (a byte-order mark is dropped). So `Due Date`,
 * ` due-date `, `DUE_DATE` and `due__date` are the same column.
 *
 * @example
 * ```ts
 * normalizeHeader(' Percent-Complete '); // 'percent_complete'
 * ```
 */
export function normalizeHeader(header: string): string {
  return header
    .replace(/\uFEFF/g, '')
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * The snapshot column a header names, after {@link normalizeHeader} and a few aliases taken
 * from printed Pentana tables (`Action Code`, `Progress`, `Status Icon`, `Comment`); undefined
 * for any other header.
 *
 * @example
 * ```ts
 * snapshotColumnOf('Action Code'); // 'code'
 * snapshotColumnOf('__proto__'); // undefined
 * ```
 */
export function snapshotColumnOf(header: string): SnapshotColumn | undefined {
  const name = normalizeHeader(header);
  if (CANONICAL.has(name)) return name as SnapshotColumn;
  return Object.hasOwn(ALIASES, name) ? ALIASES[name] : undefined;
}
