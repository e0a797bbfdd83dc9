import { createHash } from 'node:crypto';
import { defaultReturnQuarterEnd } from '../action/return-quarter.js';
import { RuleViolationError, ValidationError, validationErrorFromZod } from '../errors/index.js';
import type { EnvelopeOf, EventEnvelope } from '../events/index.js';
import { returnApprovedSchema, returnSubmittedSchema } from '../events/index.js';
import type { Ledger } from '../ledger/ledger.js';
import type { BusinessDate, FiscalQuarterNumber } from '../time/index.js';

const STREAM_LIMIT = 200;

/**
 * The stream that holds one plan's sign-off for one quarter: `return:<fy>-Q<quarter>:<plan>`
 * (a plan name too long for a stream name is replaced by its SHA-256).
 *
 * @example
 * ```ts
 * returnStream('2019/20', 1, 'Promoting Prosperity PDP 2019-20'); // 'return:2019/20-Q1:Promoting Prosperity PDP 2019-20'
 * ```
 */
export function returnStream(fy: string, quarter: FiscalQuarterNumber, plan: string): string {
  const stream = `return:${fy}-Q${quarter}:${plan}`;
  if (stream.length <= STREAM_LIMIT) return stream;
  return `return:${fy}-Q${quarter}:sha256:${createHash('sha256').update(plan, 'utf8').digest('hex')}`;
}

/**
 * Which return to sign off, by whom. The actor is required: who submitted or approved a return
 * is the point of recording it.
 *
 * @example
 * ```ts
 * const input: ReturnSignOffInput = { fy: '2019/20', quarter: 1, plan: 'Promoting Prosperity PDP 2019-20', actor: 'j.smith', note: 'All actions updated' };
 * ```
 */
export interface ReturnSignOffInput {
  readonly fy: string;
  readonly quarter: FiscalQuarterNumber;
  readonly plan: string;
  readonly actor: string;
  readonly note?: string;
  readonly source?: string;
}

/**
 * Where one plan's return for a quarter stands: `not submitted`, `submitted` (awaiting
 * approval), `approved`, or `changed since approval` (statements were recorded for the plan's
 * actions and quarter after it was approved).
 *
 * @example
 * ```ts
 * const state: ReturnSignOffState = 'approved';
 * ```
 */
export type ReturnSignOffState = 'not submitted' | 'submitted' | 'approved' | 'changed since approval';

/**
 * One sign-off step: who, when (recorded time and log position), with what note.
 *
 * @example
 * ```ts
 * const step: SignOffStep | null = (await readReturnSignOff(ledger, { fy: '2019/20', quarter: 1, plan: 'PDP' })).approved;
 * ```
 */
export interface SignOffStep {
  readonly actor: string | null;
  readonly recordedAt: string;
  readonly position: number;
  readonly note: string | null;
}

/**
 * One plan's sign-off of one quarter, as known at a log position.
 *
 * @example
 * ```ts
 * const signOff: ReturnSignOff = await readReturnSignOff(ledger, { fy: '2019/20', quarter: 1, plan: 'PDP' });
 * signOff.approved?.actor; // 'head.of.service'
 * ```
 */
export interface ReturnSignOff {
  readonly fy: string;
  readonly quarter: FiscalQuarterNumber;
  readonly plan: string;
  readonly state: ReturnSignOffState;
  /** The latest submission. */
  readonly submitted: SignOffStep | null;
  /** The approval of the latest submission, if it was approved. */
  readonly approved: SignOffStep | null;
  /** The codes whose statement for the quarter was recorded after the approval, in code order. */
  readonly changedSinceApproval: readonly string[];
}

/**
 * Which sign-off to read, and as known when (a log position; the head by default).
 *
 * @example
 * ```ts
 * const query: ReturnSignOffQuery = { fy: '2019/20', quarter: 1, plan: 'PDP', upTo: 120 };
 * ```
 */
export interface ReturnSignOffQuery {
  readonly fy: string;
  readonly quarter: FiscalQuarterNumber;
  readonly plan: string;
  readonly upTo?: number;
}

/**
 * Records that a plan's return for a quarter was submitted (a `ReturnSubmitted` event on the
 * return's stream). A later submission (after corrections) replaces the earlier one and needs
 * approving again.
 *
 * @throws ValidationError for a malformed year, quarter, plan or note, or a plan with no action;
 *   RuleViolationError `SIGN_OFF_NEEDS_ACTOR` without an actor. Nothing is written.
 * @example
 * ```ts
 * await submitReturn(ledger, { fy: '2019/20', quarter: 1, plan: 'PDP', actor: 'j.smith' });
 * ```
 */
export async function submitReturn(ledger: Ledger, input: ReturnSignOffInput): Promise<ReturnSignOff> {
  const data = parseSignOff('submitted', input);
  return ledger.transaction(async () => {
    await requirePlan(ledger, data.plan);
    const stream = returnStream(data.fy, data.quarter, data.plan);
    await ledger.append(
      stream,
      [{ type: 'ReturnSubmitted', effectiveOn: ledger.today(), data }],
      metadataOf(input),
    );
    return readReturnSignOff(ledger, { fy: data.fy, quarter: data.quarter, plan: data.plan });
  });
}

/**
 * Records that a submitted return was approved (a `ReturnApproved` event). The approver must not
 * be the officer who submitted it, and the return must have been submitted and not yet approved.
 *
 * @throws ValidationError for malformed input; RuleViolationError `RETURN_NOT_SUBMITTED`,
 *   `RETURN_ALREADY_APPROVED`, `APPROVER_IS_SUBMITTER` or `SIGN_OFF_NEEDS_ACTOR`. Nothing is written.
 * @example
 * ```ts
 * await approveReturn(ledger, { fy: '2019/20', quarter: 1, plan: 'PDP', actor: 'head.of.service', note: 'Checked against evidence' });
 * ```
 */
export async function approveReturn(ledger: Ledger, input: ReturnSignOffInput): Promise<ReturnSignOff> {
  const data = parseSignOff('approved', input);
  return ledger.transaction(async () => {
    const current = await readReturnSignOff(ledger, { fy: data.fy, quarter: data.quarter, plan: data.plan });
    const name = `The ${data.fy} Q${data.quarter} return of '${data.plan}'`;
    if (current.submitted === null) {
      throw new RuleViolationError(
        'RETURN_NOT_SUBMITTED',
        `${name} has not been submitted; submit it before approving it.`,
      );
    }
    if (current.approved !== null) {
      throw new RuleViolationError(
        'RETURN_ALREADY_APPROVED',
        `${name} was already approved by ${current.approved.actor ?? 'an unnamed approver'} (position ${current.approved.position}); submit it again to approve a corrected return.`,
      );
    }
    if (current.submitted.actor === input.actor) {
      throw new RuleViolationError(
        'APPROVER_IS_SUBMITTER',
        `${name} was submitted by ${input.actor}; it must be approved by someone else.`,
      );
    }
    const stream = returnStream(data.fy, data.quarter, data.plan);
    await ledger.append(
      stream,
      [{ type: 'ReturnApproved', effectiveOn: ledger.today(), data }],
      metadataOf(input),
    );
    return readReturnSignOff(ledger, { fy: data.fy, quarter: data.quarter, plan: data.plan });
  });
}

/**
 * Where one plan's return for a quarter stands as known at `upTo` (the head by default): who
 * submitted and approved it, and which of the plan's actions had their statement for the
 * quarter recorded after the approval.
 *
 * @example
 * ```ts
 * const { state } = await readReturnSignOff(ledger, { fy: '2019/20', quarter: 1, plan: 'PDP' });
 * if (state !== 'approved') console.warn(`The Q1 return is ${state}`);
 * ```
 */
export async function readReturnSignOff(ledger: Ledger, query: ReturnSignOffQuery): Promise<ReturnSignOff> {
  const upTo = query.upTo ?? (await ledger.head()).position;
  const events = await ledger.readStream(returnStream(query.fy, query.quarter, query.plan), { upTo });
  let submitted: SignOffStep | null = null;
  let approved: SignOffStep | null = null;
  for (const event of events) {
    if (event.type === 'ReturnSubmitted' && event.data.plan === query.plan) {
      submitted = stepOf(event);
      approved = null;
    } else if (event.type === 'ReturnApproved' && event.data.plan === query.plan) {
      approved = stepOf(event);
    }
  }
  const changedSinceApproval =
    approved === null ? [] : await statementsAfter(ledger, query, approved.position, upTo);
  const state: ReturnSignOffState =
    submitted === null
      ? 'not submitted'
      : approved === null
        ? 'submitted'
        : changedSinceApproval.length > 0
          ? 'changed since approval'
          : 'approved';
  return Object.freeze({
    fy: query.fy,
    quarter: query.quarter,
    plan: query.plan,
    state,
    submitted,
    approved,
    changedSinceApproval: Object.freeze(changedSinceApproval),
  });
}

async function statementsAfter(
  ledger: Ledger,
  query: ReturnSignOffQuery,
  after: number,
  upTo: number,
): Promise<string[]> {
  const codes = new Set<string>();
  for await (const event of ledger.readAll({ after, upTo, types: ['ReturnStated'] })) {
    if (event.type !== 'ReturnStated') continue;
    if (event.data.fy !== query.fy || event.data.quarter !== query.quarter) continue;
    codes.add(event.stream.slice('action:'.length));
  }
  if (codes.size === 0) return [];
  const asAt = quarterEndOf(query);
  const inPlan = await ledger.getActions({
    plan: query.plan,
    knownAt: { position: upTo },
    ...(asAt === undefined ? {} : { asAt }),
  });
  return inPlan.map((state) => state.code).filter((code) => codes.has(code));
}

function quarterEndOf(query: ReturnSignOffQuery): BusinessDate | undefined {
  try {
    return defaultReturnQuarterEnd(query.fy, query.quarter);
  } catch {
    return undefined;
  }
}

function stepOf(event: EnvelopeOf<'ReturnSubmitted'> | EnvelopeOf<'ReturnApproved'>): SignOffStep {
  return Object.freeze({
    actor: event.actor,
    recordedAt: event.recordedAt,
    position: event.position,
    note: event.data.note ?? null,
  });
}

function parseSignOff(step: 'submitted' | 'approved', input: ReturnSignOffInput) {
  const schema = step === 'submitted' ? returnSubmittedSchema : returnApprovedSchema;
  const parsed = schema.safeParse({
    fy: input?.fy,
    quarter: input?.quarter,
    plan: input?.plan,
    ...(input?.note === undefined ? {} : { note: input.note }),
  });
  if (!parsed.success) throw validationErrorFromZod(`The return was not ${step}`, parsed.error);
  if (typeof input.actor !== 'string' || input.actor.trim() === '') {
    throw new RuleViolationError(
      'SIGN_OFF_NEEDS_ACTOR',
      `A return cannot be ${step} anonymously: name the officer (actor); nothing was written.`,
    );
  }
  return parsed.data;
}

async function requirePlan(ledger: Ledger, plan: string): Promise<void> {
  const actions = await ledger.getActions({ plan });
  if (actions.length === 0) {
    throw new ValidationError(`No action is registered in plan '${plan}'; nothing was written.`, [
      { path: ['plan'], message: 'names no plan of a registered action' },
    ]);
  }
}

function metadataOf(input: ReturnSignOffInput) {
  return {
    expectedVersion: 'any' as const,
    actor: input.actor,
    ...(input.source === undefined ? {} : { source: input.source }),
  };
}

/**
 * True for the two sign-off event types, which live on return streams, not action streams.
 *
 * @example
 * ```ts
 * for await (const event of ledger.readAll()) if (isSignOffEvent(event)) console.log(event.stream);
 * ```
 */
export function isSignOffEvent(event: EventEnvelope): boolean {
  return event.type === 'ReturnSubmitted' || event.type === 'ReturnApproved';
}
