import { LedgerError } from '@perfledger/core';
import { databaseBytes, sameBytes } from './database-files.js';

/** Describes a thrown value for a failure message, without printing megabytes. */
export function describeThrown(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return `${error.constructor.name}${typeof code === 'string' ? ` [${code}]` : ''}: ${error.message.slice(0, 300)}`;
  }
  return `a thrown ${typeof error}: ${String(error).slice(0, 100)}`;
}

/**
 * Runs `work`, which must be refused: it must throw a {@link LedgerError} (never a TypeError,
 * a SqliteError or a ZodError) with a stable code and a message, and leave the database and its
 * WAL byte for byte as they were. Throws an Error saying what went wrong otherwise, so it can
 * serve as a fast-check property body.
 *
 * @example
 * ```ts
 * await assertRefused(file, () => await ledger.execute({ type: 'UpdateProgress', code: 'A1', percentComplete: Number.NaN }));
 * ```
 */
export async function assertRefused(file: string, work: () => unknown): Promise<LedgerError> {
  return await assertRefusedAsync(file, work);
}

export async function assertRefusedAsync(file: string, work: () => unknown): Promise<LedgerError> {
  const before = databaseBytes(file);
  let thrown: unknown;
  let returned: unknown;
  let threw = false;
  try {
    returned = await work();
  } catch (error) {
    threw = true;
    thrown = error;
  }
  return judge(file, before, threw, thrown, returned);
}

function judge(
  file: string,
  before: ReturnType<typeof databaseBytes>,
  threw: boolean,
  thrown: unknown,
  returned: unknown,
): LedgerError {
  const changed = !sameBytes(before, databaseBytes(file));
  if (!threw) {
    const shown = JSON.stringify(returned, (_, value) => (typeof value === 'bigint' ? `${value}n` : value));
    throw new Error(
      `accepted instead of refused${changed ? ' (and the file changed)' : ''}: returned ${String(shown).slice(0, 300)}`,
    );
  }
  if (!(thrown instanceof LedgerError))
    throw new Error(`refused with an untyped error: ${describeThrown(thrown)}`);
  if (!/^[A-Z][A-Z_]+$/.test(thrown.code))
    throw new Error(`refused with a malformed code: ${describeThrown(thrown)}`);
  if (thrown.message.trim() === '')
    throw new Error(`refused with an empty message: ${describeThrown(thrown)}`);
  if (changed) throw new Error(`refused (${describeThrown(thrown)}), but the database or its WAL changed`);
  return thrown;
}
