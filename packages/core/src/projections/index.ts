export type { Checkpoint } from './checkpoint.js';
export {
  LedgerProjections,
  type ProjectionStatus,
  type RunOptions,
} from './ledger-projections.js';
export type { ProgressCallback, ProjectionProgress } from './progress.js';
export type {
  Projection,
  ProjectionColumn,
  ProjectionColumnType,
  ProjectionIndex,
  ProjectionRow,
  ProjectionTable,
} from './projection.js';
export type {
  ProjectionProblem,
  ProjectionProblemCode,
  ProjectionRowValues,
  ProjectionVerdict,
  ProjectionVerification,
} from './projection-problem.js';
export type { JsonProjectionValue } from './projection-value.js';
export { validateProjections } from './validate-projections.js';
export { type VerifyProjectionsOptions, verifyProjections } from './verify-projections.js';
