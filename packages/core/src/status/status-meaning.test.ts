import { describe, expect, it } from 'vitest';
import {
  builtInStatusKeys,
  defineStatusKey,
  deliveryPlanStatusKey,
  pentanaIndicatorStatusKey,
  pentanaStatusKey,
  ragStatusKey,
  STATUS_MEANINGS,
  statusMeaning,
  valuesMeaning,
} from './index.js';

describe('statusMeaning', () => {
  it('gives the built-in keys their committee meanings', () => {
    const table = Object.fromEntries(
      builtInStatusKeys.map((key) => [
        key.id,
        Object.fromEntries(key.values.map((v) => [v, statusMeaning(key, v)])),
      ]),
    );
    expect(table).toEqual({
      rag: { Green: 'onTrack', Amber: undefined, Red: 'attention', Complete: 'closes' },
      pentana: {
        'Not Started': 'onTrack',
        'In Progress': 'onTrack',
        Warning: undefined,
        Overdue: 'attention',
        Completed: 'closes',
        Cancelled: 'closes',
      },
      'delivery-plan': {
        Completed: 'closes',
        'Slightly behind': undefined,
        'Behind > 1 quarter': 'attention',
        'To be closed': 'decision',
      },
      'pentana-indicator': {
        Alert: 'attention',
        Warning: undefined,
        Satisfactory: 'onTrack',
        Unknown: undefined,
        'Data Only': undefined,
      },
    });
  });

  it('asks the committee to decide on "To be closed": a proposal, not a closure', () => {
    expect(statusMeaning(deliveryPlanStatusKey, 'To be closed')).toBe('decision');
    expect(valuesMeaning(deliveryPlanStatusKey, 'closes')).toEqual(['Completed']);
  });

  it('means closes for the completed and cancelled values, declared or not', () => {
    const key = defineStatusKey({
      id: 'brag',
      label: 'BRAG',
      values: ['Blue', 'Red', 'Amber', 'Green', 'Grey'],
      completedValue: 'Blue',
      cancelledValue: 'Grey',
      meanings: { Red: 'attention', Green: 'onTrack' },
    });
    expect(valuesMeaning(key, 'closes')).toEqual(['Blue', 'Grey']);
    expect(valuesMeaning(key, 'attention')).toEqual(['Red']);
    expect(statusMeaning(key, 'Amber')).toBeUndefined();
  });

  it('gives no meaning to a key that declares none, to null or to a word that is not a value', () => {
    const plain = defineStatusKey({ id: 'yes-no', label: 'Yes/No', values: ['Yes', 'No'] });
    expect(plain.values.map((value) => statusMeaning(plain, value))).toEqual([undefined, undefined]);
    expect(statusMeaning(ragStatusKey, null)).toBeUndefined();
    expect(statusMeaning(ragStatusKey, undefined)).toBeUndefined();
    expect(statusMeaning(ragStatusKey, 'red')).toBeUndefined();
    expect(statusMeaning(pentanaStatusKey, 'Red')).toBeUndefined();
  });

  it('lists values in the key order, each with at most one meaning', () => {
    for (const key of builtInStatusKeys) {
      const listed = STATUS_MEANINGS.flatMap((meaning) => valuesMeaning(key, meaning));
      expect(new Set(listed).size).toBe(listed.length);
      for (const meaning of STATUS_MEANINGS) {
        const values = valuesMeaning(key, meaning);
        expect(values).toEqual(key.values.filter((value) => values.includes(value)));
      }
    }
    expect(valuesMeaning(pentanaIndicatorStatusKey, 'decision')).toEqual([]);
  });
});
