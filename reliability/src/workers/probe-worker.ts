// An OS process that opens a ledger in a hostile environment (as another user, on a read-only
// mount, with a file-size limit, on a full disk) and reports, as one JSON line on stdout, what
// each step did: which typed error it got, and what the log looked like before and after.
import { type CommandInput, type Ledger, LedgerError } from '@perfledger/core';
import { openLedger, openReadonlyLedger } from '@perfledger/sqlite';
import type { ProbeWorkerConfig } from '../support/worker-configs.js';

/** One step's outcome: ok with a value, or the error's class, code and message. */
export type ProbeStep =
  | { readonly ok: true; readonly value: unknown }
  | {
      readonly ok: false;
      readonly typed: boolean;
      readonly name: string;
      readonly code: string | null;
      readonly message: string;
      readonly cause: string | null;
    };

async function attempt(work: () => unknown): Promise<ProbeStep> {
  try {
    return { ok: true, value: (await work()) ?? null };
  } catch (error) {
    const e = error as { name?: string; code?: string; message?: string; cause?: { code?: string } };
    return {
      ok: false,
      typed: error instanceof LedgerError,
      name: String(e?.name),
      code: typeof e?.code === 'string' ? e.code : null,
      message: String(e?.message),
      cause: typeof e?.cause?.code === 'string' ? e.cause.code : null,
    };
  }
}

const config = JSON.parse(process.argv[2] ?? '{}') as ProbeWorkerConfig;
const report: Record<string, ProbeStep> = {};
let ledger: Ledger | undefined;
report.open = await attempt(async () => {
  ledger = config.readonly ? await openReadonlyLedger(config.file) : await openLedger({ file: config.file });
  return 'opened';
});
if (ledger !== undefined) {
  const open = ledger;
  const state = async () => ({ head: await open.head(), verified: (await open.verify()).ok });
  report.before = await attempt(state);
  if (config.bigBatch > 0) {
    const filler: CommandInput[] = Array.from({ length: config.bigBatch }, (_, i) => ({
      type: 'AddComment',
      code: 'PROBE_01',
      effectiveOn: '2024-06-30',
      comment: `${'A long quarterly commentary. '.repeat(180)}${i}`,
    }));
    report.big = await attempt(async () => (await open.executeAll(filler)).lastPosition);
    report.afterBig = await attempt(state);
  }
  report.write = await attempt(
    async () =>
      (
        await open.execute({
          type: 'AddComment',
          code: 'PROBE_01',
          effectiveOn: '2024-06-30',
          comment: 'probe',
        })
      ).lastPosition,
  );
  report.after = await attempt(state);
  await open.close();
  report.reopen = await attempt(async () => {
    const again = await openReadonlyLedger(config.file);
    try {
      return { head: await again.head(), verified: (await again.verify()).ok };
    } finally {
      await again.close();
    }
  });
}
process.stdout.write(`${JSON.stringify(report)}\n`);
