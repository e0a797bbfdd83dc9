import { ValidationError, type ValidationIssue } from '../errors/index.js';
import type { Projection, ProjectionColumn, ProjectionIndex, ProjectionTable } from './projection.js';

const NAME = /^[a-z][a-z0-9_]*$/;
const COLUMN_TYPES = new Set(['text', 'integer', 'real', 'scalar']);
/** Tables of the ledger itself, which no projection may declare. */
const RESERVED = new Set(['events', 'ledger_meta', 'projection_checkpoints', 'ledger_head']);

/**
 * Checks a list of projection declarations before any table is touched: unique names and
 * versions, and tables whose columns, keys and indexes name real columns, unique across every
 * projection. Throws one {@link ValidationError} listing every problem.
 *
 * @example
 * ```ts
 * validateProjections([quarterEndProjection, slippageProjection]);
 * ```
 */
export function validateProjections(projections: readonly Projection[]): void {
  if (!Array.isArray(projections)) {
    throw new ValidationError('projections must be a list of projections.', [
      { path: ['projections'], message: 'must be a list' },
    ]);
  }
  const issues: ValidationIssue[] = [];
  const names = new Set<string>();
  const tables = new Set<string>();
  projections.forEach((projection, p) => {
    const at = (...path: (string | number)[]) => ['projections', p, ...path];
    if (typeof projection !== 'object' || projection === null) {
      issues.push({ path: at(), message: 'must be a projection declaration' });
      return;
    }
    if (typeof projection.name !== 'string' || !NAME.test(projection.name) || names.has(projection.name)) {
      issues.push({
        path: at('name'),
        message: `'${String(projection.name)}' must be unique, lowercase letters, digits and _`,
      });
    }
    names.add(projection.name);
    if (!Number.isSafeInteger(projection.version) || projection.version < 1) {
      issues.push({ path: at('version'), message: 'must be a positive whole number' });
    }
    if (typeof projection.rows !== 'function')
      issues.push({ path: at('rows'), message: 'must be a function' });
    if (!Array.isArray(projection.tables)) {
      issues.push({ path: at('tables'), message: 'must be a list of table declarations' });
      return;
    }
    (projection.tables as readonly ProjectionTable[]).forEach((table, t) => {
      const where = (...path: (string | number)[]) => at('tables', t, ...path);
      if (
        typeof table?.name !== 'string' ||
        !NAME.test(table.name) ||
        tables.has(table.name) ||
        RESERVED.has(table.name)
      ) {
        issues.push({
          path: where('name'),
          message: `'${String(table?.name)}' must be unique, not a ledger table, lowercase letters, digits and _`,
        });
      }
      tables.add(table?.name);
      const columns = new Set<string>();
      if (!Array.isArray(table?.columns) || table.columns.length === 0) {
        issues.push({ path: where('columns'), message: 'must be a non-empty list of columns' });
        return;
      }
      (table.columns as readonly ProjectionColumn[]).forEach((column, c) => {
        if (typeof column?.name !== 'string' || !NAME.test(column.name) || columns.has(column.name)) {
          issues.push({
            path: where('columns', c, 'name'),
            message: 'must be unique, lowercase letters, digits and _',
          });
        }
        if (!COLUMN_TYPES.has(column?.type)) {
          issues.push({
            path: where('columns', c, 'type'),
            message: "must be 'text', 'integer', 'real' or 'scalar'",
          });
        }
        columns.add(column?.name);
      });
      const known = (list: unknown, path: (string | number)[]) => {
        if (!Array.isArray(list) || list.length === 0) {
          issues.push({ path, message: 'must be a non-empty list of column names' });
          return;
        }
        for (const name of list)
          if (!columns.has(name)) issues.push({ path, message: `'${String(name)}' is not a column` });
      };
      known(table.primaryKey, where('primaryKey'));
      (table.unique ?? []).forEach((key: readonly string[], u: number) => known(key, where('unique', u)));
      (table.indexes ?? []).forEach((index: ProjectionIndex, i: number) => {
        if (typeof index?.name !== 'string' || !NAME.test(index.name)) {
          issues.push({
            path: where('indexes', i, 'name'),
            message: 'must be lowercase letters, digits and _',
          });
        }
        known(index?.columns, where('indexes', i, 'columns'));
        for (const [column, value] of Object.entries(index?.where ?? {})) {
          if (!columns.has(column) || typeof value !== 'string') {
            issues.push({
              path: where('indexes', i, 'where', column),
              message: 'must name a column and a text value',
            });
          }
        }
      });
    });
  });
  if (issues.length > 0) {
    const summary = issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ValidationError(`The projections are invalid: ${summary}`, issues);
  }
}
