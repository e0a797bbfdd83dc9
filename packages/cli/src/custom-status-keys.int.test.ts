import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openReadonlyLedger } from '@perfledger/sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliHarness, makeTempDir, removeTempDir } from './test-support/cli-harness.js';

// Issue 14, "Custom status keys from the CLI": a council's own scheme in perfledger.config.json,
// used by import, report, slippage, trail, explain and return, end to end on a real ledger.
let dir: string;
const { run, out, err } = cliHarness(() => dir);

const council = {
  statusKeys: [
    {
      id: 'progress',
      name: 'Council progress',
      values: [
        { label: 'On track', symbol: '●', colour: '#2e8540', aliases: ['green'], meaning: 'onTrack' },
        { label: 'At risk', symbol: '▲', colour: '#b35c00', aliases: ['amber'] },
        { label: 'Off track', symbol: '✕', colour: '#c8102e', aliases: ['red'], meaning: 'attention' },
        { label: 'Complete', symbol: '✓', colour: '#1d70b8', closes: 'completed' },
      ],
    },
  ],
};

const HEADER = 'code,title,directorate,section,plan,stage,due_date,percent_complete,status,comments';
const q1 = [
  HEADER,
  'CP01,Open the new library,Communities,Libraries,Council Plan,open,2020-03-31,40,On track,Going well',
  'CP02,Resurface the high street,Place,Highways,Council Plan,open,2019-12-31,10,▲,Contractor delayed',
  'CP03,Start food waste collection,Place,Waste,Council Plan,open,2019-09-30,30,red,Vehicles late',
  'CP04,Launch the new website,Resources,Digital,Council Plan,completed,2019-06-30,100,✓,Launched',
].join('\n');

function write(name: string, text: string): void {
  writeFileSync(join(dir, name), `${text}\n`);
}

async function position(): Promise<number> {
  const ledger = await openReadonlyLedger(join(dir, 'perfledger.db'));
  try {
    return (await ledger.head()).position;
  } finally {
    await ledger.close();
  }
}

beforeEach(() => {
  dir = makeTempDir('perfledger-status-keys-');
  write('perfledger.config.json', JSON.stringify(council, null, 2));
  write('q1.csv', q1);
});
afterEach(() => removeTempDir(dir));

describe('custom status keys from the config file', () => {
  it('imports words, symbols and aliases of the scheme and reports in its order and meanings', async () => {
    expect(await run('import', 'q1.csv', '--as-of', '2019-06-30', '--status-key', 'progress')).toBe(0);
    expect(await run('report', 'quarter', '--fy', '2019/20', '--quarter', '1', '--format', 'json')).toBe(0);
    const report = JSON.parse(out()) as {
      counts: Record<string, number>;
      items: { code: string; status: string; statusKey: string }[];
    };
    // Counted in the scheme's own order, in its canonical words.
    expect(report.counts).toEqual({ 'On track': 1, 'At risk': 1, 'Off track': 1, Complete: 1 });
    expect(report.items.map((item) => [item.code, item.statusKey, item.status])).toEqual([
      ['CP01', 'progress', 'On track'],
      ['CP02', 'progress', 'At risk'],
      ['CP03', 'progress', 'Off track'],
      ['CP04', 'progress', 'Complete'],
    ]);
    // "Off track" needs attention: the committee report lists CP03 as reported red, and only it.
    expect(await run('report', 'quarter', '--fy', '2019/20', '--quarter', '1', '--format', 'html')).toBe(0);
    const html = out();
    // The scheme's own colour and symbol for "At risk", beside its words.
    expect(html).toContain(
      'background:#b35c00" aria-hidden="true"></span><span class="status-symbol" aria-hidden="true">▲</span> At risk',
    );
    const red = html.slice(html.indexOf('Reported red'));
    expect(red).toContain('CP03');
    expect(red.slice(0, red.indexOf('</table>'))).not.toContain('CP01');

    // A later quarter's rows are read against the action's own key, with no --status-key.
    write('q2.csv', q1.replace('30,red,Vehicles late', '60,green,Recovered'));
    expect(await run('import', 'q2.csv', '--as-of', '2019-09-30')).toBe(0);
    expect(await run('report', 'quarter', '--fy', '2019/20', '--quarter', '2', '--format', 'json')).toBe(0);
    expect((JSON.parse(out()) as { counts: Record<string, number> }).counts).toEqual({
      'On track': 2,
      'At risk': 1,
      'Off track': 0,
      Complete: 1,
    });
    // Every reading and writing command opens the ledger with the scheme.
    expect(await run('slippage', '--format', 'json')).toBe(0);
    expect(await run('trail', 'CP03', '--field', 'status', '--format', 'json')).toBe(0);
    const afters = (JSON.parse(out()) as { after: string }[]).map((row) => row.after);
    expect(afters).toContain('Off track');
    expect(afters.at(-1)).toBe('On track');
    expect(await run('explain', 'CP03', '--field', 'status')).toBe(0);
    expect(out()).toContain('On track');
    expect(
      await run(
        'return',
        'submit',
        '--fy',
        '2019/20',
        '--quarter',
        '2',
        '--plan',
        'Council Plan',
        '--actor',
        'a.officer',
      ),
    ).toBe(0);
    expect(await run('return', 'status', '--fy', '2019/20', '--quarter', '2', '--plan', 'Council Plan')).toBe(
      0,
    );
  });

  it("refuses a value that is not the scheme's, listing its values, and writes nothing", async () => {
    expect(await run('import', 'q1.csv', '--as-of', '2019-06-30', '--status-key', 'progress')).toBe(0);
    const before = await position();
    write('q2.csv', q1.replace('40,On track,Going well', '50,Sideways,Unclear'));
    expect(await run('import', 'q2.csv', '--as-of', '2019-09-30')).toBe(1);
    expect(err()).toContain(
      "'Sideways' is not a Council progress value (On track, At risk, Off track, Complete)",
    );
    expect(await position()).toBe(before);
  });

  it('refuses an unknown --status-key as a usage error naming the keys, before reading the file', async () => {
    expect(await run('import', 'missing.csv', '--as-of', '2019-06-30', '--status-key', 'progres')).toBe(2);
    expect(err()).toContain(
      "--status-key 'progres' is not a status key; known keys: rag, pentana, delivery-plan, pentana-indicator, progress",
    );
    expect(existsSync(join(dir, 'perfledger.db'))).toBe(false);
    // A --config file that cannot be read is a usage error too.
    expect(await run('--config', 'none.json', 'import', 'q1.csv', '--as-of', '2019-06-30')).toBe(2);
    expect(err()).toContain('Cannot read the config file');
  });

  it('refuses a bad config file on every command with exit code 1, naming the key and value', async () => {
    expect(await run('import', 'q1.csv', '--as-of', '2019-06-30', '--status-key', 'progress')).toBe(0);
    const before = await position();
    const bad = structuredClone(council);
    bad.statusKeys[0]!.values[1]!.colour = 'amber';
    write('bad.json', JSON.stringify(bad));
    for (const args of [
      ['import', 'q1.csv', '--as-of', '2019-09-30'],
      ['report', 'quarter', '--fy', '2019/20', '--quarter', '1'],
      ['trail'],
    ]) {
      expect(await run('--config', 'bad.json', ...args), args.join(' ')).toBe(1);
      expect(err()).toContain('error [VALIDATION_FAILED]');
      expect(err()).toContain(
        'statusKeys.0.values.1.colour: Status key "progress": value "At risk": colour "amber" is not #rgb or #rrggbb',
      );
    }
    write('broken.json', '{ "statusKeys": [');
    expect(await run('--config', 'broken.json', 'trail')).toBe(2);
    expect(err()).toContain('is not JSON');
    expect(await position()).toBe(before);
    expect(readFileSync(join(dir, 'perfledger.config.json'), 'utf8')).toContain('"progress"');
  });
});

describe('custom status keys in the indicator import', () => {
  const indicators = [
    'code,title,period,value,target,good_is,previous,national,status,comments,unit,plan',
    'KP01,Library visits,2019/20 Q1,84617,80000,High,,,On track,Busy summer,count,Council Plan',
    'KP02,Potholes unrepaired,2019/20 Q1,120,100,Low,,,red,Wet spring,count,Council Plan',
  ].join('\n');

  it("registers indicators on the config file's key, and reads their statuses against it", async () => {
    write('kpis.csv', indicators);
    expect(
      await run('indicators', 'import', 'kpis.csv', '--as-of', '2019-06-30', '--status-key', 'progress'),
    ).toBe(0);
    expect(await run('indicators', 'report', '--period', '2019/20 Q1', '--format', 'json')).toBe(0);
    const report = JSON.parse(out()) as { items: { code: string; status: string | null }[] };
    expect(report.items.map((item) => [item.code, item.status])).toEqual([
      ['KP01', 'On track'],
      ['KP02', 'Off track'],
    ]);
  });

  it('refuses an unknown --status-key before reading the file, listing the known keys (exit 2)', async () => {
    write('kpis.csv', indicators);
    expect(
      await run('indicators', 'import', 'kpis.csv', '--as-of', '2019-06-30', '--status-key', 'traffic'),
    ).toBe(2);
    expect(err()).toContain("--status-key 'traffic' is not a status key; known keys:");
    expect(err()).toContain('progress');
    expect(existsSync(join(dir, 'perfledger.db'))).toBe(false);
  });
});
