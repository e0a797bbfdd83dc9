/**
 * The main job (`npm run demo`): runs the demo at the repository root, writing to out/ and
 * printing every command and its output.
 */
import { join } from 'node:path';
import { DemoStepError, runDemo } from './run-demo.js';

try {
  await runDemo({ root: join(import.meta.dirname, '..', '..', '..') });
} catch (error) {
  if (!(error instanceof DemoStepError)) throw error;
  console.error(error.message);
  process.exit(1);
}
