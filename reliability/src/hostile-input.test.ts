import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { hostileInputProperties, openHostileLedger } from './scenarios/hostile-input.js';

// Every public entry point that takes input, fed malformed input by fast-check: each must refuse
// it with a typed LedgerError and leave the database and its WAL byte for byte unchanged.
// RELIABILITY_RUNS raises the number of runs per property (the stress script uses thousands).
const RUNS = Number(process.env.RELIABILITY_RUNS ?? 40);
const target = await openHostileLedger();
afterAll(async () => await target.close());

describe('hostile input is refused with a typed error and changes nothing', () => {
  for (const { name, property } of hostileInputProperties(target)) {
    it(name, async () => {
      await fc.assert(property, { numRuns: RUNS });
    });
  }
});
