import { describe, expect, it } from 'vitest';
import { runClockChaos, runTamperRounds, TAMPERINGS } from './scenarios/tamper-and-clock.js';

// Issue 11, items 4 and 5: the attacks as found, kept as regressions.
describe('tools trust only a verified log', () => {
  it('publish, reproduce and rebuild refuse every tampering with VERIFICATION_FAILED, writing no event', async () => {
    const outcome = await runTamperRounds({ rounds: 2 * TAMPERINGS.length, seed: 11 });
    expect(outcome.problems).toEqual([]);
    expect(outcome.refused).toBe(3 * outcome.rounds);
    // Two of the five kinds leave a self-consistent chain: only the verified mark catches them.
    expect(outcome.foundByFullVerify).toBe((outcome.rounds * 3) / 5);
  });
});

describe('recorded time only moves forward', () => {
  it('a clock that leaps (to 2999 and beyond) is refused; recorded times strictly increase within the bound', async () => {
    const outcome = await runClockChaos({ appends: 200, seed: 5 });
    expect(outcome.problems).toEqual([]);
    expect(outcome.refused).toBeGreaterThan(0);
    expect(outcome.events + outcome.refused).toBe(200);
  });
});
