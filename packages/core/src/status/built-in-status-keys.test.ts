import { describe, expect, it } from 'vitest';
import {
  builtInStatusKeys,
  defineStatusKey,
  deliveryPlanStatusKey,
  matchStatus,
  pentanaIndicatorStatusKey,
  pentanaStatusKey,
  ragStatusKey,
} from './index.js';

describe('built-in status keys', () => {
  it('have the documented ids and values', () => {
    expect(builtInStatusKeys.map((key) => [key.id, key.values])).toEqual([
      ['rag', ['Green', 'Amber', 'Red', 'Complete']],
      ['pentana', ['Not Started', 'In Progress', 'Warning', 'Overdue', 'Completed', 'Cancelled']],
      ['delivery-plan', ['Completed', 'Slightly behind', 'Behind > 1 quarter', 'To be closed']],
      ['pentana-indicator', ['Alert', 'Warning', 'Satisfactory', 'Unknown', 'Data Only']],
    ]);
  });

  it('are valid and frozen', () => {
    for (const key of builtInStatusKeys) {
      expect(defineStatusKey(key)).toEqual(key);
      expect(Object.isFrozen(key)).toBe(true);
      expect(Object.isFrozen(key.values)).toBe(true);
      expect(Object.isFrozen(key.meanings)).toBe(true);
    }
    expect(Object.isFrozen(builtInStatusKeys)).toBe(true);
  });

  it('name their completed and cancelled values', () => {
    expect(ragStatusKey.completedValue).toBe('Complete');
    expect(pentanaStatusKey).toMatchObject({ completedValue: 'Completed', cancelledValue: 'Cancelled' });
    expect(deliveryPlanStatusKey.completedValue).toBe('Completed');
    // "To be closed" proposes closure; it is not a cancellation yet.
    expect(deliveryPlanStatusKey.cancelledValue).toBeUndefined();
    expect(pentanaIndicatorStatusKey.completedValue).toBeUndefined();
  });

  it('read the delivery-plan symbols as printed in seed 002', () => {
    expect(matchStatus(deliveryPlanStatusKey, '✓')).toBe('Completed');
    expect(matchStatus(deliveryPlanStatusKey, '√')).toBe('Completed');
    expect(matchStatus(deliveryPlanStatusKey, 'Δ')).toBe('Behind > 1 quarter');
    expect(matchStatus(deliveryPlanStatusKey, 'Amber Triangle')).toBe('Behind > 1 quarter');
    expect(matchStatus(deliveryPlanStatusKey, '×')).toBe('To be closed');
    expect(matchStatus(deliveryPlanStatusKey, 'Red Cross')).toBe('To be closed');
    expect(matchStatus(deliveryPlanStatusKey, 'Slightly behind (next quarter)')).toBe('Slightly behind');
    expect(matchStatus(deliveryPlanStatusKey, 'Work in progress but slightly behind schedule')).toBe(
      'Slightly behind',
    );
    expect(matchStatus(deliveryPlanStatusKey, 'Action > 3 months / 1 Quarter behind schedule')).toBe(
      'Behind > 1 quarter',
    );
    expect(matchStatus(deliveryPlanStatusKey, 'Behind &gt; 1 quarter')).toBe('Behind > 1 quarter');
  });

  it('do not read quarter-column markers or single letters as statuses', () => {
    // In seed 002 an "x" (often a Cyrillic х) marks the target quarter, not a status.
    for (const marker of ['x', 'X', 'х', 'Х', '*', '1']) {
      expect(matchStatus(deliveryPlanStatusKey, marker)).toBeUndefined();
    }
    for (const letter of ['G', 'A', 'R']) expect(matchStatus(ragStatusKey, letter)).toBeUndefined();
  });

  it('read Pentana spellings', () => {
    expect(matchStatus(pentanaStatusKey, 'canceled')).toBe('Cancelled');
    expect(matchStatus(pentanaIndicatorStatusKey, 'DATA ONLY')).toBe('Data Only');
  });
});
