// An OS process that holds a lock on a database with a plain SQLite connection (as another
// application, or a stuck backup tool, would) until its parent says 'release'.
import Database from 'better-sqlite3';
import type { LockHolderConfig } from '../support/worker-configs.js';

const config = JSON.parse(process.argv[2] ?? '{}') as LockHolderConfig;
const db = new Database(config.file, { timeout: 10_000 });
if (config.mode === 'exclusive') {
  // In WAL mode, exclusive locking mode keeps the lock (and readers out) from the first write on.
  db.pragma('locking_mode = EXCLUSIVE');
  db.exec('BEGIN EXCLUSIVE');
  db.exec('CREATE TABLE IF NOT EXISTS lock_probe (x INTEGER); INSERT INTO lock_probe VALUES (1)');
  db.exec('ROLLBACK');
  db.exec('BEGIN EXCLUSIVE');
} else {
  db.exec('BEGIN EXCLUSIVE');
}
process.on('message', () => {
  db.exec('ROLLBACK');
  db.close();
  process.disconnect?.();
});
process.send?.('locked');
