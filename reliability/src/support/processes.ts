import { type ChildProcess, fork, type SpawnOptions, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The compiled worker script `name` (from `src/workers`), whether the caller runs from `src`
 * (vitest) or `dist` (the stress script). Workers are plain Node processes, so they must be built.
 */
export function workerScript(name: string): string {
  const script = fileURLToPath(new URL(`../../dist/workers/${name}.js`, import.meta.url));
  if (!existsSync(script)) {
    throw new Error(`Build the reliability package first (npx tsc -b reliability): ${script} is missing.`);
  }
  return script;
}

/** How a worker process ended. */
export interface WorkerExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A worker started with an IPC channel: ready once it has opened the ledger, then told to go. */
export interface RunningWorker {
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
  readonly exited: Promise<WorkerExit>;
  go(): void;
  kill(): void;
}

function collect(child: ChildProcess): Promise<WorkerExit> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    if (stdout.length < 1_000_000) stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < 100_000) stderr += chunk.toString();
  });
  return new Promise((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/**
 * Forks `dist/workers/<name>.js` with its config as JSON in argv[2], its output captured (never
 * printed), and an IPC channel for the ready / go handshake.
 */
export function startWorker(name: string, config: unknown): RunningWorker {
  const child = fork(workerScript(name), [JSON.stringify(config)], { execArgv: [], silent: true });
  const exited = collect(child);
  const ready = new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    void exited.then((exit) =>
      reject(
        new Error(`worker ${name} exited (${exit.code ?? exit.signal}) before it was ready: ${exit.stderr}`),
      ),
    );
  });
  ready.catch(() => undefined);
  return {
    child,
    ready,
    exited,
    go: () => {
      if (child.connected) child.send('go');
    },
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/**
 * Runs a compiled worker to completion through an optional wrapper command (`unshare`,
 * `prlimit`) or as another user, and returns its exit and output.
 */
export function runWorker(
  name: string,
  config: unknown,
  options: { readonly wrapper?: readonly string[]; readonly uid?: number; readonly gid?: number } = {},
): Promise<WorkerExit> {
  const args = [workerScript(name), JSON.stringify(config)];
  const [command, ...prefix] = options.wrapper ?? [];
  const spawnOptions: SpawnOptions = {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.uid === undefined ? {} : { uid: options.uid }),
    ...(options.gid === undefined ? {} : { gid: options.gid }),
  };
  const child =
    command === undefined
      ? spawn(process.execPath, args, spawnOptions)
      : spawn(command, [...prefix, process.execPath, ...args], spawnOptions);
  return collect(child);
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * SIGKILLs a worker once its log has at least `lines` lines of kind `kind`, after a further
 * `delayMs`: a random moment inside its run. Resolves with true if the kill landed before the
 * worker finished on its own.
 */
export async function killAfter(
  worker: RunningWorker,
  log: string,
  kind: 'ack' | 'progress' | 'intent',
  lines: number,
  delayMs: number,
): Promise<boolean> {
  let exited = false;
  void worker.exited.then(() => {
    exited = true;
  });
  const tail = new LogTail(log, `{"k":"${kind}"`);
  try {
    while (!exited && tail.count() < lines) await sleep(1);
  } finally {
    tail.close();
  }
  if (delayMs > 0) await sleep(delayMs);
  if (exited) return false;
  worker.kill();
  const exit = await worker.exited;
  return exit.signal === 'SIGKILL';
}

/** Counts the lines starting with `prefix` in a growing log, reading only what was added. */
class LogTail {
  readonly #file: string;
  readonly #prefix: string;
  readonly #buffer = Buffer.alloc(1 << 16);
  #fd: number | undefined;
  #offset = 0;
  #partial = '';
  #count = 0;

  constructor(file: string, prefix: string) {
    this.#file = file;
    this.#prefix = prefix;
  }

  count(): number {
    if (this.#fd === undefined) {
      if (!existsSync(this.#file)) return 0;
      this.#fd = openSync(this.#file, 'r');
    }
    for (;;) {
      const read = readSync(this.#fd, this.#buffer, 0, this.#buffer.length, this.#offset);
      if (read === 0) return this.#count;
      this.#offset += read;
      const lines = (this.#partial + this.#buffer.toString('utf8', 0, read)).split('\n');
      this.#partial = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith(this.#prefix)) this.#count += 1;
    }
  }

  close(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
  }
}
