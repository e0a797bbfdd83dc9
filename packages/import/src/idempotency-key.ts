import { createHash, type Hash } from 'node:crypto';

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

/** An import's identity without its content: what is known before the file is read. */
export type ImportOptionsIdentity = Omit<ImportIdentity, 'content'>;

/**
 * The idempotency key of an import computed as the content streams past, so that memory holds
 * one chunk, never the file: give it the options, then every chunk of content in order, then
 * take the key. The same content gives the same key whether it is hashed in one piece or in
 * chunks of any size (see {@link importIdempotencyKey}).
 *
 * @example
 * ```ts
 * const key = new ImportKeyHash({ format: 'csv', asOf: '2019-09-30', statusKey: 'pentana', plan: undefined, actor: undefined });
 * for await (const chunk of chunks) key.update(chunk);
 * key.digest(); // 'snapshot:sha256:3f1c…'
 * ```
 */
export class ImportKeyHash {
  readonly #hash: Hash = createHash('sha256');

  constructor(identity: ImportOptionsIdentity) {
    // Every part but the content is length-prefixed, so where one ends is fixed whatever it
    // holds; the content comes last and needs no length, so it can be hashed as it arrives.
    for (const part of [
      'perfledger-snapshot-v2',
      identity.format,
      identity.asOf,
      identity.statusKey,
      identity.plan ?? '\u0000',
      identity.actor ?? '\u0000',
    ]) {
      this.#hash.update(`${Buffer.byteLength(part)}:`);
      this.#hash.update(part);
    }
  }

  /** Adds the next piece of content (text is hashed as its UTF-8 bytes). */
  update(content: string | Uint8Array): void {
    this.#hash.update(content);
  }

  /** The key. Call it once, after the last chunk. */
  digest(): string {
    return `snapshot:sha256:${this.#hash.digest('hex')}`;
  }
}

/**
 * The idempotency key of an import: SHA-256 over the format, as-of date, the options that
 * change what is appended and the content, so running the exact same import again appends
 * nothing, even when two runs race. The file's name is left out: the same content under
 * another name is the same import. A file is hashed chunk by chunk as it is read, never held
 * whole; this gives the same key for content already in memory.
 *
 * @example
 * ```ts
 * importIdempotencyKey({ content, format: 'csv', asOf: '2019-09-30', statusKey: 'pentana', plan: undefined, actor: undefined });
 * // 'snapshot:sha256:3f1c…'
 * ```
 */
export function importIdempotencyKey(identity: ImportIdentity): string {
  const { content, ...options } = identity;
  const key = new ImportKeyHash(options);
  key.update(content);
  return key.digest();
}
