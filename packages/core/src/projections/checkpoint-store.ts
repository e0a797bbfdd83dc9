import type { SqlDatabase, SqlStatement } from '../store/sql-database.js';

/** Where a projection has got to in the log, and whether a rebuild is under way. */
export interface Checkpoint {
  readonly name: string;
  readonly version: number;
  readonly position: number;
  readonly state: 'ready' | 'rebuilding';
}

/** Reads and writes rows of `projection_checkpoints`, always inside the caller's transaction. */
export class CheckpointStore {
  readonly #get: SqlStatement;
  readonly #put: SqlStatement;

  constructor(db: SqlDatabase) {
    this.#get = db.prepare(
      'SELECT name, version, position, state FROM projection_checkpoints WHERE name = ?',
    );
    this.#put = db.prepare(
      `INSERT INTO projection_checkpoints (name, version, position, state, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = excluded.position,
         state = excluded.state, updated_at = excluded.updated_at`,
    );
  }

  get(name: string): Checkpoint | undefined {
    return this.#get.get(name) as Checkpoint | undefined;
  }

  put(checkpoint: Checkpoint): void {
    this.#put.run(
      checkpoint.name,
      checkpoint.version,
      checkpoint.position,
      checkpoint.state,
      new Date().toISOString(),
    );
  }
}
