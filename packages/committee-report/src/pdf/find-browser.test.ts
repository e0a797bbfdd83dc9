import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LedgerError } from '@perfledger/core';
import { afterAll, describe, expect, it } from 'vitest';
import { findBrowser } from './find-browser.js';
import { BrowserNotFoundError } from './pdf-errors.js';

const dir = mkdtempSync(join(tmpdir(), 'perfledger-find-browser-'));
const empty = mkdtempSync(join(tmpdir(), 'perfledger-find-browser-empty-'));
const chromium = join(dir, 'chromium');
writeFileSync(chromium, '#!/bin/sh\n');
chmodSync(chromium, 0o755);
const notExecutable = join(dir, 'google-chrome');
writeFileSync(notExecutable, '');
chmodSync(notExecutable, 0o644);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(empty, { recursive: true, force: true });
});

function notFound(run: () => unknown): BrowserNotFoundError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BrowserNotFoundError);
    expect(error).toBeInstanceOf(LedgerError);
    expect((error as BrowserNotFoundError).code).toBe('BROWSER_NOT_FOUND');
    return error as BrowserNotFoundError;
  }
  throw new Error('expected BrowserNotFoundError');
}

describe('findBrowser', () => {
  it('finds chromium on PATH', () => {
    expect(findBrowser({ env: { PATH: `${empty}:${dir}` } })).toBe(chromium);
  });

  it('prefers the path given, then PERFLEDGER_BROWSER', () => {
    expect(findBrowser({ browser: chromium, env: { PATH: '' } })).toBe(chromium);
    expect(findBrowser({ browser: 'chromium', cwd: dir, env: {} })).toBe(chromium);
    expect(findBrowser({ env: { PERFLEDGER_BROWSER: chromium, PATH: '' } })).toBe(chromium);
  });

  it('never falls back to PATH when the path given is wrong', () => {
    const error = notFound(() => findBrowser({ browser: join(dir, 'missing'), env: { PATH: dir } }));
    expect(error.message).toContain(
      `No executable browser at '${join(dir, 'missing')}' (from the browser option)`,
    );
    expect(notFound(() => findBrowser({ browser: notExecutable, env: {} })).searched).toEqual([
      notExecutable,
    ]);
    expect(notFound(() => findBrowser({ env: { PERFLEDGER_BROWSER: dir, PATH: dir } })).message).toContain(
      'from PERFLEDGER_BROWSER',
    );
  });

  it('names every place it looked when none is on PATH', () => {
    const error = notFound(() => findBrowser({ env: { PATH: empty } }));
    expect(error.searched).toEqual(
      ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'].map((name) =>
        join(empty, name),
      ),
    );
    expect(error.message).toMatch(
      /none of chromium, chromium-browser, google-chrome, google-chrome-stable is on PATH/,
    );
    expect(notFound(() => findBrowser({ env: {} })).searched).toEqual([]);
  });
});
