import { createHash } from 'node:crypto';

/** The parts of an import that decide what it appends. */
export interface ImportIdentity {
  /** The text, or its UTF-8 bytes (the same key either way). */
  readonly content: string | Uint8Array;
  readonly format: string;
  readonly asOf: string;
  readonly statusKey: string;
  readonly plan: string | undefined;
  readonly actor: string | undefined;
}

/**
 * The idempotency key of an import: SHA-256 over the content, format, as-of date and the
 * options that change what is appended, so running the exact same import again appends
 * nothing, even when two runs race. The file's name is left out: the same content under
 * another name is the same import.
 *
 * @example
 * ```ts
 * importIdempotencyKey({ content, format: 'csv', asOf: '2019-09-30', statusKey: 'pentana', plan: undefined, actor: undefined });
 * // 'snapshot:sha256:3f1c…'
 * ```
 */
export function importIdempotencyKey(identity: ImportIdentity): string {
  const hash = createHash('sha256');
  // Length-prefixed parts: no choice of values can make two different imports hash alike.
  for (const part of [
    'perfledger-snapshot-v1',
    identity.format,
    identity.asOf,
    identity.statusKey,
    identity.plan ?? '\u0000',
    identity.actor ?? '\u0000',
    identity.content,
  ]) {
    hash.update(`${Buffer.byteLength(part)}:`);
    hash.update(part);
  }
  return `snapshot:sha256:${hash.digest('hex')}`;
}
