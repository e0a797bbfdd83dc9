import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/index.js';
import type { PendingEvent } from '../events/index.js';
import { validateAppendInput } from './validate-append.js';

const comment = (text: string): PendingEvent =>
  ({ type: 'CommentAdded', effectiveOn: '2023-12-31', data: { comment: text } }) as PendingEvent;

describe('validateAppendInput: stream names', () => {
  it('refuses a bad stream name however many good ones were seen, also past the remembered limit', () => {
    for (let i = 0; i < 10_050; i++) {
      validateAppendInput([{ stream: `action:A${i}`, events: [comment('Work is ongoing.')] }], {});
    }
    for (const stream of ['', '   ', 'action:\u0007bell', 'x'.repeat(201), 42]) {
      expect(() => validateAppendInput([{ stream, events: [comment('x')] } as never], {})).toThrow(
        ValidationError,
      );
    }
    expect(validateAppendInput([{ stream: 'action:A1', events: [comment('Still fine.')] }], {})).toHaveLength(
      1,
    );
  });

  it('names the offending request in the issue path, the first time and again', () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        validateAppendInput(
          [
            { stream: 'action:OK', events: [comment('fine')] },
            { stream: '', events: [comment('fine')] },
          ],
          {},
        );
        expect.unreachable();
      } catch (error) {
        expect((error as ValidationError).issues.map((issue) => issue.path.join('.'))).toContain(
          'requests.1.stream',
        );
      }
    }
  });
});
