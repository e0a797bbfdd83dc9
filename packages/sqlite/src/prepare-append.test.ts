import { ValidationError } from '@perfledger/core';
import { prepareAppend } from '@perfledger/core/internal';
import { afterEach, describe, expect, it } from 'vitest';
import { type TempStore, tempStore } from './test-support/temp-store.js';

let temp: TempStore | undefined;
afterEach(async () => {
  await temp?.cleanup();
  temp = undefined;
});

const cyclic: Record<string, unknown> = {};
cyclic.self = cyclic;

describe('prepareAppend', () => {
  it('collects every shape problem of an append into one refusal, naming each', () => {
    const error = (() => {
      try {
        prepareAppend(
          [
            {
              stream: ' a',
              expectedVersion: -1,
              events: [{ type: 'Nope', effectiveOn: '2023-02-30', data: {} }],
            },
          ] as never,
          {},
        );
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path.join('.'))).toEqual([
      'requests.0.stream',
      'requests.0.expectedVersion',
      'requests.0.events.0.type',
      'requests.0.events.0.effectiveOn',
    ]);
    expect((error as ValidationError).message).toContain('unknown event type "Nope"');
  });

  it('refuses data JSON cannot hold (a BigInt, a cycle) with a ValidationError, and the store writes nothing', async () => {
    temp = await tempStore();
    for (const data of [1n, cyclic]) {
      const event = { type: 'CommentAdded', effectiveOn: '2023-06-30', data };
      expect(() => prepareAppend([{ stream: 'action:A1', events: [event] }] as never, {})).toThrow(
        /requests\.0\.events\.0\.data: is not JSON data/,
      );
      await expect(
        temp.store.append([{ stream: 'action:A1', events: [event] }] as never, {}),
      ).rejects.toThrow(ValidationError);
    }
    expect((await temp.store.head()).position).toBe(0);
  });
});
