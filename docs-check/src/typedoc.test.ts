import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from './repository.js';

const typedoc = join(
  dirname(createRequire(import.meta.url).resolve('typedoc/package.json')),
  'bin',
  'typedoc',
);

describe('the API reference (TypeDoc)', () => {
  it('builds from every package with no undocumented export and no broken {@link}', () => {
    // typedoc.json treats validation warnings (validation.notDocumented, invalidLink) as errors.
    const result = spawnSync(process.execPath, [typedoc, '--emit', 'none'], {
      cwd: repositoryRoot,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    const output = `${result.stdout}${result.stderr}`
      .split('\n')
      .filter((line) => /warning|error/i.test(line))
      .join('\n');
    expect(result.status, output).toBe(0);
    expect(output).not.toMatch(/does not have any documentation/);
  });
});
