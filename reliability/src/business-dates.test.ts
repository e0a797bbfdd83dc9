import { describe, expect, it } from 'vitest';
import { runPoisonDates } from './scenarios/poison-dates.js';

// Issue 11, item 2, the original attack: a "no end date" marker such as 31/12/9999 was imported,
// and from then on `slippage` and every HTML report failed ("Invalid financial year start 9999"),
// and re-importing the real date was refused the same way. See scenarios/poison-dates.ts.
describe('poison business dates', () => {
  it('are refused at every write, never break a read model when an older build wrote them, and are repaired by re-import', async () => {
    const { rounds, problems } = await runPoisonDates(12, 20_261_201);
    expect(problems).toEqual([]);
    expect(rounds).toBe(12);
  }, 120_000);
});
