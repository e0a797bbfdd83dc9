import { AssertionError } from 'node:assert';
import { describe, expect, it } from 'vitest';
import { RuleViolationError, UnknownActionError, ValidationError } from '../errors/index.js';
import { createStatusKeyRegistry, defineStatusKey } from '../status/index.js';
import { DeciderSpecification, type GivenEvent } from './decider-specification.js';

const registered: GivenEvent = {
  type: 'ActionRegistered',
  effectiveOn: '2023-04-01',
  data: {
    code: 'A1',
    title: 'Title',
    plan: 'Plan',
    directorate: 'Dir',
    section: 'Sec',
    dueDate: '2024-03-31',
    statusKey: 'rag',
  },
};
const progress = {
  type: 'UpdateProgress',
  code: 'A1',
  effectiveOn: '2023-06-30',
  percentComplete: 40,
} as const;
const spec = DeciderSpecification.for();

describe('DeciderSpecification', () => {
  it('passes when the events match', () => {
    expect(() =>
      spec
        .given(registered)
        .when(progress)
        .then([{ type: 'ProgressUpdated', effectiveOn: '2023-06-30', data: { percentComplete: 40 } }]),
    ).not.toThrow();
  });

  it('fails with a diff when the events differ', () => {
    const failure = captured(() =>
      spec
        .given(registered)
        .when(progress)
        .then([{ type: 'ProgressUpdated', effectiveOn: '2023-06-30', data: { percentComplete: 41 } }]),
    );
    expect(failure).toBeInstanceOf(AssertionError);
    expect(failure.message).toContain("When UpdateProgress for 'A1' effective on 2023-06-30");
    expect(failure.message).toContain('41');
    expect(failure.message).toContain('40');
  });

  it('fails when events were expected but the decider threw, naming the error', () => {
    const failure = captured(() => spec.when(progress).then([]));
    expect(failure).toBeInstanceOf(AssertionError);
    expect(failure.message).toContain('UnknownActionError (UNKNOWN_ACTION)');
    expect(failure.cause).toBeInstanceOf(UnknownActionError);
  });

  it('thenNothing fails when events are emitted', () => {
    expect(captured(() => spec.given(registered).when(progress).thenNothing())).toBeInstanceOf(
      AssertionError,
    );
  });

  it('thenThrows fails when nothing is thrown, when the class differs, and when the predicate says no', () => {
    expect(captured(() => spec.given(registered).when(progress).thenThrows(Error))).toBeInstanceOf(
      AssertionError,
    );
    const wrongClass = captured(() => spec.when(progress).thenThrows(RuleViolationError));
    expect(wrongClass.message).toContain(
      'expected RuleViolationError to be thrown, but got UnknownActionError',
    );
    const predicate = captured(() =>
      spec.when(progress).thenThrows(UnknownActionError, (error) => error.actionCode === 'B2'),
    );
    expect(predicate.message).toContain('does not satisfy the predicate');
  });

  it('thenThrows lets an assertion inside the predicate fail the spec', () => {
    expect(() =>
      spec.when(progress).thenThrows(UnknownActionError, (error) => {
        expect(error.actionCode).toBe('B2');
      }),
    ).toThrow(/B2/);
  });

  it('reports malformed commands as ValidationError outcomes, like the ledger', () => {
    spec
      .given(registered)
      .when({ ...progress, percentComplete: 101 })
      .thenThrows(ValidationError, (error) => error.issues[0]?.path.join('.') === 'percentComplete');
  });

  it('says so when the when-step is awaited like a promise', async () => {
    const step: unknown = spec.given(registered).when(progress);
    await expect(Promise.resolve(step)).rejects.toThrow(/not a promise/);
  });

  it('refuses a malformed given event at once, as a setup mistake', () => {
    expect(() =>
      spec.given(registered, {
        type: 'ProgressUpdated',
        effectiveOn: '2023-06-31',
        data: { percentComplete: 4 },
      }),
    ).toThrow(/given event #2 \(ProgressUpdated\).*2023-06-31/);
    expect(() =>
      spec.given({ type: 'ProgressUpdated', effectiveOn: '2023-06-30', data: { percentComplete: 400 } }),
    ).toThrow(/invalid data: percentComplete/);
  });

  it('refuses a command without an effective date at once, since a spec has no clock', () => {
    const { effectiveOn: _effectiveOn, ...undated } = progress;
    expect(() => spec.given(registered).when(undated as typeof progress)).toThrow(/explicit effectiveOn/);
  });

  it('honours explicit stream versions in the history', () => {
    // With versions given out of list order, the recorded order (not the list order) breaks the tie.
    spec
      .given(
        registered,
        {
          type: 'ProgressUpdated',
          effectiveOn: '2023-06-30',
          data: { percentComplete: 20 },
          streamVersion: 3,
        },
        {
          type: 'ProgressUpdated',
          effectiveOn: '2023-06-30',
          data: { percentComplete: 10 },
          streamVersion: 2,
        },
      )
      .when({ ...progress, percentComplete: 20 })
      .thenNothing();
  });

  it('accepts a registry or extra keys as context', () => {
    const brag = defineStatusKey({ id: 'brag', label: 'BRAG', values: ['Blue', 'Green'] });
    const register = {
      type: 'RegisterAction',
      code: 'A1',
      effectiveOn: '2023-04-01',
      title: 'T',
      plan: 'P',
      directorate: 'D',
      section: 'S',
      dueDate: '2024-03-31',
      statusKey: 'brag',
    } as const;
    const expected = [
      {
        type: 'ActionRegistered',
        effectiveOn: '2023-04-01',
        data: {
          code: 'A1',
          title: 'T',
          plan: 'P',
          directorate: 'D',
          section: 'S',
          dueDate: '2024-03-31',
          statusKey: 'brag',
        },
      },
    ] as const;
    DeciderSpecification.for({ statusKeys: [brag] })
      .when(register)
      .then(expected);
    DeciderSpecification.for({ statusKeys: createStatusKeyRegistry([brag]) })
      .when(register)
      .then(expected);
    spec.when(register).thenThrows(ValidationError);
  });
});

function captured(run: () => void): Error {
  try {
    run();
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error('expected the specification to fail');
}
