import {
  createStatusKeyRegistry,
  matchStatus,
  statusMeaning,
  ValidationError,
  validationErrorFromZod,
} from '@perfledger/core';
import { describe, expect, it } from 'vitest';
import { statusKeyOf, statusKeysConfigSchema, statusStylesOf } from './status-keys-config.js';

const progress = {
  id: 'progress',
  name: 'Council progress',
  values: [
    { label: 'On track', symbol: '●', colour: '#2e8540', aliases: ['green'], meaning: 'onTrack' },
    { label: 'At risk', symbol: '▲', colour: '#f2a900', aliases: ['amber'] },
    { label: 'Off track', symbol: '✕', colour: '#c8102e', aliases: ['red'], meaning: 'attention' },
    { label: 'Change timescale', meaning: 'decision' },
    { label: 'Complete', symbol: '✓', colour: '#1d70b8', closes: 'completed' },
    { label: 'Withdrawn', closes: 'cancelled' },
  ],
};

/** The message the CLI prints for a config whose statusKeys section is `section`. */
function problemsOf(section: unknown): string {
  const parsed = statusKeysConfigSchema.safeParse(section);
  expect(parsed.success).toBe(false);
  if (parsed.success) return '';
  return validationErrorFromZod('The config file is not valid', parsed.error).message;
}

describe('the statusKeys section of the config file', () => {
  it('becomes a core status key: values in order, symbols and aliases, meanings, closing values', () => {
    const [entry] = statusKeysConfigSchema.parse([progress]);
    const key = createStatusKeyRegistry([statusKeyOf(entry!)]).require('progress');
    expect(key.label).toBe('Council progress');
    expect(key.values).toEqual([
      'On track',
      'At risk',
      'Off track',
      'Change timescale',
      'Complete',
      'Withdrawn',
    ]);
    expect(key.completedValue).toBe('Complete');
    expect(key.cancelledValue).toBe('Withdrawn');
    expect(matchStatus(key, '✓')).toBe('Complete');
    expect(matchStatus(key, '▲')).toBe('At risk');
    expect(matchStatus(key, 'RED')).toBe('Off track');
    expect(matchStatus(key, 'Sideways')).toBeUndefined();
    expect(key.values.map((value) => statusMeaning(key, value))).toEqual([
      'onTrack',
      undefined,
      'attention',
      'decision',
      'closes',
      'closes',
    ]);
    expect(statusStylesOf([entry!])).toEqual({
      colours: { 'On track': '#2e8540', 'At risk': '#f2a900', 'Off track': '#c8102e', Complete: '#1d70b8' },
      symbols: { 'On track': '●', 'At risk': '▲', 'Off track': '✕', Complete: '✓' },
    });
  });

  it.each([
    [
      'a bad id',
      [{ ...progress, id: 'Progress' }],
      'statusKeys.0.id: Status key "Progress": the id must start with a lower-case letter',
    ],
    ['a built-in id', [{ ...progress, id: 'rag' }], 'Status key "rag": "rag" is a built-in key'],
    ['an id used twice', [progress, progress], 'Status key "progress" is defined twice'],
    ['no values', [{ ...progress, values: [] }], 'A status key needs at least one value'],
    [
      'a colour that is not hex',
      [{ ...progress, values: [{ label: 'On track', colour: 'green' }] }],
      'Status key "progress": value "On track": colour "green" is not #rgb or #rrggbb',
    ],
    [
      'values equal ignoring case',
      [{ ...progress, values: [{ label: 'On track' }, { label: 'ON  TRACK' }] }],
      'Status key "progress": "ON  TRACK" duplicates "On track"',
    ],
    [
      'a symbol that already means another value',
      [{ ...progress, values: [{ label: 'Done' }, { label: 'Open', symbol: 'done' }] }],
      'Status key "progress": alias or symbol "done": Already means "Done", cannot also mean "Open"',
    ],
    [
      'a closing value with a meaning',
      [{ ...progress, values: [{ label: 'Done', closes: 'completed', meaning: 'onTrack' }] }],
      'Status key "progress": value "Done" closes the action (completed), so it cannot also mean "onTrack"',
    ],
    [
      'two completed values',
      [
        {
          ...progress,
          values: [
            { label: 'Done', closes: 'completed' },
            { label: 'Finished', closes: 'completed' },
          ],
        },
      ],
      'Status key "progress": only one value may close as completed, not "Done" and "Finished"',
    ],
    [
      'a meaning that is not one',
      [{ ...progress, values: [{ label: 'Red', meaning: 'red' }] }],
      'statusKeys.0.values.0.meaning: Must be "attention", "onTrack" or "decision"',
    ],
    [
      'a misspelt field',
      [{ ...progress, values: [{ label: 'Red', colur: '#fff' }] }],
      'Unrecognized key: "colur"',
    ],
  ])('refuses %s, naming the key and the value', (_, section, message) => {
    const text = problemsOf(section);
    expect(text).toContain(message.replace(/^statusKeys\./, ''));
  });

  it('refuses with a ValidationError listing every problem at once', () => {
    const parsed = statusKeysConfigSchema.safeParse([
      {
        ...progress,
        values: [
          { label: 'A', colour: 'x' },
          { label: 'B', colour: 'y' },
        ],
      },
    ]);
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const error = validationErrorFromZod('bad', parsed.error);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues.map((issue) => issue.path)).toEqual([
      [0, 'values', 0, 'colour'],
      [0, 'values', 1, 'colour'],
    ]);
  });
});
