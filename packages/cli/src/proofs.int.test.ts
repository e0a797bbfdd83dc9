import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tamperWithEvent } from '@perfledger/sqlite/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliHarness, makeTempDir, removeTempDir } from './test-support/cli-harness.js';

// Issue 13, part 2: C2SP checkpoints, witnesses and offline proof bundles, as an officer, a
// witness and an auditor meet them at the command line.

const fixtures = join(import.meta.dirname, '..', '..', '..', 'examples', 'quarterly', 'data');

let dir: string;
const { run, out, err } = cliHarness(() => dir);
const file = (name: string) => join(dir, name);

beforeEach(async () => {
  dir = makeTempDir('perfledger-cli-proofs-');
  expect(
    await run('import', join(fixtures, '2019-20-q1.csv'), '--as-of', '2019-06-30', '--status-key', 'pentana'),
    err(),
  ).toBe(0);
  for (const name of ['council', 'w1', 'w2']) expect(await run('keygen', '.', '--name', name)).toBe(0);
});
afterEach(() => removeTempDir(dir));

/** The exit code and the `error [CODE]` of a run. */
async function refusal(...args: string[]): Promise<[number, string | undefined]> {
  const code = await run(...args);
  return [code, /error \[([A-Z_]+)\]/.exec(err())?.[1]];
}

describe('checkpoint, witness cosign, verify --quorum', () => {
  it('writes a C2SP checkpoint by default; two witnesses cosign it; verify checks it by consistency proof and quorum', async () => {
    expect(await run('checkpoint', '--key', 'council.key', '--out', 'cp.txt'), err()).toBe(0);
    const text = readFileSync(file('cp.txt'), 'utf8');
    expect(text).toMatch(
      /^perfledger\/[0-9a-f-]{36}\n\d+\n[A-Za-z0-9+/]{43}=\n\n— perfledger\/[0-9a-f-]{36} \S+\n$/,
    );
    expect(
      await run(
        'verify',
        '--checkpoint',
        'cp.txt',
        '--public-key',
        'council.pub',
        '--witness-key',
        'w1.pub',
        '--quorum',
        '1',
      ),
    ).toBe(1);
    expect(err()).toContain('[QUORUM_NOT_MET]');
    for (const w of ['w1', 'w2']) {
      expect(
        await run(
          'witness',
          'cosign',
          'cp.txt',
          '--key',
          `${w}.key`,
          '--state',
          `${w}-state`,
          '--ledger-key',
          'council.pub',
        ),
        err(),
      ).toBe(0);
    }
    expect(readFileSync(file('cp.txt'), 'utf8').split('\n— ')).toHaveLength(4);
    expect(
      await run(
        'verify',
        '--checkpoint',
        'cp.txt',
        '--public-key',
        'council.pub',
        '--witness-key',
        'w1.pub',
        'w2.pub',
        '--quorum',
        '2',
      ),
      err(),
    ).toBe(0);
    expect(out()).toContain('by a consistency proof to the head (signature valid)');
    // JSON checkpoints are still written on request, and still read.
    expect(await run('checkpoint', '--key', 'council.key', '--format', 'json', '--out', 'cp.json')).toBe(0);
    expect(JSON.parse(readFileSync(file('cp.json'), 'utf8')).format).toBe('perfledger-checkpoint/1');
    expect(
      await run('verify', '--checkpoint', 'cp.json', 'cp.txt', '--public-key', 'council.pub'),
      err(),
    ).toBe(0);
    // A JSON checkpoint carries no cosignatures: it cannot meet a quorum.
    expect(
      await run(
        'verify',
        '--checkpoint',
        'cp.json',
        '--public-key',
        'council.pub',
        '--witness-key',
        'w1.pub',
      ),
    ).toBe(1);
    expect(err()).toContain('[QUORUM_NOT_MET]');
    // A witness key without the ledger key is a usage error.
    expect(await run('verify', '--checkpoint', 'cp.txt', '--witness-key', 'w1.pub')).toBe(2);
  });

  it('a witness cosigns the next checkpoint only with a consistency proof from the size it cosigned', async () => {
    expect(await run('checkpoint', '--key', 'council.key', '--out', 'cp1.txt')).toBe(0);
    expect(
      await run(
        'witness',
        'cosign',
        'cp1.txt',
        '--key',
        'w1.key',
        '--state',
        'w1',
        '--ledger-key',
        'council.pub',
      ),
    ).toBe(0);
    const size1 = Number(readFileSync(file('cp1.txt'), 'utf8').split('\n')[1]);
    expect(
      await run(
        'import',
        join(fixtures, '2019-20-q2.csv'),
        '--as-of',
        '2019-09-30',
        '--status-key',
        'pentana',
      ),
      err(),
    ).toBe(0);
    expect(await run('checkpoint', '--key', 'council.key', '--out', 'cp2.txt')).toBe(0);
    expect(await refusal('witness', 'cosign', 'cp2.txt', '--key', 'w1.key', '--state', 'w1')).toEqual([
      1,
      'WITNESS_CONFLICT',
    ]);
    expect(err()).toContain(`last cosigned size ${size1}`);
    expect(
      await run(
        'proof',
        'consistency',
        '--checkpoint',
        'cp2.txt',
        '--from',
        String(size1),
        '--out',
        'since.proof',
      ),
    ).toBe(0);
    expect(readFileSync(file('since.proof'), 'utf8')).toMatch(new RegExp(`^old ${size1}\n`));
    expect(
      await run('witness', 'cosign', 'cp2.txt', '--key', 'w1.key', '--state', 'w1', '--proof', 'since.proof'),
      err(),
    ).toBe(0);
    expect(out()).toContain(`(extends size ${size1})`);
  });

  it('an operator who rewrites history (same origin, same key, larger size) cannot obtain a cosignature', async () => {
    expect(await run('checkpoint', '--key', 'council.key', '--out', 'cp1.txt')).toBe(0);
    expect(
      await run(
        'witness',
        'cosign',
        'cp1.txt',
        '--key',
        'w1.key',
        '--state',
        'w1',
        '--ledger-key',
        'council.pub',
      ),
    ).toBe(0);
    const size1 = Number(readFileSync(file('cp1.txt'), 'utf8').split('\n')[1]);
    const state = readFileSync(file('w1/witness-state.json'), 'utf8');
    // The forger copies the ledger (same origin), rewrites an early event with every hash
    // recomputed, and appends more, so that its log is larger and its chain verifies.
    expect(await run('copy', '--from', 'perfledger.db', '--to', 'forged.db'), err()).toBe(0);
    tamperWithEvent(file('forged.db'), 3, { actor: 'someone else' }, { rechain: true });
    expect(
      await run(
        '--db',
        'forged.db',
        'import',
        join(fixtures, '2019-20-q2.csv'),
        '--as-of',
        '2019-09-30',
        '--status-key',
        'pentana',
      ),
      err(),
    ).toBe(0);
    expect(await run('--db', 'forged.db', 'verify'), err()).toBe(0);
    expect(await run('--db', 'forged.db', 'checkpoint', '--key', 'council.key', '--out', 'forged.txt')).toBe(
      0,
    );
    expect(
      await run(
        '--db',
        'forged.db',
        'proof',
        'consistency',
        '--checkpoint',
        'forged.txt',
        '--from',
        String(size1),
        '--out',
        'forged.proof',
      ),
    ).toBe(0);
    expect(
      await refusal(
        'witness',
        'cosign',
        'forged.txt',
        '--key',
        'w1.key',
        '--state',
        'w1',
        '--proof',
        'forged.proof',
      ),
    ).toEqual([1, 'CONSISTENCY_FAILED']);
    expect(await refusal('witness', 'cosign', 'forged.txt', '--key', 'w1.key', '--state', 'w1')).toEqual([
      1,
      'WITNESS_CONFLICT',
    ]);
    // Nothing was cosigned or remembered; the forged checkpoint carries no cosignature.
    expect(readFileSync(file('w1/witness-state.json'), 'utf8')).toBe(state);
    expect(readFileSync(file('forged.txt'), 'utf8').split('\n— ')).toHaveLength(2);
    // And the honest ledger's own verify catches the forged ledger against the honest checkpoint.
    expect(
      await refusal('--db', 'forged.db', 'verify', '--checkpoint', 'cp1.txt', '--public-key', 'council.pub'),
    ).toEqual([1, 'VERIFICATION_FAILED']);
    expect(err()).toContain('[CHECKPOINT_MISMATCH]');
  });
});

describe('proof bundles, verified with no database', () => {
  async function publishWithBundle(): Promise<void> {
    expect(
      await run(
        'report',
        'quarter',
        '--fy',
        '2019/20',
        '--quarter',
        '1',
        '--format',
        'md',
        '--out',
        'q1.md',
        '--publish',
        '--allow-unapproved',
        '--proof-key',
        'council.key',
      ),
      err(),
    ).toBe(0);
  }

  it('report quarter --publish --proof-key writes <out>.proof.json; proof verify checks it offline', async () => {
    await publishWithBundle();
    const bundle = JSON.parse(readFileSync(file('q1.md.proof.json'), 'utf8'));
    expect(bundle.format).toBe('perfledger-proof/1');
    expect(bundle.event.type).toBe('ReportPublished');
    expect(bundle.proof.startsWith('c2sp.org/tlog-proof@v1\nindex ')).toBe(true);
    // No database: the ledger file is gone.
    removeTempDir(file('perfledger.db'));
    for (const suffix of ['', '-wal', '-shm']) removeTempDir(file(`perfledger.db${suffix}`));
    expect(
      await run('proof', 'verify', 'q1.md.proof.json', '--report', 'q1.md', '--key', 'council.pub'),
      err(),
    ).toBe(0);
    expect(out()).toContain('Report q1.md OK');
  });

  it('every tampering gives its own error: report, event, proof, key, cosignatures', async () => {
    await publishWithBundle();
    const position = JSON.parse(readFileSync(file('q1.md.proof.json'), 'utf8')).event.position as number;
    expect(await run('checkpoint', '--key', 'council.key', '--out', 'cp.txt')).toBe(0);
    expect(
      await run(
        'witness',
        'cosign',
        'cp.txt',
        '--key',
        'w1.key',
        '--state',
        'w1',
        '--ledger-key',
        'council.pub',
      ),
    ).toBe(0);
    expect(
      await run('proof', 'event', String(position), '--checkpoint', 'cp.txt', '--out', 'b.json'),
      err(),
    ).toBe(0);
    const verify = (bundle: string, ...more: string[]) =>
      refusal(
        'proof',
        'verify',
        bundle,
        '--report',
        'q1.md',
        '--key',
        'council.pub',
        '--witness-key',
        'w1.pub',
        ...more,
      );
    expect(await verify('b.json')).toEqual([0, undefined]);
    const original = readFileSync(file('b.json'), 'utf8');
    const altered = (
      edit: (b: { event: Record<string, unknown>; report: Record<string, unknown>; proof: string }) => void,
    ) => {
      const b = JSON.parse(original);
      edit(b);
      writeFileSync(file('t.json'), JSON.stringify(b));
      return 't.json';
    };

    writeFileSync(file('q1-altered.md'), `${readFileSync(file('q1.md'), 'utf8')} `);
    expect(
      await refusal('proof', 'verify', 'b.json', '--report', 'q1-altered.md', '--key', 'council.pub'),
    ).toEqual([1, 'REPORT_MISMATCH']);
    expect(await verify(altered((b) => (b.event.actor = 'someone else')))).toEqual([
      1,
      'EVENT_HASH_MISMATCH',
    ]);
    expect(await verify(altered((b) => (b.report.contentHash = '0'.repeat(64))))).toEqual([
      1,
      'REPORT_MISMATCH',
    ]);
    const proofLine = (b: { proof: string }) => b.proof.split('\n')[2] as string;
    expect(
      await verify(
        altered((b) => (b.proof = b.proof.replace(proofLine(b), Buffer.alloc(32, 1).toString('base64')))),
      ),
    ).toEqual([1, 'INCLUSION_FAILED']);
    expect(await verify(altered((b) => (b.proof = b.proof.replace(/^index \d+$/m, 'index 0'))))).toEqual([
      1,
      'INCLUSION_FAILED',
    ]);
    expect(await refusal('proof', 'verify', 'b.json', '--key', 'w2.pub')).toEqual([1, 'SIGNATURE_INVALID']);
    expect(await verify('b.json', 'w2.pub')).toEqual([1, 'QUORUM_NOT_MET']);
    expect(await verify(altered((b) => (b.proof = b.proof.replace(/\n— witness\/.*\n$/, '\n'))))).toEqual([
      1,
      'QUORUM_NOT_MET',
    ]);
    writeFileSync(file('junk.json'), '{"format":"perfledger-proof/1"}');
    expect(await verify('junk.json')).toEqual([1, 'BUNDLE_INVALID']);
  });

  it('proof event by event id, for any event; refuses a checkpoint of another history', async () => {
    expect(await run('checkpoint', '--key', 'council.key', '--out', 'cp.txt')).toBe(0);
    expect(await run('proof', 'event', '7', '--checkpoint', 'cp.txt', '--out', 'e7.json'), err()).toBe(0);
    const eventId = JSON.parse(readFileSync(file('e7.json'), 'utf8')).event.eventId as string;
    expect(await run('proof', 'event', eventId, '--key', 'council.key', '--out', 'e7-head.json'), err()).toBe(
      0,
    );
    expect(
      await run('proof', 'verify', 'e7-head.json', '--key', 'council.pub', '--format', 'json'),
      err(),
    ).toBe(0);
    expect(JSON.parse(out())).toMatchObject({ position: 7, eventId, reportChecked: null });
    expect(
      await refusal('proof', 'verify', 'e7.json', '--key', 'council.pub', '--report', 'council.pub'),
    ).toEqual([1, 'REPORT_MISMATCH']);
    expect(await run('copy', '--from', 'perfledger.db', '--to', 'other.db')).toBe(0);
    tamperWithEvent(file('other.db'), 2, { actor: 'x' }, { rechain: true });
    expect(
      await refusal('--db', 'other.db', 'proof', 'event', '7', '--checkpoint', 'cp.txt', '--out', 'x.json'),
    ).toEqual([1, 'CHECKPOINT_MISMATCH']);
  });
});
