export type { Checkpoint } from './checkpoint-store.js';
export type { ProgressCallback, ProjectionProgress } from './progress.js';
export type { Projection, ProjectionHandler, ProjectionTable } from './projection.js';
export type {
  ProjectionProblem,
  ProjectionProblemCode,
  ProjectionRow,
  ProjectionVerdict,
  ProjectionVerification,
} from './projection-problem.js';
export {
  ProjectionRunner,
  type ProjectionRunnerOptions,
  type ProjectionStatus,
  type RunOptions,
} from './projection-runner.js';
export type { JsonSqliteValue } from './sqlite-value.js';
export { type VerifyProjectionsOptions, verifyProjections } from './verify-projections.js';
