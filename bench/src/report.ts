import { writeFileSync } from 'node:fs';

/** One line of `bench-results.json`: `ratio` is ours / baseline, and higher is better for perfledger. */
export interface BenchResult {
  readonly name: string;
  readonly unit: string;
  readonly ours: number;
  readonly baseline: number;
  readonly ratio: number;
}

/** A result as the table prints it: with its target, if it has one, and what it was measured against. */
export interface BenchRow extends BenchResult {
  /** The lowest acceptable ratio; informational rows have none. */
  readonly target?: number;
  /** What the baseline is ("raw better-sqlite3", "Emmett 0.38.5"). */
  readonly against: string;
  readonly note?: string;
}

/**
 * A row whose unit is a rate (higher is better): ratio = ours / baseline.
 *
 * @example
 * ```ts
 * rateRow('append-batch', 'events/s', 21_000, 60_000, 'raw better-sqlite3', 0.6);
 * ```
 */
export function rateRow(
  name: string,
  unit: string,
  ours: number,
  baseline: number,
  against: string,
  target?: number,
  note?: string,
): BenchRow {
  return {
    name,
    unit,
    ours,
    baseline,
    ratio: baseline > 0 ? ours / baseline : 0,
    against,
    ...(target === undefined ? {} : { target }),
    ...(note === undefined ? {} : { note }),
  };
}

/**
 * A row whose unit is a cost (lower is better, such as MB of memory): its ratio is
 * baseline / ours, so that in every row a higher ratio is better for perfledger.
 */
export function costRow(
  name: string,
  unit: string,
  ours: number,
  baseline: number,
  against: string,
  note?: string,
): BenchRow {
  return {
    name,
    unit,
    ours,
    baseline,
    ratio: ours > 0 ? baseline / ours : 0,
    against,
    ...(note === undefined ? {} : { note }),
  };
}

/** Writes the JSON list: exactly `{ name, unit, ours, baseline, ratio }` per row, rounded sensibly. */
export function writeResults(file: string, rows: readonly BenchRow[]): void {
  const list: BenchResult[] = rows.map((row) => ({
    name: row.name,
    unit: row.unit,
    ours: round(row.ours),
    baseline: round(row.baseline),
    ratio: Math.round(row.ratio * 1000) / 1000,
  }));
  writeFileSync(file, `${JSON.stringify(list, null, 2)}\n`);
}

/** The table: case, unit, ours, baseline, ratio, target, met?, then what each was compared with. */
export function formatTable(rows: readonly BenchRow[]): string {
  const header = ['case', 'unit', 'ours', 'baseline', 'ratio', 'target', 'met?', 'baseline is'];
  const body = rows.map((row) => [
    row.name,
    row.unit,
    formatNumber(row.ours),
    formatNumber(row.baseline),
    row.ratio.toFixed(2),
    row.target === undefined ? '-' : `>= ${row.target}`,
    row.target === undefined ? '-' : row.ratio >= row.target ? 'yes' : 'NO',
    row.against,
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...body.map((cells) => cells[i]!.length)));
  const numeric = new Set([2, 3, 4]);
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ');
  const notes = rows.filter((row) => row.note !== undefined).map((row) => `  ${row.name}: ${row.note}`);
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...body.map(line),
    ...(notes.length > 0 ? ['', 'notes:', ...notes] : []),
  ].join('\n');
}

/** The same rows as a Markdown table, for docs/performance.md. */
export function formatMarkdown(rows: readonly BenchRow[]): string {
  const lines = [
    '| case | unit | ours | baseline | ratio | target | met? | baseline is |',
    '| --- | --- | ---: | ---: | ---: | --- | --- | --- |',
  ];
  for (const row of rows) {
    const target = row.target === undefined ? '–' : `≥ ${row.target}`;
    const met = row.target === undefined ? '–' : row.ratio >= row.target ? 'yes' : '**no**';
    lines.push(
      `| ${row.name} | ${row.unit} | ${formatNumber(row.ours)} | ${formatNumber(row.baseline)} | ${row.ratio.toFixed(2)} | ${target} | ${met} | ${row.against} |`,
    );
  }
  return lines.join('\n');
}

function formatNumber(value: number): string {
  if (value >= 100) return Math.round(value).toLocaleString('en-GB');
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function round(value: number): number {
  return value >= 100 ? Math.round(value) : Math.round(value * 100) / 100;
}
