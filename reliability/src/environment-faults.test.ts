import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  LedgerBusyError,
  LedgerError,
  NotALedgerError,
  SchemaTooNewError,
  StorageError,
} from '@perfledger/core';
import { openLedger, openReadonlyLedger, SCHEMA_VERSION } from '@perfledger/sqlite';
import { ledgerPragma } from '@perfledger/sqlite/testing';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { assertRefused } from './support/assert-refused.js';
import { detectCapabilities } from './support/capabilities.js';
import { copyDatabase, databaseBytes, makeTempDir, removeDir, sameBytes } from './support/database-files.js';
import { runWorker, startWorker } from './support/processes.js';
import { standardProjections } from './support/standard-projections.js';
import type { LockHolderConfig, ProbeWorkerConfig } from './support/worker-configs.js';
import type { ProbeStep } from './workers/probe-worker.js';

// Each environment fault must give a typed error that names the file and the problem, and damage
// nothing. Faults that need privileges this machine lacks are skipped; see docs/guarantees.md
// for what each test proves.
const can = detectCapabilities();
const NOBODY = 65534;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});

function tempDir(): string {
  const dir = makeTempDir('perfledger-faults-');
  dirs.push(dir);
  return dir;
}

/** A small closed ledger: PROBE_01 registered (the probe worker comments on it), projections built. */
async function ledgerFile(dir: string, name = 'ledger.db'): Promise<string> {
  const file = join(dir, name);
  const ledger = await openLedger({ file, projections: standardProjections });
  await ledger.execute({
    type: 'RegisterAction',
    code: 'PROBE_01',
    effectiveOn: '2024-04-01',
    title: 'Probe the environment',
    plan: 'Corporate Plan 2024-27',
    directorate: 'Resources',
    section: 'ICT',
    dueDate: '2025-03-31',
    statusKey: 'rag',
  });
  await ledger.close();
  return file;
}

async function probe(
  config: ProbeWorkerConfig,
  options: Parameters<typeof runWorker>[2] = {},
): Promise<Record<string, ProbeStep>> {
  const exit = await runWorker('probe-worker', config, options);
  if (exit.code !== 0) throw new Error(`probe exited with ${exit.code ?? exit.signal}: ${exit.stderr}`);
  return JSON.parse(exit.stdout) as Record<string, ProbeStep>;
}

function refusal(step: ProbeStep | undefined): Extract<ProbeStep, { ok: false }> {
  if (step === undefined || step.ok) throw new Error(`expected a refusal, got ${JSON.stringify(step)}`);
  return step;
}

describe('a read-only file', () => {
  it('through a read-only handle: writes fail with READ_ONLY naming the file, and nothing changes', async () => {
    const file = await ledgerFile(tempDir());
    const ledger = await openReadonlyLedger(file);
    try {
      const error = await assertRefused(
        file,
        async () =>
          await ledger.execute({
            type: 'AddComment',
            code: 'PROBE_01',
            effectiveOn: '2024-06-30',
            comment: 'x',
          }),
      );
      expect(error).toBeInstanceOf(StorageError);
      expect(error.code).toBe('READ_ONLY');
      expect(error.message).toContain(file);
      expect((await ledger.getAction('PROBE_01'))?.title).toBe('Probe the environment');
    } finally {
      await ledger.close();
    }
  });

  it('a file and directory this process may not write: READ_ONLY at open, naming the directory problem', async () => {
    const dir = tempDir();
    const file = await ledgerFile(dir);
    const before = databaseBytes(file);
    chmodSync(file, 0o444);
    chmodSync(dir, 0o555);
    try {
      // Root ignores permissions, so the attempt runs in a child process as nobody.
      const report = await probe(
        { file, readonly: false, bigBatch: 0 },
        can.root ? { uid: NOBODY, gid: NOBODY } : {},
      );
      const open = refusal(report.open);
      expect(open).toMatchObject({ typed: true, code: 'READ_ONLY' });
      expect(open.message).toContain(file);
      expect(open.message).toMatch(/directory is read-only/);
    } finally {
      chmodSync(dir, 0o755);
      chmodSync(file, 0o644);
    }
    expect(sameBytes(before, databaseBytes(file))).toBe(true);
  });

  it('a file this process may not write, in a writable directory: reads work, writes fail with READ_ONLY', async () => {
    const dir = tempDir();
    const file = await ledgerFile(dir);
    const before = databaseBytes(file);
    chmodSync(file, 0o444);
    chmodSync(dir, 0o777);
    const report = await probe(
      { file, readonly: false, bigBatch: 0 },
      can.root ? { uid: NOBODY, gid: NOBODY } : {},
    );
    chmodSync(file, 0o644);
    expect(report.open).toEqual({ ok: true, value: 'opened' });
    const write = refusal(report.write);
    expect(write).toMatchObject({ typed: true, code: 'READ_ONLY' });
    expect(write.message).toContain(file);
    expect(report.after).toMatchObject({ ok: true, value: { verified: true, head: { position: 1 } } });
    expect(sameBytes(before, databaseBytes(file))).toBe(true);
  });

  it.skipIf(!can.immutableFiles)(
    'an immutable file (chattr +i, which stops root too): READ_ONLY, nothing changes',
    async () => {
      const dir = tempDir();
      const file = await ledgerFile(dir);
      const before = databaseBytes(file);
      execFileSync('chattr', ['+i', file]);
      try {
        const ledger = await openLedger({ file });
        try {
          const error = await assertRefused(
            file,
            async () =>
              await ledger.execute({
                type: 'AddComment',
                code: 'PROBE_01',
                effectiveOn: '2024-06-30',
                comment: 'x',
              }),
          );
          expect(error.code).toBe('READ_ONLY');
          expect(error.message).toContain(file);
          expect((await ledger.verify()).ok).toBe(true);
        } finally {
          await ledger.close();
        }
      } finally {
        execFileSync('chattr', ['-i', file]);
      }
      expect(sameBytes(before, databaseBytes(file))).toBe(true);
    },
  );

  it.skipIf(!can.privateMounts)(
    'a read-only file system (a read-only bind mount): a typed error naming the file',
    async () => {
      const dir = tempDir();
      const file = await ledgerFile(dir);
      const before = databaseBytes(file);
      const mountReadOnly = [
        'unshare',
        '-m',
        'sh',
        '-c',
        `mount --bind -o ro '${dir}' '${dir}' && exec "$@"`,
        'sh',
      ];
      const writable = await probe({ file, readonly: false, bigBatch: 0 }, { wrapper: mountReadOnly });
      const readOnly = await probe({ file, readonly: true, bigBatch: 0 }, { wrapper: mountReadOnly });
      for (const report of [writable, readOnly]) {
        // SQLite cannot create the WAL's -shm file on a read-only file system, so even a
        // read-only open fails (documented: copy the files to read them).
        const open = refusal(report.open);
        expect(open.typed).toBe(true);
        expect(['STORAGE_FAILED', 'READ_ONLY']).toContain(open.code);
        expect(open.message).toContain(file);
        expect(open.message).toMatch(/read-only/);
      }
      expect(sameBytes(before, databaseBytes(file))).toBe(true);
    },
  );
});

describe('a full disk', () => {
  // PRAGMA max_page_count is a setting of one connection: set on the ledger's own connection
  // through the engine's test seam (ledgerPragma), since the ledger's API offers no such path.
  it('the database size limit (PRAGMA max_page_count): STORAGE_FULL, nothing written, fine once there is room', async () => {
    const dir = tempDir();
    const file = await ledgerFile(dir);
    const ledger = await openLedger({ file, projections: standardProjections });
    try {
      const limit = (pages: number) => ledgerPragma(ledger, `max_page_count = ${pages}`);
      const pages = Number(await ledgerPragma(ledger, 'page_count'));
      await limit(pages);
      const head = await ledger.head();
      const big = Array.from({ length: 200 }, (_, i) => ({
        type: 'AddComment' as const,
        code: 'PROBE_01',
        effectiveOn: '2024-06-30',
        comment: `${'A long quarterly commentary. '.repeat(180)}${i}`,
      }));
      const error = await assertRefused(file, async () => await ledger.executeAll(big));
      expect(error).toBeInstanceOf(StorageError);
      expect(error.code).toBe('STORAGE_FULL');
      expect(error.message).toContain(file);
      expect(await ledger.head()).toEqual(head);
      expect((await ledger.verify()).ok).toBe(true);
      await limit(1_073_741_823);
      expect((await ledger.executeAll(big.slice(0, 5))).events).toHaveLength(5);
      expect((await ledger.verify()).ok).toBe(true);
    } finally {
      await ledger.close();
    }
  });

  it.skipIf(!can.fileSizeLimit)(
    'a file-size limit (prlimit --fsize): a typed error naming the limit, the log intact',
    async () => {
      const dir = tempDir();
      const file = await ledgerFile(dir);
      const limit = statSync(file).size + 100_000;
      const report = await probe(
        { file, readonly: false, bigBatch: 200 },
        { wrapper: ['prlimit', `--fsize=${limit}`] },
      );
      const big = refusal(report.big);
      expect(big.typed).toBe(true);
      expect(['STORAGE_FULL', 'STORAGE_FAILED']).toContain(big.code);
      expect(big.message).toContain(file);
      expect(big.message).toMatch(/full|size limit/);
      expect(report.afterBig).toEqual(report.before);
      const ledger = await openReadonlyLedger(file);
      try {
        expect((await ledger.verify()).ok).toBe(true);
        expect((await ledger.readAll({ types: ['CommentAdded'] }).next()).value?.data).not.toMatchObject({
          comment: expect.stringContaining('long quarterly'),
        });
      } finally {
        await ledger.close();
      }
    },
  );

  it.skipIf(!can.privateMounts)(
    'a full file system (a 512 kB tmpfs): STORAGE_FULL, the log intact',
    async () => {
      const dir = tempDir();
      const template = await ledgerFile(dir, 'template.db');
      const mountDir = join(dir, 'small');
      mkdirSync(mountDir);
      const file = join(mountDir, 'ledger.db');
      const wrapper = [
        'unshare',
        '-m',
        'sh',
        '-c',
        `mount -t tmpfs -o size=512k tmpfs '${mountDir}' && cp '${template}' '${file}' && exec "$@"`,
        'sh',
      ];
      const report = await probe({ file, readonly: false, bigBatch: 200 }, { wrapper });
      const big = refusal(report.big);
      expect(big).toMatchObject({ typed: true, code: 'STORAGE_FULL' });
      expect(big.message).toContain(file);
      expect(report.afterBig).toEqual(report.before);
      expect(report.reopen).toMatchObject({ ok: true, value: { verified: true } });
    },
  );
});

describe('a database locked by another process', () => {
  async function holdLock(file: string, mode: LockHolderConfig['mode']) {
    const holder = startWorker('lock-holder', { file, mode } satisfies LockHolderConfig);
    await holder.ready;
    return async () => {
      holder.go();
      await holder.exited;
    };
  }

  it('a held write lock: LEDGER_BUSY after busyTimeoutMs, reads still work, nothing changes', async () => {
    const file = await ledgerFile(tempDir());
    const ledger = await openLedger({ file, busyTimeoutMs: 200 });
    const release = await holdLock(file, 'write');
    try {
      const error = await assertRefused(
        file,
        async () =>
          await ledger.execute({
            type: 'AddComment',
            code: 'PROBE_01',
            effectiveOn: '2024-06-30',
            comment: 'x',
          }),
      );
      expect(error).toBeInstanceOf(LedgerBusyError);
      expect(error.code).toBe('LEDGER_BUSY');
      expect(error.message).toContain(file);
      expect((error as LedgerBusyError).timeoutMs).toBe(200);
      expect(await ledger.getAction('PROBE_01')).toBeDefined();
    } finally {
      await release();
    }
    expect(
      (
        await ledger.execute({
          type: 'AddComment',
          code: 'PROBE_01',
          effectiveOn: '2024-06-30',
          comment: 'x',
        })
      ).events,
    ).toHaveLength(1);
    await ledger.close();
  });

  it('an exclusive lock that keeps readers out too: opening fails with LEDGER_BUSY, nothing changes', async () => {
    const file = await ledgerFile(tempDir());
    const before = databaseBytes(file);
    const release = await holdLock(file, 'exclusive');
    try {
      for (const open of [
        async () => await openLedger({ file, busyTimeoutMs: 200 }),
        async () => await openReadonlyLedger(file, { busyTimeoutMs: 200 }),
      ]) {
        const error = await assertRefused(file, async () => (await open()).close());
        expect(error.code).toBe('LEDGER_BUSY');
        expect(error.message).toContain(file);
      }
    } finally {
      await release();
    }
    expect(sameBytes(before, databaseBytes(file))).toBe(true);
  });
});

describe('a file that is not a perfledger database', () => {
  const cases: readonly [string, (file: string) => void | Promise<void>, RegExp][] = [
    [
      "another application's SQLite database",
      (file) => {
        const db = new Database(file);
        db.exec(
          "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers VALUES (1, 'Ada')",
        );
        db.close();
      },
      /SQLite database of another application/,
    ],
    [
      'a SQLite database with another application id',
      (file) => {
        const db = new Database(file);
        db.pragma('application_id = 1234');
        db.close();
      },
      /application id is 1234/,
    ],
    [
      'a text file',
      (file) => writeFileSync(file, 'code,title\nFP1922_02,Widen the use of e-forms\n'),
      /not a SQLite database/,
    ],
    [
      'random bytes',
      (file) => writeFileSync(file, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 251))),
      /not a SQLite database/,
    ],
    [
      'a perfledger database cut short',
      async (file) => {
        const dir = makeTempDir();
        try {
          const source = await ledgerFile(dir);
          const ledger = await openLedger({ file: source });
          for (let i = 0; i < 40; i++) {
            await ledger.execute({
              type: 'AddComment',
              code: 'PROBE_01',
              effectiveOn: '2024-06-30',
              comment: 'c'.repeat(2000),
            });
          }
          await ledger.close();
          copyDatabase(source, join(file, '..'), 'ledger.db');
          truncateSync(file, 8192);
        } finally {
          removeDir(dir);
        }
      },
      /corrupt|not a SQLite database/,
    ],
  ];

  it.each(cases)(
    '%s: NOT_A_LEDGER naming the file, for both kinds of open; nothing changes',
    async (_, make, reason) => {
      const file = join(tempDir(), 'ledger.db');
      await make(file);
      for (const open of [
        async () => await openLedger({ file }),
        async () => await openReadonlyLedger(file),
      ]) {
        const error = await assertRefused(file, async () => (await open()).close());
        expect(error).toBeInstanceOf(NotALedgerError);
        expect(error.code).toBe('NOT_A_LEDGER');
        expect(error.message).toContain(file);
        expect(error.message).toMatch(reason);
      }
    },
  );

  it('an empty (0-byte) file: read-only, NOT_A_LEDGER and left empty; read-write, initialised as a new ledger', async () => {
    const file = join(tempDir(), 'empty.db');
    writeFileSync(file, '');
    const error = await assertRefused(file, async () => (await openReadonlyLedger(file)).close());
    expect(error.code).toBe('NOT_A_LEDGER');
    expect(error.message).toMatch(/empty/);
    expect(statSync(file).size).toBe(0);
    const ledger = await openLedger({ file });
    expect((await ledger.head()).position).toBe(0);
    expect(await ledger.origin()).toMatch(/^[0-9a-f-]{36}$/);
    await ledger.close();
  });

  it('a directory, or a file in a directory that does not exist: STORAGE_FAILED naming the path', async () => {
    const dir = tempDir();
    for (const file of [dir, join(dir, 'missing', 'ledger.db')]) {
      for (const open of [
        async () => await openLedger({ file }),
        async () => await openReadonlyLedger(file),
      ]) {
        let thrown: unknown;
        try {
          await (await open()).close();
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(LedgerError);
        expect((thrown as LedgerError).code).toBe('STORAGE_FAILED');
        expect((thrown as LedgerError).message).toContain(file);
      }
    }
  });
});

describe('a database from a newer schema version', () => {
  it('SCHEMA_TOO_NEW naming the file and both versions, for both kinds of open; nothing changes', async () => {
    const file = await ledgerFile(tempDir());
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    for (const open of [async () => await openLedger({ file }), async () => await openReadonlyLedger(file)]) {
      const error = await assertRefused(file, async () => (await open()).close());
      expect(error).toBeInstanceOf(SchemaTooNewError);
      expect(error.code).toBe('SCHEMA_TOO_NEW');
      expect(error.message).toContain(file);
      expect(error).toMatchObject({ found: SCHEMA_VERSION + 1, supported: SCHEMA_VERSION });
    }
  });
});
