import { describeEngineConformance } from '@perfledger/core/conformance';
import { afterAll, beforeEach } from 'vitest';
import { pgliteEngine } from './postgres-engines.js';

/**
 * Tests that need two sessions open at once: PGlite has one, so a second store waits for the
 * first's transaction to end. The server run covers them.
 */
const NEEDS_TWO_SESSIONS = ['another connection does not see a transaction before it commits'];

const engine = pgliteEngine();

beforeEach((context) => {
  if (NEEDS_TWO_SESSIONS.some((name) => context.task.name.includes(name))) context.skip();
});

afterAll(() => engine.close());

// The engine conformance suite of @perfledger/core, unchanged, on an in-process PGlite.
describeEngineConformance(engine);
