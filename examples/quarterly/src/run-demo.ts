/**
 * The main job as a function: a year of quarterly snapshots from a public council report goes
 * through the perfledger CLI end to end — imported, published, corrected, reported, explained,
 * verified — into an embedded SQLite file under `<root>/out/`, or a ledger of a PostgreSQL database.
 *
 * Every step is the same command a performance officer or auditor would type; it is run
 * in-process through the CLI's `main`, and echoed before it runs.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type CliIo, main, processIo } from '@perfledger/cli';
import { BrowserNotFoundError, findBrowser } from '@perfledger/committee-report/pdf';

/** Where the demo runs and where its output goes. */
export interface DemoOptions {
  /** The directory the demo works in: paths are printed relative to it, and `out/` is created in it. */
  readonly root: string;
  /** Receives the demo's own lines (section titles, echoed commands); `console.log` by default. */
  readonly log?: (line: string) => void;
  /** Where the CLI writes its output and errors; the process's streams by default. */
  readonly io?: CliIo;
  /**
   * A PostgreSQL database (a `postgres://` or `postgresql://` URL) to run the demo in, instead of
   * the SQLite file `out/perfledger-demo.db`. The ledger `ledger` in it must be empty: the caller
   * removes what an earlier run left (`npm run demo` does).
   */
  readonly postgres?: { readonly url: string; readonly ledger: string };
}

/** What the demo left behind. */
export interface DemoResult {
  /** The ledger: the SQLite file, or the PostgreSQL URL the demo ran in. */
  readonly db: string;
  /** The directory holding the ledger, the reports, the keys and the checkpoint. */
  readonly out: string;
  /** The Q3 committee report (HTML). */
  readonly html: string;
  /** The Q3 report as a workbook (XLSX): one sheet per table. */
  readonly xlsx: string;
  /** The same report as a PDF; undefined when no Chromium was found to print it. */
  readonly pdf: string | undefined;
}

/** A step of the demo exited with a code other than the one expected. */
export class DemoStepError extends Error {}

const data = join(import.meta.dirname, '..', 'data');

/** The plans of the snapshots, each with a quarterly return to sign off. */
const PLANS = [
  'Resources Business Plan 2019-22',
  'Revenues, Benefits and Customer Services Business Plan 2019-22',
  'ICT and Business Transformation Business Plan 2019-22',
] as const;

/**
 * Runs the demo in `root`, replacing any ledger (the SQLite one), reports, keys and checkpoint an
 * earlier run left in `root/out`. Throws {@link DemoStepError} when a command does not exit as expected.
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const { root } = options;
  const log = options.log ?? ((line: string) => console.log(line));
  const out = join(root, 'out');
  const postgres = options.postgres;
  const db = postgres?.url ?? join(out, 'perfledger-demo.db');
  const rel = (path: string) => relative(root, path);
  const ledgerArgs = postgres === undefined ? ['--db', rel(db)] : ['--db', db, '--ledger', postgres.ledger];

  mkdirSync(out, { recursive: true });
  if (postgres === undefined)
    for (const file of [db, `${db}-wal`, `${db}-shm`]) rmSync(file, { force: true });
  // The reports are written without --force (a command never replaces a file unasked): remove
  // what an earlier run wrote, so the demo can run again.
  for (const report of [
    '2019-20-q1.md',
    '2019-20-q2.html',
    '2019-20-q3.html',
    '2019-20-q3.pdf',
    '2019-20-q3.xlsx',
    '2019-20-q1-indicators.html',
  ])
    rmSync(join(out, report), { force: true });
  rmSync(join(out, 'keys'), { recursive: true, force: true });
  mkdirSync(join(out, 'keys'));
  for (const proofFile of ['checkpoint.txt', '2019-20-q2.html.proof.json', 'witness'])
    rmSync(join(out, proofFile), { recursive: true, force: true });

  const io: CliIo = { ...(options.io ?? processIo()), cwd: root };
  let captured = '';
  const capturing: CliIo = {
    ...io,
    stdout: (text) => {
      captured += text;
    },
  };

  async function perfledger(
    args: readonly string[],
    expect: 0 | 1 = 0,
    quiet = false,
    offline = false,
  ): Promise<string> {
    log(`\n$ perfledger ${args.join(' ')}`);
    captured = '';
    // An offline step (a witness, a proof check) is given no ledger at all.
    const code = await main(offline ? [...args] : [...args, ...ledgerArgs], quiet ? capturing : io);
    if (code !== expect) {
      throw new DemoStepError(`demo: 'perfledger ${args.join(' ')}' exited ${code}, expected ${expect}`);
    }
    return captured;
  }

  function section(title: string): void {
    log(`\n${'='.repeat(78)}\n${title}\n${'='.repeat(78)}`);
  }

  const snapshot = (name: string) => rel(join(data, name));
  const publishedId = (json: string, quarter: number) =>
    (JSON.parse(json) as { eventId: string; quarter: number }[]).filter((r) => r.quarter === quarter).at(-1)!
      .eventId;

  section(
    '1. Import a year of quarterly snapshots (Broxtowe Borough Council, Resources business plan 2019/20)',
  );
  const asPentana = ['--status-key', 'pentana'];
  await perfledger([
    'import',
    snapshot('2019-20-q1.csv'),
    '--as-of',
    '2019-06-30',
    ...asPentana,
    '--actor',
    'performance.team',
  ]);
  await perfledger([
    'report',
    'quarter',
    '--fy',
    '2019/20',
    '--quarter',
    '1',
    '--publish',
    '--allow-unapproved',
    '--actor',
    'performance.team',
    '--format',
    'md',
    '--out',
    rel(join(out, '2019-20-q1.md')),
  ]);
  log(
    '\n(Q1 was published before its sign-off was recorded: that needs --allow-unapproved, and the report and its publication record say so.)',
  );
  await perfledger([
    'import',
    snapshot('2019-20-q2.csv'),
    '--as-of',
    '2019-09-30',
    ...asPentana,
    '--actor',
    'performance.team',
  ]);
  log('\nEach plan’s Q2 return is submitted by one officer and approved by another before it is published:');
  for (const plan of PLANS) {
    const which = ['--fy', '2019/20', '--quarter', '2', '--plan', plan];
    await perfledger(['return', 'submit', ...which, '--actor', 'performance.team']);
    await perfledger([
      'return',
      'approve',
      ...which,
      '--actor',
      'head.of.service',
      '--note',
      'Checked against evidence',
    ]);
  }
  await perfledger([
    'report',
    'quarter',
    '--fy',
    '2019/20',
    '--quarter',
    '2',
    '--publish',
    '--actor',
    'performance.team',
    '--format',
    'html',
    '--out',
    rel(join(out, '2019-20-q2.html')),
  ]);
  log(
    '\nAfter Q2 was published, internal audit found FP1922_03 overstated; the correction is effective 30 September:',
  );
  await perfledger([
    'import',
    snapshot('2019-20-q2-correction.csv'),
    '--as-of',
    '2019-09-30',
    ...asPentana,
    '--actor',
    'internal.audit',
  ]);
  log(
    '\nInternal audit also found the Q1 status of RBCS1620_05 wrong: a correction of Q1, effective 30 June. It restates Q1;',
  );
  log('the Q2 return, which said "Warning" in its own right, still stands:');
  await perfledger([
    'import',
    snapshot('2019-20-q1-correction.csv'),
    '--as-of',
    '2019-06-30',
    ...asPentana,
    '--actor',
    'internal.audit',
  ]);
  const published = await perfledger(['report', 'list', '--format', 'json'], 0, true);
  const q2Basis = (JSON.parse(published) as { quarter: number; basedOnPosition: number }[])
    .filter((r) => r.quarter === 2)
    .at(-1)!.basedOnPosition;
  log(
    '\nWhat changed for which quarter since the Q2 report was published (output captured to find its position):',
  );
  await perfledger(['report', 'restatements', '--fy', '2019/20', '--known-at', String(q2Basis)]);
  log(
    '\nThe first Q3 return has the errors the real report contained (31-Apr-2020, 160%, a RAG word in a Pentana plan).',
  );
  log('It is refused whole, every problem named, and nothing is written:');
  await perfledger(['import', snapshot('2019-20-q3-draft.csv'), '--as-of', '2019-12-31', ...asPentana], 1);
  await perfledger([
    'import',
    snapshot('2019-20-q3.csv'),
    '--as-of',
    '2019-12-31',
    ...asPentana,
    '--actor',
    'performance.team',
  ]);

  section('2. The committee reads the Q3 report; scrutiny asks about slippage');
  await perfledger(['report', 'quarter', '--fy', '2019/20', '--quarter', '3', '--by', 'directorate']);
  await perfledger(['slippage']);

  section('3. An auditor asks why a due date moved, and whether the published Q2 still stands');
  log(
    '(The snapshots describe 2019 but are recorded today: explain tells the first record of each quarter from a correction of it.)',
  );
  await perfledger(['explain', 'DEM1922_01']);
  await perfledger(['trail', 'FP1922_03', '--field', 'percentComplete']);
  const reports = await perfledger(['report', 'list', '--format', 'json'], 0, true);
  log('(output captured to find the id of the published Q2 report)');
  const q2 = publishedId(reports, 2);
  await perfledger(['report', 'reproduce', q2]);
  await perfledger(['report', 'restatement', q2]);

  section('4. Verify the chain, with a signed checkpoint kept outside the database');
  await perfledger(['keygen', rel(join(out, 'keys')), '--name', 'auditor']);
  await perfledger([
    'checkpoint',
    '--key',
    rel(join(out, 'keys', 'auditor.key')),
    '--out',
    rel(join(out, 'checkpoint.json')),
    '--format',
    'json',
    '--force',
  ]);
  await perfledger([
    'verify',
    '--checkpoint',
    rel(join(out, 'checkpoint.json')),
    '--public-key',
    rel(join(out, 'keys', 'auditor.pub')),
  ]);
  log(
    '\nThe projection tables are not chained: replay the log through the projections, writing nothing, and compare each table with it (a digest first, then row by row by key).',
  );
  await perfledger(['verify', '--projections']);
  if (postgres === undefined) {
    log(
      '\nA slip of the keyboard cannot destroy the ledger: writing a report over it is refused, and nothing is written.',
    );
    await perfledger(
      ['report', 'quarter', '--fy', '2019/20', '--quarter', '3', '--out', rel(db), '--force'],
      1,
    );
  }

  section('4b. An offline proof of the published Q2 report: checkpoint, witness cosignature, proof bundle');
  const keys = (name: string) => rel(join(out, 'keys', name));
  const checkpointTxt = rel(join(out, 'checkpoint.txt'));
  const bundle = rel(join(out, '2019-20-q2.html.proof.json'));
  await perfledger(['keygen', rel(join(out, 'keys')), '--name', 'witness']);
  await perfledger(['checkpoint', '--key', keys('auditor.key'), '--out', checkpointTxt]);
  log(
    '\nAn independent witness checks the checkpoint and cosigns it (it keeps its own state, and no database):',
  );
  await perfledger(
    [
      'witness',
      'cosign',
      checkpointTxt,
      '--key',
      keys('witness.key'),
      '--state',
      rel(join(out, 'witness')),
      '--ledger-key',
      keys('auditor.pub'),
    ],
    0,
    false,
    true,
  );
  await perfledger(['proof', 'event', q2, '--checkpoint', checkpointTxt, '--out', bundle]);
  log('\nAnyone with the report, the bundle and the public keys can check it, with no database at all:');
  await perfledger(
    [
      'proof',
      'verify',
      bundle,
      '--report',
      rel(join(out, '2019-20-q2.html')),
      '--key',
      keys('auditor.pub'),
      '--witness-key',
      keys('witness.pub'),
    ],
    0,
    false,
    true,
  );

  section('5. The committee report, as the committee receives it (HTML and PDF)');
  const html = join(out, '2019-20-q3.html');
  // Who the report is for; a perfledger.config.json "report" section can say the same once.
  const titleBlock = [
    '--organisation',
    'Broxtowe Borough Council',
    '--committee',
    'Finance and Resources Committee',
    '--meeting-date',
    '2020-02-13',
    '--author',
    'Head of Policy and Performance',
  ];
  const quarterThree = ['report', 'quarter', '--fy', '2019/20', '--quarter', '3', ...titleBlock];
  await perfledger([...quarterThree, '--format', 'html', '--out', rel(html)]);
  log(
    `\nThe Q3 committee report is in ${rel(html)} (${readFileSync(html).length.toLocaleString('en-GB')} bytes, self-contained: open it in any browser).`,
  );
  const pdf = join(out, '2019-20-q3.pdf');
  let browser: string | undefined;
  try {
    browser = findBrowser({ env: process.env });
  } catch (error) {
    if (!(error instanceof BrowserNotFoundError)) throw error;
    log(`\nNo PDF this time: ${error.message}`);
  }
  if (browser !== undefined) {
    await perfledger([...quarterThree, '--format', 'pdf', '--browser', browser, '--out', rel(pdf)]);
    log(
      `The same report as an A4 PDF is in ${rel(pdf)} (${readFileSync(pdf).length.toLocaleString('en-GB')} bytes).`,
    );
  }
  const xlsx = join(out, '2019-20-q3.xlsx');
  await perfledger([
    'report',
    'quarter',
    '--fy',
    '2019/20',
    '--quarter',
    '3',
    '--by',
    'directorate',
    '--format',
    'xlsx',
    '--out',
    rel(xlsx),
  ]);
  log(`The same report as a workbook, one sheet per table, is in ${rel(xlsx)}.`);
  log(
    postgres === undefined
      ? `The ledger is ${rel(db)}: plain SQLite, query it with any SQLite tool (see docs/projections/).`
      : `The ledger is '${postgres.ledger}' in ${redacted(db)}: query its tables with psql (see docs/projections/ and docs/deployment.md).`,
  );

  section("6. Indicators: seed 001's Critical Success Indicators and KPIs for Q1 2019/20");
  log(
    'The outturns of 2017/18 and 2018/19 and the Q1 value, target, status and note of each indicator, as the report prints them',
  );
  log(
    '("9.3*" keeps its footnote, "-" is a missing value, not zero); importing the file again appends nothing:',
  );
  const indicators = snapshot('indicators-2019-20-q1.csv');
  await perfledger([
    'indicators',
    'import',
    indicators,
    '--as-of',
    '2019-06-30',
    '--actor',
    'performance.team',
  ]);
  await perfledger([
    'indicators',
    'import',
    indicators,
    '--as-of',
    '2019-06-30',
    '--actor',
    'performance.team',
  ]);
  log(
    "\nThe indicator report for Q1: the year's target profiled to the quarter, the status derived from the figures beside",
  );
  log(
    'the one reported, and the reported statuses the figures contradict (LALocal_07: 1 complaint against a target of 0):',
  );
  await perfledger(['indicators', 'report', '--period', '2019/20 Q1']);
  await perfledger(['indicators', 'trend', 'BV12']);
  await perfledger(['explain', 'BV12', '--period', '2019/20 Q1']);
  const q1Html = join(out, '2019-20-q1-indicators.html');
  await perfledger([
    'report',
    'quarter',
    '--fy',
    '2019/20',
    '--quarter',
    '1',
    '--format',
    'html',
    '--out',
    rel(q1Html),
  ]);
  log(`\nThe Q1 committee report, with its indicators section, is in ${rel(q1Html)}.`);

  return { db, out, html, xlsx, pdf: browser === undefined ? undefined : pdf };
}

/** A URL with its password, if any, replaced by `***`. */
function redacted(url: string): string {
  return url.replace(/(:\/\/[^/?#@:]*:)[^@]*@/, '$1***@');
}
