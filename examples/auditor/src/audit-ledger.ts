import { auditTrailProjection, explain, queryTrail } from '@perfledger/audit-trail';
import {
  type CheckpointInput,
  listPublishedReports,
  loadPublicKey,
  readAnyCheckpoint,
  verifyLedger,
} from '@perfledger/core';
import { openReadonlyLedger } from '@perfledger/sqlite';

/**
 * What to audit.
 *
 * @example
 * ```ts
 * const options: AuditOptions = { file: 'plan.db', checkpoints: ['cp.json'], publicKey: 'auditor.pub' };
 * ```
 */
export interface AuditOptions {
  /** The ledger database as supplied (opened read-only: nothing here can change it). */
  readonly file: string;
  /** Checkpoint files supplied with it, written earlier by `perfledger checkpoint` (note or JSON). */
  readonly checkpoints?: readonly string[];
  /** The public key (`.pub`) to check the checkpoints' signatures with. */
  readonly publicKey?: string;
  /** Where the findings go, one line at a time. */
  readonly log?: (line: string) => void;
}

/**
 * The audit's outcome, besides what it printed.
 *
 * @example
 * ```ts
 * const { verified, problems } = await auditLedger({ file: 'plan.db' });
 * ```
 */
export interface AuditFindings {
  /** True only when the chain verifies and every checkpoint checks out. */
  readonly verified: boolean;
  /** The stable codes of what failed (`CHAIN_BROKEN`, `LOG_TRUNCATED`, …). */
  readonly problems: readonly string[];
  /** How many times a due date was revised. */
  readonly revisions: number;
  /** The actions whose due date moved, each explained in the output. */
  readonly moved: readonly string[];
}

/**
 * An auditor's first hour with a ledger: verify the hash chain and the signed checkpoints, list
 * every due-date revision (who, when, effective when, from what to what, why), then explain each
 * moved due date in plain sentences, flagging back-dated changes and changes recorded after a
 * published quarter-end report.
 *
 * @example
 * ```ts
 * const findings = await auditLedger({ file: 'plan.db', checkpoints: ['cp.json'], publicKey: 'keys/auditor.pub' });
 * process.exitCode = findings.verified ? 0 : 1;
 * ```
 */
export async function auditLedger(options: AuditOptions): Promise<AuditFindings> {
  const log = options.log ?? console.log;
  const checkpoints: CheckpointInput[] = (options.checkpoints ?? []).map((file) => ({
    label: file,
    checkpoint: readAnyCheckpoint(file).checkpoint,
  }));
  const publicKey = options.publicKey === undefined ? undefined : loadPublicKey(options.publicKey);
  // The audit trail as the writer kept it (the CLI runs it inline); a read-only handle never rebuilds it.
  const ledger = await openReadonlyLedger(options.file, { projections: [auditTrailProjection] });
  try {
    log(`Ledger ${options.file} (origin ${await ledger.origin()}), opened read-only.`);
    const verification = await verifyLedger(ledger, {
      checkpoints,
      ...(publicKey === undefined ? {} : { publicKey }),
    });
    if (verification.chain.ok) {
      log(`Chain OK: ${verification.chain.count} events, head ${verification.chain.headHash}.`);
    }
    for (const verdict of verification.checkpoints) {
      if (verdict.ok) {
        log(
          `Checkpoint ${verdict.label} OK: its ${verdict.checkpoint.size} events are unchanged (signature ${verdict.signature}).`,
        );
      }
    }
    for (const problem of verification.problems) log(`PROBLEM [${problem.code}] ${problem.message}`);
    for (const note of verification.notes) log(`note: ${note}`);
    log(
      verification.ok
        ? 'VERIFIED.'
        : 'NOT VERIFIED: what follows is what the file says, not what was recorded.',
    );

    const revisions = await queryTrail(ledger, { field: 'dueDate', eventType: 'DueDateRevised' });
    log('');
    log(`Due-date revisions: ${revisions.length}`);
    for (const row of revisions) {
      log(
        `  #${row.position} ${row.code}: ${row.before} -> ${row.after}, effective ${row.effectiveOn}, ` +
          `recorded ${row.recordedAt} by ${row.actor ?? 'unknown'}. Reason: ${row.reason ?? '(none)'}`,
      );
    }

    const publications = (await listPublishedReports(ledger)).map((report) => ({
      fy: report.fy,
      quarter: report.quarter,
      publishedAt: report.recordedAt,
    }));
    const moved = [...new Set(revisions.map((row) => row.code))];
    for (const code of moved) {
      log('');
      for (const sentence of (await explain(ledger, code, { publications })).sentences) log(sentence);
    }
    return {
      verified: verification.ok,
      problems: verification.problems.map((problem) => problem.code),
      revisions: revisions.length,
      moved,
    };
  } finally {
    await ledger.close();
  }
}
