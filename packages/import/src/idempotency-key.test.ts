import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImportKeyHash, importIdempotencyKey } from './idempotency-key.js';

const OPTIONS = {
  format: 'csv',
  asOf: '2019-09-30',
  statusKey: 'pentana',
  plan: undefined,
  actor: undefined,
};

describe('the import idempotency key, hashed as the content streams', () => {
  it('is the same in one piece or in chunks split anywhere, as text or as bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.array(fc.nat()), (content, cuts) => {
        const bytes = Buffer.from(content);
        const at = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
        const key = new ImportKeyHash(OPTIONS);
        let from = 0;
        for (const to of [...at, bytes.length]) {
          key.update(bytes.subarray(from, to));
          from = to;
        }
        expect(key.digest()).toBe(importIdempotencyKey({ ...OPTIONS, content }));
        expect(importIdempotencyKey({ ...OPTIONS, content: bytes })).toBe(
          importIdempotencyKey({ ...OPTIONS, content }),
        );
      }),
    );
  });

  it('changes with every option that changes what is appended, and no two splits of the parts collide', () => {
    const keys = new Set(
      [
        { ...OPTIONS, content: 'a' },
        { ...OPTIONS, format: 'json', content: 'a' },
        { ...OPTIONS, asOf: '2019-12-31', content: 'a' },
        { ...OPTIONS, statusKey: 'rag', content: 'a' },
        { ...OPTIONS, plan: 'P', content: 'a' },
        { ...OPTIONS, actor: 'P', content: 'a' },
        { ...OPTIONS, plan: 'Pa', content: '' },
        { ...OPTIONS, actor: '', content: 'a' },
      ].map(importIdempotencyKey),
    );
    expect(keys.size).toBe(8);
    expect([...keys].every((key) => /^snapshot:sha256:[0-9a-f]{64}$/.test(key))).toBe(true);
  });
});
