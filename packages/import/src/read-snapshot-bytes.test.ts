import { describe, expect, it } from 'vitest';
import { withoutByteOrderMark } from './read-snapshot-bytes.js';

async function joined(chunks: readonly number[][]): Promise<number[]> {
  async function* source() {
    for (const chunk of chunks) yield Buffer.from(chunk);
  }
  const out: number[] = [];
  for await (const chunk of withoutByteOrderMark(source())) out.push(...chunk);
  return out;
}

describe('withoutByteOrderMark', () => {
  it('removes a leading byte-order mark however the chunks split it', async () => {
    expect(await joined([[0xef, 0xbb, 0xbf, 0x61]])).toEqual([0x61]);
    expect(await joined([[0xef], [0xbb], [0xbf, 0x61], [0x62]])).toEqual([0x61, 0x62]);
    expect(await joined([[0xef, 0xbb], [], [0xbf]])).toEqual([]);
  });

  it('keeps everything else, a mark later in the file or a partial mark included', async () => {
    expect(await joined([[0x61], [0xef, 0xbb, 0xbf]])).toEqual([0x61, 0xef, 0xbb, 0xbf]);
    expect(await joined([[0xef, 0xbb]])).toEqual([0xef, 0xbb]);
    expect(await joined([[0xef], [0x61]])).toEqual([0xef, 0x61]);
    expect(await joined([])).toEqual([]);
  });
});
