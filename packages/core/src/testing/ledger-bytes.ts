import { existsSync, readFileSync } from 'node:fs';

/**
 * The bytes of a ledger file and of its `-wal` and `-journal` beside it (where they exist), end to
 * end: equal before and after a call means the call wrote nothing.
 *
 * @example
 * ```ts
 * const before = ledgerBytes(file);
 * expect(() => ledger.execute(bad)).toThrow(ValidationError);
 * expect(ledgerBytes(file)).toEqual(before);
 * ```
 */
export function ledgerBytes(file: string): Buffer {
  return Buffer.concat(
    ['', '-wal', '-journal'].map((suffix) =>
      existsSync(`${file}${suffix}`) ? readFileSync(`${file}${suffix}`) : Buffer.alloc(0),
    ),
  );
}
