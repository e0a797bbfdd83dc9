/**
 * The main job: builds a small, realistic ledger from the public council report in
 * shared/seeds/001, then prints what it knows on both time axes.
 *
 * Run it with `npm run demo` from the repository root.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type ActionState, openLedger } from '@perfledger/core';
import { history } from './history.js';
import { printTable } from './print-table.js';

const root = join(import.meta.dirname, '..', '..', '..');
const outDir = join(root, 'out');
const file = join(outDir, 'perfledger-demo.db');
mkdirSync(outDir, { recursive: true });
for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });

// The example replays a year of history in a second, so the ledger's clock is simulated: each
// step is recorded at the time the council would have entered it. Real use never sets a clock.
let now = new Date(0);
const ledger = openLedger({ file, clock: () => now });

console.log(
  `perfledger demo: building ${relative(process.cwd(), file)} from the 2019/20 Resources business plan\n`,
);
for (const step of history) {
  now = new Date(step.recordedAt);
  const result = ledger.executeAll(step.commands, {
    actor: step.actor,
    source: 'demo',
    correlationId: step.label,
  });
  console.log(`  ${step.recordedAt.slice(0, 10)}  ${step.label}: ${result.events.length} events`);
}

const row = (a: ActionState) => [
  a.code,
  `${a.percentComplete}%`,
  a.status ?? '-',
  a.dueDate,
  a.originalDueDate === a.dueDate ? '' : `(was ${a.originalDueDate})`,
  a.closed ? `closed: ${a.closed.outcome}` : 'open',
];
const headers = ['Action', 'Done', 'Reported status', 'Due', 'Original due', 'State'];

console.log('\nEvery action now, as now known:\n');
console.log(printTable(headers, ledger.getActions().map(row)));

const quarterEnd = '2019-09-30';
const published = '2019-10-31T17:00:00Z';
console.log(`\nAs at the end of 2019/20 Q2 (${quarterEnd}), as reported on ${published.slice(0, 10)}:\n`);
console.log(printTable(headers, ledger.getActions({ asAt: quarterEnd, knownAt: published }).map(row)));
console.log(`\nAs at the end of 2019/20 Q2 (${quarterEnd}), as now known:\n`);
console.log(printTable(headers, ledger.getActions({ asAt: quarterEnd }).map(row)));

const reported = ledger.getAction('FP1922_03', { asAt: quarterEnd, knownAt: published });
const known = ledger.getAction('FP1922_03', { asAt: quarterEnd });
console.log(
  `\nRestatement: FP1922_03 was reported ${reported?.percentComplete}% complete at Q2; a back-dated correction recorded later makes it ${known?.percentComplete}%.`,
);

console.log('\nDue-date history of DEM1518_02:\n');
const revisions = ledger
  .readAction('DEM1518_02')
  .flatMap((event) =>
    event.type === 'DueDateRevised'
      ? [
          [
            event.data.from,
            event.data.to,
            event.effectiveOn,
            event.recordedAt.slice(0, 16),
            event.actor ?? '-',
            event.data.approver ?? '-',
            event.data.reason,
          ],
        ]
      : event.type === 'ActionRegistered'
        ? [
            [
              '',
              event.data.dueDate,
              event.effectiveOn,
              event.recordedAt.slice(0, 16),
              event.actor ?? '-',
              '-',
              'Registered',
            ],
          ]
        : [],
  );
console.log(printTable(['From', 'To', 'Effective', 'Recorded', 'By', 'Approved by', 'Reason'], revisions));

const verified = ledger.verify();
console.log(
  verified.ok
    ? `\nHash chain verified: ${verified.count} events, head ${verified.headHash.slice(0, 16)}…`
    : `\nHash chain BROKEN: ${verified.break.message}`,
);
ledger.close();
console.log(`\nThe ledger is in ${relative(process.cwd(), file)}; open it with any SQLite tool.`);
if (!verified.ok) process.exitCode = 1;
