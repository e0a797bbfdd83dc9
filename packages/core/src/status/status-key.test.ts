import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/index.js';
import { defineStatusKey, type StatusKey } from './status-key.js';

const valid: StatusKey = {
  id: 'progress',
  label: 'Progress',
  values: ['On track', 'At risk', 'Done', 'Dropped'],
  aliases: { complete: 'Done', 'on-track': 'On track' },
  completedValue: 'Done',
  cancelledValue: 'Dropped',
};

const withMeanings: StatusKey = {
  ...valid,
  meanings: { 'On track': 'onTrack', 'At risk': 'attention', Done: 'closes' },
};

function issuesOf(definition: unknown): readonly { path: readonly (string | number)[]; message: string }[] {
  try {
    defineStatusKey(definition as StatusKey);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues;
  }
  throw new Error('expected defineStatusKey to throw');
}

describe('defineStatusKey', () => {
  it('returns an equal, deep-frozen copy', () => {
    const mutable = {
      ...withMeanings,
      values: [...withMeanings.values],
      aliases: { ...withMeanings.aliases },
      meanings: { ...withMeanings.meanings },
    };
    const key = defineStatusKey(mutable);
    expect(key).toEqual(withMeanings);
    expect(Object.isFrozen(key)).toBe(true);
    expect(Object.isFrozen(key.values)).toBe(true);
    expect(Object.isFrozen(key.aliases)).toBe(true);
    expect(Object.isFrozen(key.meanings)).toBe(true);
    mutable.values.push('Later');
    mutable.meanings.Dropped = 'closes';
    expect(key.values).toHaveLength(4);
    expect(key.meanings).not.toHaveProperty('Dropped');
  });

  it('omits optional fields that were not given', () => {
    const key = defineStatusKey({ id: 'yes-no', label: 'Yes/No', values: ['Yes', 'No'] });
    expect(Object.keys(key)).toEqual(['id', 'label', 'values']);
  });

  it.each(['RAG', '1rag', 'rag_key', '', 'rag key', '-rag'])('rejects the id %j', (id) => {
    expect(issuesOf({ ...valid, id }).map((issue) => issue.path)).toEqual([['id']]);
  });

  it('names the key in the message', () => {
    expect(() => defineStatusKey({ ...valid, values: [] })).toThrow(/"progress"/);
  });

  it('requires at least one value', () => {
    const { aliases: _aliases, completedValue: _c, cancelledValue: _x, ...rest } = valid;
    expect(issuesOf({ ...rest, values: [] })).toMatchObject([{ path: ['values'] }]);
  });

  it('rejects values equal ignoring case, spacing or markup', () => {
    expect(issuesOf({ id: 'k', label: 'K', values: ['Green', 'GREEN'] })).toMatchObject([
      { path: ['values', 1] },
    ]);
    expect(issuesOf({ id: 'k', label: 'K', values: ['In Progress', 'in  progress'] })).toHaveLength(1);
    expect(issuesOf({ id: 'k', label: 'K', values: ['Red', '<b>Red</b>'] })).toHaveLength(1);
  });

  it('rejects blank values and values with outer spaces', () => {
    expect(issuesOf({ id: 'k', label: 'K', values: ['', ' '] }).length).toBeGreaterThanOrEqual(2);
    expect(issuesOf({ id: 'k', label: 'K', values: [' Green'] })).toMatchObject([{ path: ['values', 0] }]);
  });

  it('rejects aliases that point at unknown values', () => {
    expect(issuesOf({ ...valid, aliases: { finished: 'Finished' } })).toMatchObject([
      { path: ['aliases', 'finished'], message: expect.stringContaining('"Finished"') },
    ]);
  });

  it('rejects aliases that already spell another value or alias', () => {
    expect(issuesOf({ ...valid, aliases: { 'at risk': 'Done' } })).toMatchObject([
      { path: ['aliases', 'at risk'] },
    ]);
    expect(issuesOf({ ...valid, aliases: { done: 'Done', DONE: 'Dropped' } })).toMatchObject([
      { path: ['aliases', 'DONE'] },
    ]);
    expect(issuesOf({ ...valid, aliases: { '<i></i>': 'Done' } })).toMatchObject([
      { path: ['aliases', '<i></i>'] },
    ]);
  });

  it('allows a redundant alias that agrees with its value', () => {
    expect(defineStatusKey({ ...valid, aliases: { DONE: 'Done' } }).aliases).toEqual({ DONE: 'Done' });
  });

  it('requires completed and cancelled values to be values, and different', () => {
    expect(issuesOf({ ...valid, completedValue: 'Finished' })).toMatchObject([{ path: ['completedValue'] }]);
    expect(issuesOf({ ...valid, cancelledValue: 'Gone' })).toMatchObject([{ path: ['cancelledValue'] }]);
    expect(issuesOf({ ...valid, cancelledValue: 'Done' })).toMatchObject([{ path: ['cancelledValue'] }]);
  });

  it('rejects meanings for values the key does not have', () => {
    expect(issuesOf({ ...valid, meanings: { Late: 'attention' } })).toMatchObject([
      { path: ['meanings', 'Late'], message: expect.stringContaining('"Late" is not a value') },
    ]);
  });

  it('rejects meanings that are not attention, onTrack, decision or closes', () => {
    const issues = issuesOf({ ...valid, meanings: { 'At risk': 'red' } });
    expect(issues).toMatchObject([
      { path: ['meanings', 'At risk'], message: expect.stringContaining('"attention"') },
    ]);
    expect(issuesOf({ ...valid, meanings: ['attention'] })).toMatchObject([{ path: ['meanings'] }]);
  });

  it('lets only the completed and cancelled values close an action', () => {
    expect(issuesOf({ ...valid, meanings: { 'At risk': 'closes' } })).toMatchObject([
      { path: ['meanings', 'At risk'], message: expect.stringContaining('completedValue or cancelledValue') },
    ]);
    expect(issuesOf({ ...valid, meanings: { Done: 'onTrack' } })).toMatchObject([
      { path: ['meanings', 'Done'], message: expect.stringContaining('completed value') },
    ]);
    expect(issuesOf({ ...valid, meanings: { Dropped: 'decision' } })).toMatchObject([
      { path: ['meanings', 'Dropped'], message: expect.stringContaining('cancelled value') },
    ]);
    const { completedValue: _c, cancelledValue: _x, ...open } = valid;
    expect(issuesOf({ ...open, meanings: { Done: 'closes' } })).toMatchObject([
      { path: ['meanings', 'Done'] },
    ]);
  });

  it('rejects unknown fields and non-objects', () => {
    expect(issuesOf({ ...valid, colour: 'red' })).toHaveLength(1);
    expect(issuesOf(null)).toHaveLength(1);
  });

  it('reports every problem at once', () => {
    expect(issuesOf({ id: 'Bad', label: '', values: ['A', 'a'], completedValue: 'B' })).toHaveLength(4);
  });
});
