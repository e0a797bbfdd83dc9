import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { duplicateJsonKeys } from './json-duplicate-keys.js';
import { parseSnapshot } from './parse-snapshot.js';

describe('duplicateJsonKeys', () => {
  it('finds no duplicate in anything JSON.stringify writes (it never repeats a key)', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 5 }), (value) => {
        expect(duplicateJsonKeys(JSON.stringify(value))).toEqual([]);
        expect(duplicateJsonKeys(JSON.stringify(value, null, 2))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('finds a key repeated anywhere in an element, with the element’s index', () => {
    fc.assert(
      fc.property(
        fc.array(fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 4 }), { minLength: 1, maxLength: 5 }),
        fc.nat(),
        fc.string(),
        (elements, pick, key) => {
          const index = pick % elements.length;
          const texts = elements.map((element) => JSON.stringify(element));
          const quoted = JSON.stringify(key);
          // The key twice, in an object nested inside the chosen element.
          texts[index] = `{"nested":{${quoted}:1,${quoted}:[2]},"rest":${texts[index]}}`;
          expect(duplicateJsonKeys(`[${texts.join(',')}]`)).toEqual([{ index, key }]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('decodes escapes before comparing keys, and is not fooled by quotes and brackets in strings', () => {
    expect(duplicateJsonKeys('[{"code":"A","\\u0063ode":"B"}]')).toEqual([{ index: 0, key: 'code' }]);
    expect(duplicateJsonKeys('[{"a":"\\"}{[,","b":"x\\\\"},{"a":1,"a":2}]')).toEqual([
      { index: 1, key: 'a' },
    ]);
  });
});

describe('a JSON snapshot with a key written twice', () => {
  it('is a problem naming the row (array index) and the key (the last value silently won)', () => {
    const element = (code: string) =>
      `{"code":"${code}","title":"T","directorate":"D","section":"S","stage":"In Progress","due_date":"2025-03-31","percent_complete":5,"status":"Green","comments":"c"}`;
    const content = `[${element('A1')},${element('A2').replace('{', '{"code":"B",')}]`;
    const parsed = parseSnapshot({ name: 'q.json', format: 'json', content });
    expect(parsed.problems).toEqual([
      {
        file: 'q.json',
        row: 2,
        column: 'code',
        value: null,
        message:
          "has the key 'code' twice in one object (array index 1); JSON keeps only the last, so write each key once",
      },
    ]);
  });
});
