export type { Checkpoint } from './checkpoint-store.js';
export type { ProgressCallback, ProjectionProgress } from './progress.js';
export type { Projection, ProjectionHandler, ProjectionTable } from './projection.js';
export {
  ProjectionRunner,
  type ProjectionRunnerOptions,
  type ProjectionStatus,
  type RunOptions,
} from './projection-runner.js';
