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
    const mutable = { ...valid, values: [...valid.values], aliases: { ...valid.aliases } };
    const key = defineStatusKey(mutable);
    expect(key).toEqual(valid);
    expect(Object.isFrozen(key)).toBe(true);
    expect(Object.isFrozen(key.values)).toBe(true);
    expect(Object.isFrozen(key.aliases)).toBe(true);
    mutable.values.push('Later');
    expect(key.values).toHaveLength(4);
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

  it('rejects unknown fields and non-objects', () => {
    expect(issuesOf({ ...valid, colour: 'red' })).toHaveLength(1);
    expect(issuesOf(null)).toHaveLength(1);
  });

  it('reports every problem at once', () => {
    expect(issuesOf({ id: 'Bad', label: '', values: ['A', 'a'], completedValue: 'B' })).toHaveLength(4);
  });
});
