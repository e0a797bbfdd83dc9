/** How far a catch-up or rebuild has got: events done of the total, and the rate so far. */
export interface ProjectionProgress {
  readonly done: number;
  readonly total: number;
  /** Events per second since the run started. */
  readonly rate: number;
}

/** Called after each batch. */
export type ProgressCallback = (progress: ProjectionProgress) => void;
