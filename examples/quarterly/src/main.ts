/**
 * The main job (`npm run demo`): runs the demo at the repository root, writing to out/ and
 * printing every command and its output. `npm run demo -- --db postgres://…` (or
 * `PERFLEDGER_DB=postgres://…`) runs it in the ledger `demo` of that PostgreSQL database instead,
 * replacing what an earlier run left there.
 */
import { join } from 'node:path';
import { demoTarget } from './demo-arguments.js';
import { resetPostgresLedger } from './reset-postgres-ledger.js';
import { DemoStepError, runDemo } from './run-demo.js';

try {
  const { postgres } = demoTarget(process.argv.slice(2));
  if (postgres !== undefined) await resetPostgresLedger(postgres.url, postgres.ledger);
  await runDemo({
    root: join(import.meta.dirname, '..', '..', '..'),
    ...(postgres === undefined ? {} : { postgres }),
  });
} catch (error) {
  if (!(error instanceof DemoStepError) && !(error instanceof Error && error.message.startsWith('demo:')))
    throw error;
  console.error(error.message);
  process.exit(1);
}
