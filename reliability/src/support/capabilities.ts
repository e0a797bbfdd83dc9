import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, removeDir } from './database-files.js';

/**
 * What this machine lets the environment-fault tests do. Tests that need a capability the
 * machine lacks are skipped (and say so); the ones that need none always run.
 */
export interface Capabilities {
  /** Running as root: file permissions do not stop this process, so a child runs as `nobody`. */
  readonly root: boolean;
  /** `unshare -m` and `mount` work: read-only bind mounts and small tmpfs in a private namespace. */
  readonly privateMounts: boolean;
  /** `chattr +i` works here: an immutable file even root cannot write. */
  readonly immutableFiles: boolean;
  /** `prlimit` exists: a child with a file-size limit (RLIMIT_FSIZE). */
  readonly fileSizeLimit: boolean;
}

function succeeds(command: string, args: readonly string[]): boolean {
  const result = spawnSync(command, args, { stdio: 'ignore', timeout: 10_000 });
  return result.status === 0;
}

/** Probes the machine once. */
export function detectCapabilities(): Capabilities {
  const dir = makeTempDir('perfledger-capabilities-');
  try {
    const file = join(dir, 'probe');
    writeFileSync(file, 'x');
    const immutableFiles = succeeds('chattr', ['+i', file]);
    if (immutableFiles) succeeds('chattr', ['-i', file]);
    return {
      root: process.getuid?.() === 0,
      privateMounts: succeeds('unshare', ['-m', 'sh', '-c', `mount -t tmpfs -o size=64k tmpfs '${dir}'`]),
      immutableFiles,
      fileSizeLimit: succeeds('prlimit', ['--fsize=1000000', 'true']),
    };
  } finally {
    removeDir(dir);
  }
}
