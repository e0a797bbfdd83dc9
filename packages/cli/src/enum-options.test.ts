import { readdirSync } from 'node:fs';
import type { Command, Option } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProgram } from './program.js';
import { cliHarness, makeTempDir, removeTempDir } from './test-support/cli-harness.js';

let dir: string;
const { run, out, err, io } = cliHarness(() => dir);

beforeEach(() => {
  dir = makeTempDir('perfledger-enum-');
});
afterEach(() => removeTempDir(dir));

/** Every command of the tree with its path of names (`['report', 'quarter']`). */
function commandsOf(command: Command, path: string[] = []): { path: string[]; command: Command }[] {
  return command.commands.flatMap((sub) => [
    { path: [...path, sub.name()], command: sub },
    ...commandsOf(sub, [...path, sub.name()]),
  ]);
}

const program = createProgram(io());
const everyOption = commandsOf(program).flatMap(({ path, command }) =>
  (command.options as Option[]).map((option) => ({ path, option })),
);

/**
 * Options whose value is one of a fixed set, by their long name. `import --status-key` is not:
 * the config file adds a council's own keys, so the command checks it against them (exit 2,
 * listing the known keys: custom-status-keys.int.test.ts).
 */
const ENUM_OPTIONS = new Set(['--format', '--field', '--type', '--by']);

describe('every option with a fixed set of values', () => {
  it('declares its choices, on every command', () => {
    const enums = everyOption.filter(({ option }) => ENUM_OPTIONS.has(option.long ?? ''));
    expect(enums.length).toBeGreaterThan(10);
    const withoutChoices = enums
      .filter(({ option }) => option.argChoices === undefined)
      .map(({ path, option }) => `${path.join(' ')} ${option.long}`);
    expect(withoutChoices).toEqual([]);
  });

  it.each(
    everyOption
      .filter(({ option }) => option.argChoices !== undefined)
      .map(({ path, option }) => [`${path.join(' ')} ${option.long}`, path, option] as const),
  )('%s: an unknown value exits 2, listing the choices, and touches nothing', async (_, path, option) => {
    const code = await run(...path, option.long!, 'xml-or-nonsense');
    expect(code).toBe(2);
    expect(err()).toContain(`option '${option.flags}' argument 'xml-or-nonsense' is invalid`);
    expect(err()).toContain(`Allowed choices are ${option.argChoices!.join(', ')}.`);
    expect(out()).toBe('');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('verify --format xml exits 2 (it was accepted with exit 0)', async () => {
    expect(await run('verify', '--format', 'xml')).toBe(2);
    expect(err()).toContain('Allowed choices are text, json.');
  });

  it('report quarter --quarter 5 exits 2, naming the quarters (it also accepts Q1…Q4, so it parses its value)', async () => {
    const code = await run('report', 'quarter', '--fy', '2019/20', '--quarter', '5');
    expect(code).toBe(2);
    expect(err()).toContain('--quarter must be 1, 2, 3 or 4');
    expect(readdirSync(dir)).toEqual([]);
  });
});
