import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/index.js';
import { builtInStatusKeys, ragStatusKey } from './built-in-status-keys.js';
import { defineStatusKey, type StatusKey } from './status-key.js';
import { createStatusKeyRegistry } from './status-key-registry.js';

const brag: StatusKey = {
  id: 'brag',
  label: 'BRAG',
  values: ['Blue', 'Red', 'Amber', 'Green'],
  completedValue: 'Blue',
};

describe('createStatusKeyRegistry', () => {
  it('holds the built-ins by default', () => {
    const registry = createStatusKeyRegistry();
    expect(registry.list()).toEqual(builtInStatusKeys);
    expect(registry.get('rag')).toBe(ragStatusKey);
    expect(registry.has('delivery-plan')).toBe(true);
    expect(registry.get('nope')).toBeUndefined();
    expect(registry.has('nope')).toBe(false);
  });

  it('adds extras after the built-ins, validated and frozen', () => {
    const registry = createStatusKeyRegistry([brag]);
    expect(registry.list().map((key) => key.id)).toEqual([
      'rag',
      'pentana',
      'delivery-plan',
      'pentana-indicator',
      'brag',
    ]);
    const stored = registry.require('brag');
    expect(stored).toEqual(brag);
    expect(Object.isFrozen(stored)).toBe(true);
  });

  it('rejects invalid extras', () => {
    expect(() => createStatusKeyRegistry([{ ...brag, values: [] }])).toThrow(ValidationError);
  });

  it('keeps the meanings an extra declares, and checks them strictly', () => {
    const meanings = { Red: 'attention', Green: 'onTrack', Blue: 'closes' } as const;
    expect(createStatusKeyRegistry([{ ...brag, meanings }]).require('brag').meanings).toEqual(meanings);
    expect(() => createStatusKeyRegistry([{ ...brag, meanings: { Purple: 'attention' } }])).toThrow(
      /meanings\.Purple|Purple/,
    );
  });

  it('rejects an id used twice, built-in or extra', () => {
    expect(() => createStatusKeyRegistry([{ ...brag, id: 'rag' }])).toThrow(/Duplicate status key id "rag"/);
    try {
      createStatusKeyRegistry([brag, brag]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues[0]?.path).toEqual([1, 'id']);
    }
  });

  it('require names the unknown id and lists the known ones', () => {
    const registry = createStatusKeyRegistry([defineStatusKey(brag)]);
    expect(() => registry.require('rgb')).toThrow(ValidationError);
    expect(() => registry.require('rgb')).toThrow(
      'Unknown status key "rgb"; known keys: rag, pentana, delivery-plan, pentana-indicator, brag',
    );
  });

  it('is immutable', () => {
    const registry = createStatusKeyRegistry();
    expect(Object.isFrozen(registry)).toBe(true);
    expect(Object.isFrozen(registry.list())).toBe(true);
    expect(() => (registry.list() as StatusKey[]).push(brag)).toThrow(TypeError);
  });

  it('works when its members are destructured', () => {
    const { require } = createStatusKeyRegistry();
    expect(require('pentana').id).toBe('pentana');
  });
});
