import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/index.js';
import { hasHiddenCharacters } from '../text/index.js';
import { assertOptions } from './validate-arguments.js';

function refusal(run: () => void): ValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('assertOptions', () => {
  it('accepts known keys and refuses a non-object', () => {
    expect(() => assertOptions({ fy: 2025 }, ['fy', 'quarter'], 'view options')).not.toThrow();
    expect(() => assertOptions(null, ['fy'], 'view options')).toThrow(ValidationError);
  });

  it('names an unknown key and lists the known ones', () => {
    const error = refusal(() => assertOptions({ fy: 2025, knwonAt: 'x' }, ['fy', 'knownAt'], 'view options'));
    expect(error.message).toBe("view options has an unknown key 'knwonAt'; known keys: fy, knownAt.");
    expect(error.issues).toEqual([{ path: ['knwonAt'], message: 'unknown key' }]);
  });

  it('shows a key with control or bidi characters with them revealed, never raw', () => {
    const bidi = 'know\u202EnAt';
    const control = 'as\u001B[2KAt';
    const error = refusal(() => assertOptions({ [bidi]: 1, [control]: 2 }, ['knownAt'], 'view options'));
    expect(hasHiddenCharacters(error.message)).toBe(false);
    expect(error.message).toBe(
      "view options has unknown keys 'know[U+202E]nAt', 'as[U+001B][2KAt'; known keys: knownAt.",
    );
    // The issue's path keeps the key itself, for a caller that matches on it.
    expect(error.issues.map((issue) => issue.path[0])).toEqual([bidi, control]);
  });
});
