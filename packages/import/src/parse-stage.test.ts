import { describe, expect, it } from 'vitest';
import { parseStage } from './parse-stage.js';

describe('parseStage', () => {
  it.each([
    ['completed', 'completed'],
    ['Complete', 'completed'],
    ['DONE', 'completed'],
    ['Closed - Completed', 'completed'],
    ['cancelled', 'cancelled'],
    ['canceled', 'cancelled'],
    ['Closed - Cancelled', 'cancelled'],
    ['closed (cancelled)', 'cancelled'],
    ['Postponed', 'cancelled'],
    ['In Progress', 'open'],
    ['in  progress', 'open'],
    ['Not Started', 'open'],
    ['open', 'open'],
    ['<b>Completed</b>', 'completed'],
  ])('reads %j as %s', (text, stage) => {
    expect(parseStage(text)).toEqual({ ok: true, value: stage });
  });

  it('refuses a bare "closed", which does not say whether the work was done', () => {
    const result = parseStage('Closed');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/completed' or 'cancelled/);
  });

  it('refuses words it does not know instead of guessing', () => {
    const result = parseStage('nearly there');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/is not a stage/);
  });
});
