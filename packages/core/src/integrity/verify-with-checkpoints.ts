import type { VerifyResult } from '../chain/verify-result.js';
import type { Ledger } from '../ledger/ledger.js';
import { parseRecordedAt } from '../store/recorded-clock.js';
import { type SignedCheckpoint, verifyCheckpointSignature } from './checkpoint.js';
import { type KeyInput, keyIdOf, toPublicKey } from './keys.js';
import { judgeNoteCheckpoint } from './note/judge-note-checkpoint.js';
import type { NoteCheckpoint } from './note/note-checkpoint.js';

/**
 * A checkpoint to verify against the ledger: the checkpoint itself, or the checkpoint with the
 * label (usually its file name) that statements about it should use.
 *
 * @example
 * ```ts
 * const inputs: CheckpointInput[] = files.map((file) => ({ label: basename(file), checkpoint: readCheckpoint(file) }));
 * ```
 */
export type CheckpointInput =
  | SignedCheckpoint
  | NoteCheckpoint
  | { readonly label: string; readonly checkpoint: SignedCheckpoint | NoteCheckpoint };

/**
 * Options for {@link verifyLedger}.
 *
 * @example
 * ```ts
 * const options: VerifyLedgerOptions = { checkpoints: [readCheckpoint('cp.json')], publicKey: loadPublicKey('perfledger.pub') };
 * ```
 */
export interface VerifyLedgerOptions {
  /** Checkpoints issued earlier; each must still be a prefix of today's log. */
  readonly checkpoints?: readonly CheckpointInput[];
  /** The key the checkpoints were signed with; without it, signatures are reported as unchecked. */
  readonly publicKey?: KeyInput;
  /** Witness keys whose cosignatures count towards `quorum` (note checkpoints only carry them). */
  readonly witnessKeys?: readonly KeyInput[];
  /** Distinct witnesses each checkpoint must be cosigned by; all of `witnessKeys` by default. */
  readonly quorum?: number;
}

/**
 * What broke, as a stable code:
 * - `CHAIN_BROKEN`: the hash chain itself is broken (see the chain result for where);
 * - `SIGNATURE_INVALID`: the checkpoint was altered, forged, or signed with another key;
 * - `ORIGIN_MISMATCH`: the checkpoint describes another ledger;
 * - `LOG_TRUNCATED`: the log is now shorter than the checkpoint;
 * - `CHECKPOINT_MISMATCH`: the event at the checkpoint's position is not the one checkpointed, so
 *   the history up to it was rewritten (even if every hash was recomputed);
 * - `HISTORY_ALTERED`: the chain breaks inside the history the checkpoint covers;
 * - `RECORDED_AFTER_ISSUE`: the checkpoint covers an event recorded after the checkpoint was
 *   issued: the ledger's clock ran ahead, so the recorded-time axis up to it cannot be trusted.
 *
 * @example
 * ```ts
 * const rewritten = result.problems.some((p: IntegrityProblem) => p.code === 'CHECKPOINT_MISMATCH');
 * ```
 */
export type IntegrityProblemCode =
  | 'CHAIN_BROKEN'
  | 'SIGNATURE_INVALID'
  | 'ORIGIN_MISMATCH'
  | 'LOG_TRUNCATED'
  | 'CHECKPOINT_MISMATCH'
  | 'HISTORY_ALTERED'
  | 'RECORDED_AFTER_ISSUE'
  | 'QUORUM_NOT_MET';

/**
 * One failure, with a sentence that says what broke and where.
 *
 * @example
 * ```ts
 * for (const { code, message } of result.problems) console.error(`[${code}] ${message}`);
 * ```
 */
export interface IntegrityProblem {
  readonly code: IntegrityProblemCode;
  readonly message: string;
}

/**
 * The verdict on one checkpoint.
 *
 * @example
 * ```ts
 * for (const v of result.checkpoints) console.log(v.label, v.signature, v.prefix);
 * ```
 */
export interface CheckpointVerdict {
  readonly label: string;
  readonly checkpoint: SignedCheckpoint | NoteCheckpoint;
  /** True when the signature (if a key was given), the origin and the prefix all check out. */
  readonly ok: boolean;
  /** `'unchecked'` when no public key was given. */
  readonly signature: 'valid' | 'invalid' | 'unchecked';
  readonly originMatches: boolean;
  /**
   * `'confirmed'`: today's log still holds exactly the checkpointed history; `'truncated'`: the
   * log is shorter; `'rewritten'`: the event at the checkpoint's position differs; `'unproven'`:
   * that event matches but the chain breaks before it; `'not-checked'`: another ledger's checkpoint.
   */
  readonly prefix: 'confirmed' | 'truncated' | 'rewritten' | 'unproven' | 'not-checked';
  readonly problems: readonly IntegrityProblem[];
}

/**
 * The outcome of {@link verifyLedger}: the chain walk, a verdict per checkpoint, and every
 * problem in one list (chain first) for printing.
 *
 * @example
 * ```ts
 * const result = await verifyLedger(ledger, { checkpoints, publicKey });
 * for (const problem of result.problems) console.error(problem.message);
 * ```
 */
export interface LedgerVerification {
  /** True only when the chain verifies and every checkpoint is ok. */
  readonly ok: boolean;
  readonly origin: string;
  readonly chain: VerifyResult;
  readonly checkpoints: readonly CheckpointVerdict[];
  readonly problems: readonly IntegrityProblem[];
  /** Things worth saying that are not failures, such as signatures left unchecked. */
  readonly notes: readonly string[];
}

/**
 * Verifies a ledger against its own hash chain and against checkpoints issued earlier. The chain
 * alone catches edits, deletions and reordering; only a checkpoint kept outside the database
 * catches a history rewritten with every hash recomputed, or a tail cut off together with the
 * recorded head. Read-only: works on `openReadonlyLedger`. Every checkpoint's position is looked
 * up once, whatever the log's size; the chain walk holds one batch of rows.
 *
 * @example
 * ```ts
 * const ledger = await openReadonlyLedger('plan.db');
 * const result = await verifyLedger(ledger, {
 *   checkpoints: [{ label: 'cp-2024-01-15.json', checkpoint: readCheckpoint('cp-2024-01-15.json') }],
 *   publicKey: loadPublicKey('perfledger.pub'),
 * });
 * if (!result.ok) for (const problem of result.problems) console.error(problem.message);
 * ```
 */
export async function verifyLedger(
  ledger: Ledger,
  options: VerifyLedgerOptions = {},
): Promise<LedgerVerification> {
  const publicKey = options.publicKey === undefined ? undefined : toPublicKey(options.publicKey);
  const origin = await ledger.origin();
  const chain = await ledger.verify();
  const lastPosition = await lastPositionOf(ledger);
  const problems: IntegrityProblem[] = [];
  const notes: string[] = [];
  if (!chain.ok)
    problems.push({ code: 'CHAIN_BROKEN', message: `The hash chain is broken: ${chain.break.message}.` });
  const verdicts: CheckpointVerdict[] = [];
  for (const [index, input] of (options.checkpoints ?? []).entries()) {
    const { label, checkpoint } =
      'checkpoint' in input
        ? input
        : {
            label:
              'text' in input
                ? `#${index + 1} (size ${input.size})`
                : `#${index + 1} (issued ${input.issuedAt})`,
            checkpoint: input,
          };
    const facts = { origin, chain, lastPosition, publicKey };
    const verdict =
      'text' in checkpoint
        ? await judgeNoteCheckpoint(ledger, { label: `Checkpoint ${label}`, checkpoint }, facts, options)
        : await judge(ledger, { label: `Checkpoint ${label}`, checkpoint }, facts);
    if (!('text' in checkpoint) && (options.witnessKeys?.length ?? 0) > 0 && (options.quorum ?? 1) > 0) {
      verdict.problems = Object.freeze([
        ...verdict.problems,
        {
          code: 'QUORUM_NOT_MET',
          message: `Checkpoint ${label} is a JSON checkpoint, which carries no witness cosignatures; a quorum of witnesses was required.`,
        },
      ]);
      verdict.ok = false;
    }
    problems.push(...verdict.problems);
    if (verdict.signature === 'unchecked')
      notes.push(`Checkpoint ${label}: signature not checked (no public key given).`);
    verdicts.push(Object.freeze({ ...verdict, label }));
  }
  return Object.freeze({
    ok: chain.ok && verdicts.every((verdict) => verdict.ok),
    origin,
    chain,
    checkpoints: Object.freeze(verdicts),
    problems: Object.freeze(problems),
    notes: Object.freeze(notes),
  });
}

/** What both kinds of checkpoint are judged against. */
export interface LogFacts {
  readonly origin: string;
  readonly chain: VerifyResult;
  readonly lastPosition: number;
  readonly publicKey: ReturnType<typeof toPublicKey> | undefined;
}

async function judge(
  ledger: Ledger,
  { label, checkpoint }: { label: string; checkpoint: SignedCheckpoint },
  facts: LogFacts,
): Promise<Mutable<Omit<CheckpointVerdict, 'label'>>> {
  const problems: IntegrityProblem[] = [];
  const described = `${label} (size ${checkpoint.size}, head ${short(checkpoint.headHash)})`;

  let signature: CheckpointVerdict['signature'] = 'unchecked';
  if (facts.publicKey !== undefined) {
    signature = verifyCheckpointSignature(checkpoint, facts.publicKey) ? 'valid' : 'invalid';
    if (signature === 'invalid') {
      const keyId = keyIdOf(facts.publicKey);
      problems.push({
        code: 'SIGNATURE_INVALID',
        message:
          checkpoint.keyId === keyId
            ? `${label} has an invalid signature: it was altered after signing, or forged.`
            : `${label} was signed by key ${checkpoint.keyId}, not by the public key given (${keyId}).`,
      });
    }
  }

  const originMatches = checkpoint.origin === facts.origin;
  let prefix: CheckpointVerdict['prefix'];
  if (!originMatches) {
    prefix = 'not-checked';
    problems.push({
      code: 'ORIGIN_MISMATCH',
      message: `${label} is of another ledger (origin ${checkpoint.origin}); this ledger's origin is ${facts.origin}.`,
    });
  } else {
    const stored = await ledger.store.hashAt(checkpoint.size);
    if (checkpoint.size > facts.lastPosition) {
      prefix = 'truncated';
      problems.push({
        code: 'LOG_TRUNCATED',
        message: `The log now ends at position ${facts.lastPosition}, but ${label} recorded ${checkpoint.size} events: the tail was truncated.`,
      });
    } else if (stored !== checkpoint.headHash) {
      prefix = 'rewritten';
      problems.push({
        code: 'CHECKPOINT_MISMATCH',
        message:
          stored === undefined
            ? `${described} is not a prefix of this log: the event at position ${checkpoint.size} is missing; history up to that point was changed.`
            : `${described} is not a prefix of this log: the event at position ${checkpoint.size} now hashes to ${short(stored)}; history up to that point was rewritten.`,
      });
    } else if (!facts.chain.ok && facts.chain.break.position <= checkpoint.size) {
      // The stored hash matches, but the rows behind it no longer produce it.
      prefix = 'unproven';
      problems.push({
        code: 'HISTORY_ALTERED',
        message: `${described} cannot be confirmed: the log was altered within the history it covers (${facts.chain.break.message}).`,
      });
    } else {
      prefix = 'confirmed';
    }
  }
  if (
    originMatches &&
    checkpoint.recordedAt !== null &&
    parseRecordedAt(checkpoint.recordedAt) > Date.parse(checkpoint.issuedAt) * 1000
  ) {
    problems.push({
      code: 'RECORDED_AFTER_ISSUE',
      message: `${described} covers an event recorded at ${checkpoint.recordedAt}, after the checkpoint was issued at ${checkpoint.issuedAt}: the ledger's clock ran ahead, so "as known at" times up to position ${checkpoint.size} cannot be trusted.`,
    });
  }
  return {
    checkpoint,
    ok: problems.length === 0,
    signature,
    originMatches,
    prefix,
    problems: Object.freeze(problems),
  };
}

/** A verdict still being assembled. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The position of the last event actually stored (the recorded head may claim more, or less). */
async function lastPositionOf(ledger: Ledger): Promise<number> {
  const row = await ledger.store.query.get<{ last: unknown }>('SELECT max(position) AS last FROM events');
  return row?.last === null || row?.last === undefined ? 0 : Number(row.last);
}

function short(hash: string): string {
  return `${hash.slice(0, 12)}…`;
}
