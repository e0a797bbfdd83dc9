/** Where a projection has got to in the log, and whether a rebuild is under way. */
export interface Checkpoint {
  readonly name: string;
  readonly version: number;
  readonly position: number;
  readonly state: 'ready' | 'rebuilding';
}
