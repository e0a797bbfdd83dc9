import { describe, expect, it } from 'vitest';
import { demoTarget } from './demo-arguments.js';

describe('npm run demo arguments', () => {
  it('runs on SQLite by default, and on PostgreSQL with one flag or PERFLEDGER_DB', () => {
    expect(demoTarget([], {})).toEqual({});
    expect(demoTarget([], { PERFLEDGER_DB: 'plan.db' })).toEqual({});
    const url = 'postgres://root@127.0.0.1:5432/test';
    expect(demoTarget(['--db', url], {})).toEqual({ postgres: { url, ledger: 'demo' } });
    expect(demoTarget([`--db=${url}`, '--ledger', 'demo_2'], {})).toEqual({
      postgres: { url, ledger: 'demo_2' },
    });
    expect(demoTarget([], { PERFLEDGER_DB: url })).toEqual({ postgres: { url, ledger: 'demo' } });
  });

  it('never replaces a file or a ledger that is not a demo', () => {
    expect(() => demoTarget(['--db', 'plan.db'], {})).toThrow(/takes a PostgreSQL URL/);
    expect(() => demoTarget(['--db', 'postgres://h/d', '--ledger', 'broxtowe'], {})).toThrow(
      /must start with 'demo'/,
    );
    expect(() => demoTarget(['--verbose'], {})).toThrow(/unknown argument/);
  });
});
