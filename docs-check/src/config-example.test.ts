import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliIo, main } from '@perfledger/cli';
import { afterAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from './repository.js';

// docs/status-keys.md shows a whole perfledger.config.json: it must be a file the CLI accepts,
// whose scheme imports and reports as the page says.
const page = readFileSync(join(repositoryRoot, 'docs', 'status-keys.md'), 'utf8');
const example = /<!-- config-file-example -->\n\n```json\n([\s\S]*?)\n```/.exec(page)?.[1];

const root = mkdtempSync(join(tmpdir(), 'perfledger-config-example-'));
let stdout = '';
let stderr = '';
const io: CliIo = {
  stdout: (text) => {
    stdout += text;
  },
  stderr: (text) => {
    stderr += text;
  },
  interactive: false,
  cwd: root,
};
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function run(...args: string[]): Promise<number> {
  stdout = '';
  stderr = '';
  return main(args, io);
}

interface ExampleValue {
  label: string;
  symbol?: string;
  aliases?: string[];
}

describe('the config file example of docs/status-keys.md', () => {
  it('is on the page', () => {
    expect(example).toBeDefined();
  });

  it('is accepted by the CLI, and its symbols, aliases and order work as documented', async () => {
    writeFileSync(join(root, 'perfledger.config.json'), example ?? '');
    const config = JSON.parse(example ?? '{}') as { statusKeys: { id: string; values: ExampleValue[] }[] };
    const [scheme] = config.statusKeys;
    expect(scheme?.id).toBe('progress');
    const values = scheme?.values ?? [];
    // One action per value, each spelt by its symbol or first alias when it has one.
    const rows = values.map(
      (value, i) =>
        `CP0${i + 1},Action ${i + 1},Place,Highways,Council Plan,open,2020-03-31,50,${value.symbol ?? value.aliases?.[0] ?? value.label},`,
    );
    writeFileSync(
      join(root, 'q1.csv'),
      `code,title,directorate,section,plan,stage,due_date,percent_complete,status,comments\n${rows.join('\n')}\n`,
    );
    expect(await run('import', 'q1.csv', '--as-of', '2019-06-30', '--status-key', 'progress'), stderr).toBe(
      0,
    );
    expect(await run('report', 'quarter', '--fy', '2019/20', '--quarter', '1', '--format', 'json')).toBe(0);
    const counts = (JSON.parse(stdout) as { counts: Record<string, number> }).counts;
    expect(Object.keys(counts)).toEqual(values.map((value) => value.label));

    // The documented refusal, word for word but for the file's path.
    writeFileSync(
      join(root, 'q2.csv'),
      `code,title,directorate,section,plan,stage,due_date,percent_complete,status,comments\n${rows[0]!.replace(/,[^,]*,$/, ',Sideways,')}\n`,
    );
    expect(await run('import', 'q2.csv', '--as-of', '2019-09-30')).toBe(1);
    const documented = /```text\n(error \[SNAPSHOT_INVALID\][\s\S]*?)\n```/.exec(page)?.[1] ?? '';
    expect(stderr.trimEnd().replaceAll(join(root, 'q2.csv'), '/data/q2.csv')).toBe(documented);
  });
});
