import { type ChildProcess, fork } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ledger } from '@perfledger/core';
import { openLedger } from '@perfledger/sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportReport } from './import-report.js';
import { importSnapshot } from './import-snapshot.js';
import { type TempLedger, tempLedger, toCsv } from './test-support/temp-ledger.js';

const WORKER = fileURLToPath(new URL('../test/fixtures/import-worker.mjs', import.meta.url));
const BUILT = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const HEADER = [
  'code',
  'title',
  'directorate',
  'section',
  'stage',
  'due_date',
  'percent_complete',
  'status',
  'comments',
];
const WORKERS = 4;
const ROWS = 25;

interface Job {
  readonly file: string;
  readonly options: { readonly asOf: string; readonly statusKey: string; readonly plan: string };
}

type WorkerResult = { reports: ImportReport[] } | { error: { name: string; code: string; message: string } };

function snapshot(dir: string, name: string, prefix: string, quarter: number): string {
  const rows = Array.from({ length: ROWS }, (_, i) => {
    const code = `${prefix}_${String(i + 1).padStart(2, '0')}`;
    const done = quarter === 2 && i % 5 === 0;
    return [
      code,
      `Action ${code}`,
      'Resources',
      'Finance Services',
      done ? 'Completed' : 'In Progress',
      quarter === 2 && i % 4 === 1 ? '31-Mar-2021' : '31/12/2020',
      done ? '100%' : `${Math.min(99, 10 * quarter + i)}%`,
      done ? 'Completed' : quarter === 2 ? 'Warning' : 'In Progress',
      `Quarter ${quarter} update for ${code}.`,
    ];
  });
  const file = join(dir, name);
  writeFileSync(file, toCsv([HEADER, ...rows]));
  return file;
}

function runWorker(
  db: string,
  jobs: readonly Job[],
): { child: ChildProcess; ready: Promise<void>; done: Promise<WorkerResult> } {
  const child = fork(WORKER, [db, JSON.stringify(jobs)], { execArgv: [], silent: true });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  let result: WorkerResult | undefined;
  const ready = new Promise<void>((resolve) => {
    child.once('message', () => resolve());
  });
  const done = new Promise<WorkerResult>((resolve, reject) => {
    child.on('message', (message) => {
      if (message !== 'ready') result = message as WorkerResult;
    });
    child.once('exit', (exitCode) => {
      if (result !== undefined) resolve(result);
      else reject(new Error(`worker exited with ${exitCode} and no result: ${stderr}`));
    });
  });
  return { child, ready, done };
}

async function streams(ledger: Ledger): Promise<Map<string, unknown[]>> {
  const byStream = new Map<string, unknown[]>();
  for await (const event of ledger.readAll()) {
    const list = byStream.get(event.stream) ?? [];
    list.push([
      event.streamVersion,
      event.type,
      event.effectiveOn,
      event.data,
      event.source,
      event.correlationId,
    ]);
    byStream.set(event.stream, list);
  }
  return byStream;
}

const temps: TempLedger[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const temp of temps.splice(0)) await temp.dispose();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('importSnapshot across processes', () => {
  it('several processes importing into one database file all succeed, and every event lands once', async () => {
    if (!existsSync(BUILT))
      throw new Error(`Build the package first (npx tsc -b packages/import): ${BUILT} is missing.`);
    const temp = await tempLedger();
    dirs.push(temp.dir);
    // The file exists before the race, as it would for a ledger in use.
    await temp.ledger.close();
    const options = { statusKey: 'pentana', plan: 'Resources Business Plan 2019-22' };
    const shared = snapshot(temp.dir, 'shared.csv', 'SHARED', 1);
    const jobsOf = (worker: number): Job[] => [
      {
        file: snapshot(temp.dir, `w${worker}-q1.csv`, `W${worker}`, 1),
        options: { asOf: '2020-06-30', ...options },
      },
      { file: shared, options: { asOf: '2020-06-30', ...options } },
      {
        file: snapshot(temp.dir, `w${worker}-q2.csv`, `W${worker}`, 2),
        options: { asOf: '2020-09-30', ...options },
      },
    ];

    const workers = Array.from({ length: WORKERS }, (_, worker) => runWorker(temp.file, jobsOf(worker)));
    await Promise.all(workers.map((w) => w.ready));
    for (const w of workers) w.child.send('go');
    const results = await Promise.all(workers.map((w) => w.done));

    for (const result of results) expect(result).not.toHaveProperty('error');
    const reports = results.map((result) => (result as { reports: ImportReport[] }).reports);
    // The shared file raced four times: one import appended it, the others replayed that one.
    const sharedReports = reports.map((r) => r[1]!);
    expect(sharedReports.filter((r) => !r.replayed)).toHaveLength(1);
    expect(sharedReports.filter((r) => r.eventsAppended > 0)).toHaveLength(1);

    // The same imports made one after another, in one process, give the same streams.
    const reference = await tempLedger();
    temps.push(reference);
    await importSnapshot(reference.ledger, { file: shared }, { asOf: '2020-06-30', ...options });
    for (let worker = 0; worker < WORKERS; worker++) {
      for (const job of jobsOf(worker).filter((j) => j.file !== shared)) {
        await importSnapshot(reference.ledger, { file: job.file }, job.options);
      }
    }
    const ledger = await openLedger({ file: temp.file });
    try {
      expect(await ledger.verify()).toMatchObject({ ok: true });
      expect((await ledger.head()).position).toBe((await reference.ledger.head()).position);
      expect(await streams(ledger)).toEqual(await streams(reference.ledger));
      const appended = reports.flat().reduce((sum, report) => sum + report.eventsAppended, 0);
      expect(appended).toBe((await ledger.head()).position);
    } finally {
      await ledger.close();
    }
  });
});
